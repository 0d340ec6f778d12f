"""Links that put sessions into people's calendars: webcal subscriptions, Google, Outlook.com."""
from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode

from django.urls import reverse

from network.absolute_urls import page_url


def webcal_url(request, path: str) -> str:
    """The feed address with the webcal:// scheme, which calendar apps open as a subscription."""
    absolute = request.build_absolute_uri(path)
    return "webcal://" + absolute.split("://", 1)[1]


def subscription_links(request, path: str, name: str) -> dict:
    """Subscribe links for one feed: webcal, plain https (to copy), Google and Outlook.com."""
    https_url = request.build_absolute_uri(path)
    webcal = webcal_url(request, path)
    return {
        "name": name,
        "ics": https_url,
        "webcal": webcal,
        # Google Calendar adds a subscription from a cid parameter holding the feed address.
        "google": "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
                   + urlencode({"url": https_url, "name": name}),
    }


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_links(request, session, text=None) -> dict:
    """Links to add one session: its .ics, and prefilled Google / Outlook.com event forms.

    ``session`` is the canonical session (the .ics and its UID); ``text`` its page in the
    reader's language, whose title and address go into the event forms (default: itself).
    Only public data goes in (no join link), as in the feeds.
    """
    text = text or session
    details = page_url(text, request)
    ics = request.build_absolute_uri(reverse("sessions:calendar_session", kwargs={"pk": session.pk}))
    google = {
        "action": "TEMPLATE",
        "text": text.title,
        "dates": f"{_utc(session.starts_at)}/{_utc(session.ends_at)}",
        "ctz": session.time_zone,
        "details": details,
        "location": session.location_text(),
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": text.title,
        "startdt": session.starts_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "enddt": session.ends_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "body": details,
        "location": session.location_text(),
    }
    return {
        "ics": ics,
        "webcal": "webcal://" + ics.split("://", 1)[1],
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "outlook": "https://outlook.live.com/calendar/0/action/compose?" + urlencode(outlook),
    }
