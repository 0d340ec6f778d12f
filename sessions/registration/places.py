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
"""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Participant, Registration, RegistrationStatus, SessionPage
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
}


class RegistrationRefused(Exception):
    """A sign-up that cannot be made. ``code`` is a key of REFUSALS; ``message`` explains it."""

    def __init__(self, code, *, registration=None, area=None, limit=None):
        self.code = code
        self.registration = registration
        message = REFUSALS[code]
        if code == "area_full":
            message = message % {"area": area.name if area else "", "limit": limit}
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
    """The participant for ``email``, created if new.

    An existing participant's name and area are updated only by their own logged-in account:
    anyone can type someone else's address, but not rename them.
    """
    email = email.strip().lower()
    participant, created = Participant.objects.get_or_create(
        email=email, defaults={"name": name, "area": area, "language": language,
                               "user": user if _owns(user, email) else None})
    if not created and _owns(user, email):
        participant.name, participant.area, participant.user = name, area, user
        participant.language = language or participant.language
        participant.save(update_fields=["name", "area", "user", "language"])
    return participant


def _owns(user, email):
    return bool(user is not None and user.is_authenticated and user.email
                and user.email.strip().lower() == email)


def register(session, *, name, email, area=None, user=None, language="", added_by=None,
             notify=True, now=None):
    """Sign someone up: a confirmed place if one is free, else a place on the waiting list.

    Raises RegistrationRefused when registration is closed (organisers adding someone by hand,
    ``added_by``, may do so after the deadline, but not for a cancelled or started session),
    when the address is already registered, or when the person's member area has reached the
    session's per-area limit. Sends the confirmation e-mail unless ``notify`` is false.
    """
    now = now or timezone.now()
    if not language and added_by is not None and area is not None:
        language = COUNTRY_LANGUAGES.get(area.country, "")
    with transaction.atomic():
        locked = _lock(session.pk)
        state = locked.registration_state(now)
        if state != "open" and not (added_by is not None and state in ("not_yet", "closed")):
            raise RegistrationRefused(state)
        participant = _participant(email, name, area, user, language)
        existing = (Registration.objects.active()
                    .filter(session=locked, participant=participant).first())
        if existing is not None:
            raise RegistrationRefused("duplicate", registration=existing)
        if locked.max_per_area and area is not None:
            taken = Registration.objects.active().filter(session=locked, area=area).count()
            if taken >= locked.max_per_area:
                raise RegistrationRefused("area_full", area=area, limit=locked.max_per_area)
        seat = _next_seat(locked)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    session=locked, participant=participant, name=name, area=area, seat=seat,
                    status=RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITING,
                    added_by=added_by, created_at=now, status_changed_at=now)
        except IntegrityError:
            # Only reachable if the lock was bypassed: a parallel sign-up by the same person.
            existing = Registration.objects.active().filter(session=locked,
                                                            participant=participant).first()
            raise RegistrationRefused("duplicate", registration=existing) from None
    if notify:
        notifications.registered(registration)
    return registration


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
        was_confirmed = current.is_confirmed
        current.status = RegistrationStatus.CANCELLED
        current.seat = None
        current.cancelled_by = by
        current.status_changed_at = now
        current.save(update_fields=["status", "seat", "cancelled_by", "status_changed_at"])
        promoted = _fill_free_seats(locked, now) if was_confirmed else []
    registration.__dict__.update({field: getattr(current, field) for field in
                                  ("status", "seat", "cancelled_by_id", "status_changed_at")})
    if notify:
        notifications.cancelled(current, was_confirmed=was_confirmed, by_organiser=by is not None)
        for promoted_registration in promoted:
            notifications.promoted(promoted_registration)
    return promoted


def forget(participant, *, now=None):
    """Erase everything stored about a participant (the "forget me" of the GDPR).

    Places in sessions still to come are cancelled first, so that the waiting list moves up
    and the person's calendar app receives the cancellations; then the participant and all
    their registrations, past ones included, are deleted. Returns how many were deleted.
    """
    now = now or timezone.now()
    upcoming = (Registration.objects.active()
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
        promoted = _fill_free_seats(_lock(session.pk), now)
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
        Registration.objects.filter(pk__in=[r.pk for r in active]).update(
            status=RegistrationStatus.CANCELLED, seat=None, status_changed_at=now)
    return active
