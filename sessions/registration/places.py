"""Signing up for sessions: places, per-area limits and the waiting list, never overbooked.

How overbooking is prevented, even when many people sign up for the last places at once:

1. Every change to a session's registrations runs in one transaction that first locks the
   session's row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every transaction begins
   IMMEDIATE, which lets one writer in at a time, see ``network/settings/base.py``). Sign-ups
   for one session therefore take turns, and each sees the places taken before it.
2. A confirmed registration holds a seat number from 1 to the capacity, and a unique
   constraint lets no two registrations of a session hold the same seat. So even code that
   skipped the lock could not seat more people than there are places.

E-mails are sent after the transaction has committed, so nobody is told about a place that
was rolled back.

Sign-ups that must confirm their address first (``register(..., hold=True)``: visitors
without a verified account) are ``pending``: they hold a seat number, or their turn on the
waiting list, until ``hold_expires_at`` (``SESSION_SIGNUP_HOLD_MINUTES``). Confirming in time
makes them confirmed or waiting (``confirm``); a hold that ran out is released lazily, by the
next sign-up, confirmation or cancellation for the session (``_release_expired_holds``), or by
``manage.py expire_signup_holds``, and its seat goes to the waiting list. Pending sign-ups are
never promoted from the waiting list: free seats go to people whose address is known.
"""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.identity import owns_address

from ..models import Participant, Registration, RegistrationStatus, SessionPage
from ..models.registration import HOLDING_STATUSES, hold_expiry
from . import notifications

# Why a sign-up is refused, in words for the person signing up.
REFUSALS = {
    "cancelled": _("This session is cancelled, so registration is closed."),
    "started": _("This session has already started or taken place, so registration is closed."),
    "not_yet": _("Registration for this session has not opened yet."),
    "closed": _("The registration deadline for this session has passed."),
    "duplicate": _("This e-mail address is already registered for this session. The "
                   "confirmation e-mail has a link to see or cancel the registration."),
    "area_full": _("%(area)s has reached this session's limit of registrations per member area "
                   "(%(limit)d)."),
    "expired": _("This sign-up was not confirmed in time, so its place was released."),
}


class RegistrationRefused(Exception):
    """A sign-up that cannot be made. ``code`` is a key of REFUSALS; ``message`` explains it."""

    def __init__(self, code, *, registration=None, area=None, limit=None):
        self.code = code
        self.registration = registration
        message = REFUSALS[code]
        if code == "area_full":
            message = message % {"area": area.localized_name if area else "", "limit": limit}
        self.message = message
        super().__init__(str(message))


def _lock(session_id):
    """The session, its row locked until the transaction ends (a no-op lock on SQLite, where
    IMMEDIATE transactions already serialise writers)."""
    return SessionPage.objects.select_for_update(of=("self",)).get(pk=session_id)


def _next_seat(session):
    """The seat a new confirmed registration takes, or None when the session is full."""
    seats = set(Registration.objects.filter(session=session, seat__isnull=False)
                .values_list("seat", flat=True))
    if session.capacity is None:
        return max(seats, default=0) + 1
    if len(seats) >= session.capacity:
        # Also when the capacity was lowered below the places already given.
        return None
    return next(n for n in range(1, session.capacity + 1) if n not in seats)


# E-mails to people an organiser adds by hand go out in their area's language.
COUNTRY_LANGUAGES = {"NL": "nl", "DK": "da"}


def _participant(email, name, area, user, language):
    """(participant, created): the participant for ``email``, created if new.

    An existing participant's name and area are updated only by their own logged-in account:
    anyone can type someone else's address, but not rename them.
    """
    email = email.strip().lower()
    participant, created = Participant.objects.get_or_create(
        email=email, defaults={"name": name, "area": area, "language": language,
                               "user": user if owns_address(user, email) else None})
    if not created and owns_address(user, email):
        participant.name, participant.area, participant.user = name, area, user
        participant.language = language or participant.language
        participant.save(update_fields=["name", "area", "user", "language"])
    return participant, created


def register(session, *, name, email, area=None, user=None, language="", added_by=None,
             notify=True, now=None, hold=False):
    """Sign someone up: a confirmed place if one is free, else a place on the waiting list.

    Raises RegistrationRefused when registration is closed (organisers adding someone by hand,
    ``added_by``, may do so after the deadline, but not for a cancelled or started session),
    when the address is already registered, or when the person's member area has reached the
    session's per-area limit. Sends the confirmation e-mail unless ``notify`` is false.

    With ``hold``, the address is not yet known to be the signer's: the sign-up is ``pending``
    and holds a seat (or a waiting-list turn) until the hold expires, and the e-mail asks to
    confirm it (``confirm``). The per-area limit is checked before the duplicate check then, so
    that which refusal a stranger gets says nothing about the address they typed.
    """
    now = now or timezone.now()
    if not language and added_by is not None and area is not None:
        language = COUNTRY_LANGUAGES.get(area.country, "")
    # Signing up on a session's Dutch or Danish page signs up for the event itself.
    session = session.canonical
    # A closed session refuses before anything is stored (checked again under the lock).
    _check_state(session, now, added_by)
    # The participant is found or made before the session is locked: it holds no place, and the
    # lock is what every sign-up for the session queues for, so it is held for as few
    # statements as possible (the sign-up burst of #17).
    participant, created = _participant(email, name, area, user, language)
    try:
        with transaction.atomic():
            locked = _lock(session.pk)
            _check_state(locked, now, added_by)
            released = _release_expired_holds(locked, now)
            checks = (_check_area, _check_duplicate) if hold else (_check_duplicate, _check_area)
            for check in checks:
                check(locked, participant, area, now)
            seat = _next_seat(locked)
            if hold:
                status = RegistrationStatus.PENDING
            else:
                status = RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITING
            # No savepoint of its own: an IntegrityError rolls the whole sign-up back (below).
            registration = Registration.objects.create(
                session=locked, participant=participant, name=name, area=area, seat=seat,
                status=status, hold_expires_at=hold_expiry(now) if hold else None,
                added_by=added_by, created_at=now, status_changed_at=now, language=language)
    except IntegrityError:
        # Only reachable if the lock was bypassed: a parallel sign-up by the same person.
        existing = Registration.objects.holding(now).filter(session_id=session.pk,
                                                            participant=participant).first()
        raise RegistrationRefused("duplicate", registration=existing) from None
    except RegistrationRefused:
        if created:
            # A refused sign-up leaves nothing behind: the address was new, and nothing else
            # refers to it yet.
            Participant.objects.filter(pk=participant.pk, registrations__isnull=True).delete()
        raise
    _announce_promotions(released)
    if notify:
        if hold:
            notifications.confirm_address(registration)
        else:
            notifications.registered(registration)
    return registration


def _check_state(session, now, added_by):
    """Refuse unless the session takes sign-ups now (organisers adding someone by hand may do
    so before registration opens and after it closes)."""
    state = session.registration_state(now)
    if state != "open" and not (added_by is not None and state in ("not_yet", "closed")):
        raise RegistrationRefused(state)


def _check_duplicate(session, participant, area, now):
    existing = (Registration.objects.holding(now)
                .filter(session=session, participant=participant).first())
    if existing is not None:
        raise RegistrationRefused("duplicate", registration=existing)


def _check_area(session, participant, area, now):
    # Pending sign-ups count while they hold a place, so that confirming one never takes the
    # area past its limit.
    if session.max_per_area and area is not None:
        taken = Registration.objects.holding(now).filter(session=session, area=area).count()
        if taken >= session.max_per_area:
            raise RegistrationRefused("area_full", area=area, limit=session.max_per_area)


def _release_expired_holds(session, now):
    """Cancel the session's pending sign-ups whose hold has ended and give the seats they held
    to the waiting list. Runs inside the caller's transaction with the session locked; returns
    the registrations promoted (the caller e-mails them after the commit)."""
    # One read, and a write only when a hold has run out (rarely): every write starts a new
    # page-cache generation, and this runs with the session locked.
    expired = list(Registration.objects.expired_holds(now).filter(session=session)
                   .values_list("pk", "seat"))
    if not expired:
        return []
    # hold_expires_at stays: the confirmation link then explains that the place was released.
    Registration.objects.filter(pk__in=[pk for pk, _seat in expired]).update(
        status=RegistrationStatus.CANCELLED, seat=None, status_changed_at=now)
    seats_freed = any(seat is not None for _pk, seat in expired)
    return _fill_free_seats(session, now) if seats_freed else []


def _announce_promotions(promoted):
    for registration in promoted:
        notifications.promoted(registration)


def confirm(registration, *, notify=True, now=None):
    """Confirm a pending sign-up from the link in its e-mail: its held seat becomes a confirmed
    place, a held waiting-list turn a place on the waiting list (in the order of signing up,
    and at once a place if one is free). Confirming twice is harmless.

    Raises RegistrationRefused("expired") when the hold ran out first (the place was released),
    or when the session no longer takes sign-ups.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.PENDING:
            registration.__dict__.update(status=current.status, seat=current.seat)
            if current.hold_has_expired(now):
                raise RegistrationRefused("expired")
            return current
        if current.hold_has_expired(now):
            released = _release_expired_holds(locked, now)
            expired = True
        else:
            state = locked.registration_state(now)
            if state in ("cancelled", "started"):
                raise RegistrationRefused(state)
            current.status = (RegistrationStatus.CONFIRMED if current.seat
                              else RegistrationStatus.WAITING)
            current.hold_expires_at = None
            current.status_changed_at = now
            current.save(update_fields=["status", "hold_expires_at", "status_changed_at"])
            released = _fill_free_seats(locked, now)
            expired = False
    if expired:
        _announce_promotions(released)
        raise RegistrationRefused("expired")
    if any(promoted.pk == current.pk for promoted in released):
        current.refresh_from_db()
        released = [promoted for promoted in released if promoted.pk != current.pk]
    registration.__dict__.update({field: getattr(current, field) for field in
                                  ("status", "seat", "hold_expires_at", "status_changed_at")})
    if notify:
        notifications.registered(current)
        _announce_promotions(released)
    return current


def expire_holds(*, now=None):
    """Release every expired hold (all sessions) and promote the waiting lists; returns
    (holds released, people promoted). Holds are also released lazily; this is for the record
    and for sessions nobody touches."""
    now = now or timezone.now()
    session_ids = set(Registration.objects.expired_holds(now).values_list("session_id", flat=True))
    released = promoted_count = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            locked = _lock(session_id)
            released += Registration.objects.expired_holds(now).filter(session=locked).count()
            promoted = _release_expired_holds(locked, now)
        _announce_promotions(promoted)
        promoted_count += len(promoted)
    return released, promoted_count


def _fill_free_seats(session, now):
    """Move people up from the waiting list into free seats; return those promoted.

    Runs inside the caller's transaction with the session locked. Nobody is promoted into a
    cancelled session or one that has started.
    """
    if session.registration_state(now) in ("cancelled", "started"):
        return []
    promoted = []
    for registration in Registration.objects.waiting().filter(session=session):
        seat = _next_seat(session)
        if seat is None:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.seat = seat
        registration.status_changed_at = now
        registration.save(update_fields=["status", "seat", "status_changed_at"])
        promoted.append(registration)
    return promoted


def cancel(registration, *, by=None, notify=True, now=None):
    """Cancel a registration (by the participant, or by an organiser: ``by``).

    A freed place goes to the first person on the waiting list at once. Returns the
    registrations promoted. Cancelling twice is harmless.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration.session_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        was_confirmed, was_pending = current.is_confirmed, current.is_pending
        held_seat = current.seat is not None
        current.status = RegistrationStatus.CANCELLED
        current.seat = None
        current.hold_expires_at = None  # cancelled, not expired
        current.cancelled_by = by
        current.status_changed_at = now
        current.save(update_fields=["status", "seat", "hold_expires_at", "cancelled_by",
                                    "status_changed_at"])
        promoted = _fill_free_seats(locked, now) if held_seat else []
        promoted += _release_expired_holds(locked, now)
    registration.__dict__.update({field: getattr(current, field) for field in
                                  ("status", "seat", "hold_expires_at", "cancelled_by_id",
                                   "status_changed_at")})
    # A sign-up never confirmed was never announced: nothing to take back by e-mail.
    if notify and not was_pending:
        notifications.cancelled(current, was_confirmed=was_confirmed, by_organiser=by is not None)
    if notify:
        _announce_promotions(promoted)
    return promoted


def forget(participant, *, now=None):
    """Erase everything stored about a participant (the "forget me" of the GDPR).

    Places in sessions still to come are cancelled first, so that the waiting list moves up
    and the person's calendar app receives the cancellations; then the participant and all
    their registrations, past ones included, are deleted. Returns how many were deleted.
    """
    now = now or timezone.now()
    upcoming = (Registration.objects.filter(status__in=HOLDING_STATUSES)
                .filter(participant=participant, session__starts_at__gt=now)
                .select_related("participant", "session"))
    for registration in upcoming:
        cancel(registration, now=now)
    count = Registration.objects.filter(participant=participant).count()
    participant.delete()
    return count


def fill_free_seats(session, *, notify=True, now=None):
    """Give free places to the waiting list (after the capacity was raised); return those
    promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(session.pk)
        promoted = _release_expired_holds(locked, now) + _fill_free_seats(locked, now)
    if notify:
        for registration in promoted:
            notifications.promoted(registration)
    return promoted


def session_published(session):
    """After an organiser publishes a session: fill free places and tell registered people
    about a change of time, place or status.

    The session's SEQUENCE rises with every such change (see ``SessionPage._track_changes``);
    ``notified_sequence`` records what people were last told, so each change is announced
    once, even if two publishes race.
    """
    fill_free_seats(session)
    session = SessionPage.objects.get(pk=session.pk)
    if session.sequence <= session.notified_sequence:
        return 0
    claimed = (SessionPage.objects.filter(pk=session.pk, notified_sequence=session.notified_sequence)
               .update(notified_sequence=session.sequence))
    if not claimed:
        return 0
    return notifications.session_changed(session)


def withdraw(session, *, now=None):
    """Cancel every active registration of a session that is being deleted or unpublished.

    Nobody moves up from the waiting list (the session no longer takes place). Returns the
    registrations as they were before (confirmed or waiting), for the e-mails; the caller
    sends those after the transaction commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        _lock(session.pk)
        active = list(Registration.objects.active().filter(session_id=session.pk)
                      .select_related("participant"))
        # Pending sign-ups go too, without an e-mail: their address was never confirmed.
        Registration.objects.filter(session_id=session.pk, status__in=HOLDING_STATUSES).update(
            status=RegistrationStatus.CANCELLED, seat=None, hold_expires_at=None,
            status_changed_at=now)
    return active
