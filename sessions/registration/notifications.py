"""E-mails to registered people, each in the language they used, with calendar invitations.

A confirmed place comes with an iTIP REQUEST (the session with its join link) and a cancelled
place or session with an iTIP CANCEL, both using the session's UID from the feeds, so that
Google Calendar, Outlook, Apple Calendar and Thunderbird add, update and remove the same event.
One e-mail per person: nobody sees the other recipients' addresses. Each is handed to
``network.mail.send``: built here, sent by a task (at once in development, by the worker in
production), retried if the mail server refuses.
"""
from __future__ import annotations

import copy
from email import encoders
from email.mime.base import MIMEBase
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import SafeMIMEMultipart
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network import mail
from network.absolute_urls import absolute_url, page_url

from ..calendars import ical
from ..languages import session_text
from ..localtime import clock, long_date
from ..models import Registration, SessionPage


def links(registration, page=None) -> dict:
    """The absolute links an e-mail gives one registered person, on SITE_URL, in the active
    language (/nl/… when it is Dutch); ``page`` is the session's page in that language.

    E-mails are also sent outside any request (an organiser's change, a management command),
    so they never depend on one: SITE_URL is the one address they use.
    """
    session = page or registration.session
    token = registration.participant.manage_token
    return {
        "page": page_url(session),
        "manage": absolute_url(reverse("sessions:registration_manage", kwargs={"token": token})),
        "cancel": absolute_url(reverse("sessions:registration_cancel",
                                       kwargs={"token": token, "pk": registration.pk})),
        "calendar": absolute_url(reverse(
            "sessions:calendar_personal",
            kwargs={"token": registration.participant.calendar_token})),
        "confirm": absolute_url(reverse("sessions:registration_confirm",
                                        kwargs={"token": token, "pk": registration.pk})),
    }


def when_range(session) -> str:
    """"Thursday 14 May 2026, 15:00–16:30 CEST" in the active language."""
    start, end = session.local_start, session.local_end
    return f"{long_date(start)}, {clock(start)}–{clock(end)} {start.tzname()}"


def _local_time(moment, session) -> str:
    """"15:30 CEST, Thursday 14 May 2026" in the session's time zone and the active language."""
    local = timezone.localtime(moment, session.zone)
    return f"{clock(local)} {local.tzname()}, {long_date(local)}"


def _calendar_part(data: bytes, method: str, *, attachment: bool) -> MIMEBase:
    """One MIME part carrying the iTIP message ``data``.

    Inline: ``text/calendar; method=…; charset=utf-8``, the part Outlook and Gmail read as a
    meeting invitation (the method must equal METHOD inside). Attachment: the same bytes as
    ``application/ics`` named invite.ics, for clients that only offer attachments. Both are
    base64, so the CRLF line ends and 75-octet folding reach the client byte for byte (8bit
    would let relays rewrite line ends; quoted-printable would fold long lines again).
    """
    if attachment:
        part = MIMEBase("application", "ics", name="invite.ics")
        part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    else:
        part = MIMEBase("text", "calendar")
        # Unquoted tokens, as calendar services write them: some parsers compare literally.
        part.replace_header("Content-Type", f"text/calendar; method={method}; charset=utf-8")
    part.set_payload(data)
    encoders.encode_base64(part)
    return part


class InvitationEmail(EmailMessage):
    """An e-mail with an iTIP invitation, in the shape mail clients recognise:

    multipart/mixed [ multipart/alternative [ text/plain, text/calendar; method=… ],
    application/ics attachment invite.ics ].
    """

    def __init__(self, *args, calendar: bytes | str, method: str, **kwargs):
        super().__init__(*args, **kwargs)
        # A str is the calendar as stored in a task's arguments (``task_kwargs``).
        self.calendar = calendar.encode() if isinstance(calendar, str) else calendar
        self.method = method
        self.calendar_part = _calendar_part(self.calendar, method, attachment=False)
        self.attach(_calendar_part(self.calendar, method, attachment=True))

    def _create_message(self, msg):
        # Django's hook between the body part and the attachments (EmailMultiAlternatives
        # overrides it too): its alternatives can only be text Django encodes itself, so the
        # alternative with the inline calendar part is built here.
        alternative = SafeMIMEMultipart(_subtype="alternative",
                                        encoding=self.encoding or settings.DEFAULT_CHARSET)
        alternative.attach(msg)
        alternative.attach(self.calendar_part)
        return self._create_attachments(alternative)

    def task_kwargs(self) -> dict:
        """What ``network.mail`` stores to build this invitation again in the task (an iCalendar
        is UTF-8 text)."""
        return {"calendar": self.calendar.decode(), "method": self.method}


def _current_sequence(session) -> int:
    """The session's SEQUENCE as stored now (never below the in-memory value).

    The stored sequence only ever rises (``SessionPage._track_changes`` starts from the stored
    row), and every invitation sent so far carried a value read from it; reading it again at
    sending time therefore keeps each person's messages in order, whatever copy of the session
    the caller holds: a CANCEL is never older than the last REQUEST the person got.
    """
    stored = SessionPage.objects.filter(pk=session.pk).values_list("sequence", flat=True).first()
    return max(session.sequence, stored or 0)


def _reply_to(session, sender=None):
    """Replies go to the person who wrote (an organiser's message) or the session's organiser."""
    for address in (getattr(sender, "email", ""),
                    session.organiser.email if session.organiser_id else ""):
        if address:
            return [address]
    return []


def as_read_in(session, language):
    """``session`` (canonical, possibly changed in memory) with the title and cancellation
    reason of its page in ``language``, and that page as ``.text``: what an e-mail in that
    language shows. Facts, UID and SEQUENCE stay the session's."""
    text = session_text(session, language) if session.pk else session
    if text is session:
        session.text = session
        return session
    shown = copy.copy(session)
    shown.title = text.title
    shown.text = text
    # A reason written for this message (a withdrawn session's, lazily translated) stays;
    # the organiser's own reason is shown as translated, where it is.
    if isinstance(session.cancellation_reason, str) and text.cancellation_reason:
        shown.cancellation_reason = text.cancellation_reason
    return shown


def _send(registration, template, subject, *, method=None, extra=None, sender=None):
    participant = registration.participant
    language = registration.email_language
    with translation.override(language):
        session = as_read_in(registration.session, language)
        context = {
            "name": registration.name,
            "session": session,
            "when": when_range(session),
            "where": session.location_text(),
            "links": links(registration, session.text),
            "network_name": settings.WAGTAIL_SITE_NAME,
            "confirmed": registration.is_confirmed,
            "show_join": bool(session.join_url) and registration.is_confirmed
            and not session.is_cancelled,
            "previous_when": (ical.when_text(session.previous_local_start)
                              if session.previous_starts_at else ""),
            **(extra or {}),
        }
        if registration.hold_expires_at:
            context["hold_until"] = _local_time(registration.hold_expires_at, session)
        body = render_to_string(f"sessions/email/{template}.txt", context)
        subject = str(subject) % {"title": session.title}
        headers = {"Auto-Submitted": "auto-generated"}
        to = [formataddr((registration.name, participant.email))]
        reply_to = _reply_to(session, sender)
        if method:
            calendar = ical.invitation(
                session, url=context["links"]["page"], method=method,
                attendee_name=registration.name, attendee_email=participant.email,
                join_url=session.join_url, sequence=_current_sequence(session))
            message = InvitationEmail(subject, body, to=to, reply_to=reply_to, headers=headers,
                                      calendar=calendar, method=method)
        else:
            message = EmailMessage(subject, body, to=to, reply_to=reply_to, headers=headers)
    # The registration stands whatever the mail server says; the task logs a failure.
    return mail.send(message, about=f"{template} e-mail for registration {registration.pk}")


def registered(registration):
    """The confirmation after signing up: a place (with invitation) or a waiting-list turn."""
    if registration.is_confirmed:
        return _send(registration, "confirmed", _("Registered: %(title)s"), method="REQUEST")
    return _send(registration, "waiting", _("Waiting list: %(title)s"),
                 extra={"position": registration.waiting_position()})


def confirm_address(registration):
    """To the address a visitor typed: confirm it within the hold to keep the place (or turn).

    The page the visitor sees is the same whatever the address; only its owner reads this."""
    return _send(registration, "confirm_address", _("Please confirm your registration: %(title)s"),
                 extra={"holds_seat": registration.seat is not None})


def already_registered(registration):
    """Someone signed this address up again: tell its owner it already is, with its links
    (the page gave the signer the same answer as for a new address)."""
    return _send(registration, "already_registered", _("You are already registered: %(title)s"),
                 extra={"position": registration.waiting_position()})


def manage_link_renewed(participant):
    """The new secret link to a person's registrations, after they replaced the old one."""
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        body = render_to_string("sessions/email/manage_link_renewed.txt", {
            "name": participant.name,
            "network_name": settings.WAGTAIL_SITE_NAME,
            "manage": absolute_url(reverse("sessions:registration_manage",
                                           kwargs={"token": participant.manage_token})),
        })
        message = EmailMessage(_("Your new link to your registrations"), body,
                               to=[formataddr((participant.name, participant.email))],
                               headers={"Auto-Submitted": "auto-generated"})
    return mail.send(message, about=f"the new manage link to participant {participant.pk}")


def promoted(registration):
    """A place came free and is now this person's."""
    return _send(registration, "promoted", _("You have a place: %(title)s"), method="REQUEST")


def cancelled(registration, *, was_confirmed, by_organiser):
    """The person's registration was cancelled, by themselves or by an organiser."""
    template = "removed" if by_organiser else "cancelled"
    subject = (_("Your registration was removed: %(title)s") if by_organiser
               else _("Registration cancelled: %(title)s"))
    return _send(registration, template, subject, method="CANCEL" if was_confirmed else None)


def session_changed(session):
    """Tell everyone registered that the session was cancelled, moved or changed place.

    Confirmed people get the updated invitation (a CANCEL for a cancelled session); people on
    the waiting list get the news without one. Returns how many e-mails were sent.
    """
    registrations = (Registration.objects.active().filter(session=session)
                     .select_related("participant", "session"))
    sent = 0
    for registration in registrations:
        registration.session = session
        if session.is_cancelled:
            ok = _send(registration, "session_cancelled", _("Cancelled: %(title)s"),
                       method="CANCEL" if registration.is_confirmed else None)
        else:
            ok = _send(registration, "session_changed", _("Changed: %(title)s"),
                       method="REQUEST" if registration.is_confirmed else None)
        sent += ok
    return sent


def message_registrants(session, *, subject, body, include_waiting=False, sender=None):
    """An organiser's message to everyone with a place (and the waiting list if asked).

    One e-mail per person, with their own links at the foot; replies go to ``sender`` (the
    organiser's account) if it has an e-mail address. Returns how many were sent.
    """
    registrations = Registration.objects.filter(session=session).select_related("participant")
    registrations = registrations.active() if include_waiting else registrations.confirmed()
    sent = 0
    for registration in registrations:
        registration.session = session
        sent += _send(registration, "organiser_message", subject.replace("%", "%%"),
                      extra={"message": body}, sender=sender)
    return sent


def session_withdrawn(registrations, session):
    """Tell the people of ``registrations`` that ``session`` was deleted or unpublished.

    The registrations are already cancelled (or deleted with the session), so they are passed
    in, as they were, rather than looked up; ``session`` is the in-memory session marked
    cancelled with the SEQUENCE the feeds show. Confirmed people get an iTIP CANCEL. Returns
    how many e-mails were sent.
    """
    sent = 0
    for registration in registrations:
        registration.session = session
        sent += _send(registration, "session_cancelled", _("Cancelled: %(title)s"),
                      method="CANCEL" if registration.is_confirmed else None)
    return sent
