"""Sign-ups for sessions: the people who registered, and their places or waiting-list turns.

The rules that keep a session from being overbooked live in
``sessions/registration/places.py``; the tables here carry the guarantees the database itself
can enforce:

- a person (one e-mail address) has at most one active registration per session;
- a confirmed registration holds a seat number, and no two registrations share a seat. The
  service hands out seats 1..capacity only, so a session can never hold more confirmed people
  than seats even if two sign-ups race past each other.
- a sign-up awaiting confirmation of its address (``pending``) holds a seat number too, or a
  turn on the waiting list, until ``hold_expires_at``: the same seat constraint covers it.
"""
import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.identity import verified_email
from network.models import MemberArea


def new_token():
    """A URL-safe secret of 256 bits, for the links only the participant receives."""
    return secrets.token_urlsafe(32)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("Waiting list")
    # Its own context: a cancelled registration is "afgemeld"/"afmeldt", not a cancelled session.
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    # Signed up by someone who has not yet confirmed the address from the e-mail we sent:
    # holds a seat (or a waiting-list turn) until ``hold_expires_at``.
    PENDING = "pending", _("Awaiting confirmation")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
# What holds a place or a turn: the active statuses and a pending sign-up (until its hold ends).
HOLDING_STATUSES = (*ACTIVE_STATUSES, RegistrationStatus.PENDING)


def hold_expiry(now=None):
    """When a sign-up made now stops holding its place unless the address is confirmed."""
    minutes = getattr(settings, "SESSION_SIGNUP_HOLD_MINUTES", 30)
    return (now or timezone.now()) + datetime.timedelta(minutes=minutes)


class ParticipantQuerySet(models.QuerySet):
    def matching(self, *, user=None, emails=()):
        """Participants linked to ``user`` or known by one of ``emails`` (any capitalisation)."""
        match = Q(pk__in=[])
        if user is not None and user.pk is not None:
            match |= Q(user=user)
        for email in emails:
            if email:
                match |= Q(email__iexact=email.strip())
        return self.filter(match)

    def for_user(self, user):
        """The participants a logged-in account stands for: linked to it, or signed up with the
        account's verified e-mail address (``network.identity``). An address merely typed into
        the account matches nothing: anyone can type anyone's. Registrations made under the
        address before it was confirmed appear once it is (matched when read, not copied)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.matching(user=user, emails=[verified_email(user)])


class Participant(models.Model):
    """Someone who signs up for sessions, known by an e-mail address.

    People need no account to sign up: the confirmation e-mail carries a secret link to their
    registrations (``manage_token``) and a separate secret calendar address
    (``calendar_token``). The calendar address is handed to calendar services, so it can be
    replaced on its own without breaking the link in the e-mails.
    """

    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=120)
    area = models.ForeignKey(MemberArea, verbose_name=_("member area"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True,
                             blank=True, on_delete=models.SET_NULL,
                             related_name="session_participants")
    # The language the person used on the site, for the e-mails we send later.
    language = models.CharField(_("language"), max_length=8, blank=True)
    manage_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_token,
                                      editable=False)
    calendar_reset_at = models.DateTimeField(null=True, blank=True, editable=False)
    manage_reset_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            # One participant per address, whatever the capitalisation.
            models.UniqueConstraint(Lower("email"), name="participant_unique_email"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def reset_calendar_token(self):
        """Replace the secret calendar address: the old one stops working at once."""
        self.calendar_token = new_token()
        self.calendar_reset_at = timezone.now()
        self.save(update_fields=["calendar_token", "calendar_reset_at"])

    def reset_manage_token(self):
        """Replace the secret link to the registrations page: the old link stops working at
        once (every link in earlier e-mails, cancel and confirm links included)."""
        self.manage_token = new_token()
        self.manage_reset_at = timezone.now()
        self.save(update_fields=["manage_token", "manage_reset_at"])


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Confirmed places and waiting-list turns (not cancelled ones)."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def holding(self, now=None):
        """Active registrations and pending sign-ups whose hold has not ended: what takes a
        seat, a waiting-list turn or a share of the per-area limit."""
        now = now or timezone.now()
        return self.filter(Q(status__in=ACTIVE_STATUSES)
                           | Q(status=RegistrationStatus.PENDING, hold_expires_at__gt=now))

    def expired_holds(self, now=None):
        """Pending sign-ups whose hold has ended: their place is to be released."""
        return self.filter(status=RegistrationStatus.PENDING,
                           hold_expires_at__lte=now or timezone.now())

    def waiting(self):
        """The waiting list in its order: first come, first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def with_waiting_position(self):
        """Annotate ``waiting_ahead``: how many wait before each registration in its session
        (one subquery, so a list of someone's registrations costs one query)."""
        ahead = (Registration.objects.filter(session=OuterRef("session"),
                                             status=RegistrationStatus.WAITING)
                 .filter(_ahead_of(OuterRef("created_at"), OuterRef("pk")))
                 .order_by().values("session").annotate(n=Count("pk")).values("n"))
        return self.annotate(waiting_ahead=Coalesce(Subquery(ahead), 0))


def _ahead_of(created_at, pk):
    """Waiting-list order: earlier sign-up first, the lower id among simultaneous ones."""
    return Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)


class Registration(models.Model):
    """One person's sign-up for one session: a confirmed place, a waiting-list turn, or cancelled.

    Name and member area are kept as they were given for this session; the per-area limit
    counts ``area``.
    """

    session = models.ForeignKey("network_sessions.SessionPage", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(Participant, verbose_name=_("participant"),
                                    on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=120)
    area = models.ForeignKey(MemberArea, verbose_name=_("member area"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="session_registrations")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    # Until when a pending sign-up holds its place; kept on an expired (cancelled) one, which
    # tells the confirmation page to say the place was released.
    hold_expires_at = models.DateTimeField(_("held until"), null=True, blank=True, editable=False)
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    # The language of the page the person signed up on (or their area's, when an organiser
    # added them): e-mails about this registration are written in it, with links to the pages
    # in that language. Empty for registrations older than the languages: the participant's.
    language = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"],
                                    condition=Q(status__in=HOLDING_STATUSES),
                                    name="registration_one_active_per_person"),
            models.UniqueConstraint(fields=["session", "seat"], name="registration_one_per_seat"),
            # A seat belongs to a confirmed place or a pending sign-up holding it, nothing else.
            models.CheckConstraint(
                condition=(Q(status=RegistrationStatus.CONFIRMED, seat__gte=1)
                           | Q(status=RegistrationStatus.PENDING, seat__gte=1)
                           | (~Q(status=RegistrationStatus.CONFIRMED) & Q(seat__isnull=True))),
                name="registration_seat_when_held"),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.PENDING) | Q(hold_expires_at__isnull=False),
                name="registration_pending_has_hold"),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"],
                                name="registration_session_status")]

    def __str__(self):
        return f"{self.name} – {self.session_id} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def email_language(self):
        """The language e-mails about this registration are written in."""
        return self.language or self.participant.language or settings.LANGUAGE_CODE

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_pending(self):
        return self.status == RegistrationStatus.PENDING

    def hold_has_expired(self, now=None):
        """Whether this sign-up was (or is about to be) released for want of confirmation."""
        return bool(self.hold_expires_at and self.hold_expires_at <= (now or timezone.now())
                    and self.status in (RegistrationStatus.PENDING, RegistrationStatus.CANCELLED))

    def waiting_position(self):
        """1 for the first on the waiting list, and so on; None unless waiting."""
        if not self.is_waiting:
            return None
        ahead = getattr(self, "waiting_ahead", None)  # see with_waiting_position()
        if ahead is None:
            ahead = (Registration.objects.waiting().filter(session_id=self.session_id)
                     .filter(_ahead_of(self.created_at, self.pk)).count())
        return ahead + 1
