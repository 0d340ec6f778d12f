"""E-mails to registered people, each in the language they used, with calendar invitations.

A confirmed place comes with an iTIP REQUEST (the session with its join link) and a cancelled
place or session with an iTIP CANCEL, both using the session's UID from the feeds, so that
Google Calendar, Outlook, Apple Calendar and Thunderbird add, update and remove the same event.
One e-mail per person: nobody sees the other recipients' addresses.
"""
from __future__ import annotations

import logging
from email.mime.text import MIMEText
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from network.absolute_urls import absolute_url, page_url

from . import ical
from .models import Registration

logger = logging.getLogger(__name__)


def links(registration) -> dict:
    """The absolute links an e-mail gives one registered person, on SITE_URL.

    E-mails are also sent outside any request (an organiser's change, a management command),
    so they never depend on one: SITE_URL is the one address they use.
    """
    session = registration.session
    token = registration.participant.manage_token
    return {
        "page": page_url(session),
        "manage": absolute_url(reverse("sessions:registration_manage", kwargs={"token": token})),
        "cancel": absolute_url(reverse("sessions:registration_cancel",
                                       kwargs={"token": token, "pk": registration.pk})),
        "calendar": absolute_url(reverse(
            "sessions:calendar_personal",
            kwargs={"token": registration.participant.calendar_token})),
    }


def when_range(session) -> str:
    """"Thursday 14 May 2026, 15:00–16:30 CEST" in the active language."""
    start, end = session.local_start, session.local_end
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M} {start.tzname()}"


def _calendar_part(data: bytes, method: str) -> MIMEText:
    # text/calendar with the iTIP method in the Content-Type is what mail clients look for.
    part = MIMEText(data.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def _reply_to(session, sender=None):
    """Replies go to the person who wrote (an organiser's message) or the session's organiser."""
    for address in (getattr(sender, "email", ""),
                    session.organiser.email if session.organiser_id else ""):
        if address:
            return [address]
    return []


def _send(registration, template, subject, *, method=None, extra=None, sender=None):
    participant = registration.participant
    session = registration.session
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        context = {
            "name": registration.name,
            "session": session,
            "when": when_range(session),
            "where": session.location_text(),
            "links": links(registration),
            "network_name": settings.WAGTAIL_SITE_NAME,
            "confirmed": registration.is_confirmed,
            "show_join": bool(session.join_url) and registration.is_confirmed
            and not session.is_cancelled,
            "previous_when": (ical.when_text(session.previous_local_start)
                              if session.previous_starts_at else ""),
            **(extra or {}),
        }
        body = render_to_string(f"sessions/email/{template}.txt", context)
        subject = str(subject) % {"title": session.title}
        message = EmailMessage(subject, body, to=[formataddr((registration.name,
                                                              participant.email))],
                               reply_to=_reply_to(session, sender))
        message.extra_headers["Auto-Submitted"] = "auto-generated"
        if method:
            message.attach(_calendar_part(ical.invitation(
                session, url=context["links"]["page"], method=method,
                attendee_name=registration.name, attendee_email=participant.email,
                join_url=session.join_url), method))
    try:
        message.send()
    except OSError:
        # The registration stands; the person can always open the page. Log for the admins.
        logger.exception("Could not send %s e-mail for registration %s", template, registration.pk)
        return False
    return True


def registered(registration):
    """The confirmation after signing up: a place (with invitation) or a waiting-list turn."""
    if registration.is_confirmed:
        return _send(registration, "confirmed", _("Registered: %(title)s"), method="REQUEST")
    return _send(registration, "waiting", _("Waiting list: %(title)s"),
                 extra={"position": registration.waiting_position()})


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
