"""Which sessions each calendar feed holds, and the cheap validators (ETag, Last-Modified).

A feed is answered in two steps: first ``validators()`` from one small query, so a conditional
GET can be answered with 304 without building anything; only then ``render()``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from network.absolute_urls import page_url

from . import ical
from .models import Registration, SessionPage

# Bump when the feed output changes shape (new properties…) so ETags change with the code.
FEED_FORMAT_VERSION = "2"
# Fields the feed never reads: not worth loading.
_UNUSED = ("agenda", "materials", "summary", "join_url", "recording_url")


@dataclass
class Feed:
    """One calendar: its name, its sessions, and the wider scope used for Last-Modified."""

    key: str
    name: str
    description: str
    filename: str
    path: str
    # The public sessions the feed contains (a lazy queryset; public() is already applied).
    sessions: object
    # The same selection without the live/public filter: unpublishing or restricting a session
    # bumps its changed_at (see signals.py), which must still move Last-Modified forward.
    scope: object
    _rows: list | None = field(default=None, repr=False)

    def rows(self):
        if self._rows is None:
            self._rows = list(self.sessions.order_by("pk").values_list(
                "pk", "sequence", "changed_at", "url_path"))
        return self._rows

    def etag(self, request) -> str:
        """A strong ETag from everything the bytes depend on, without building them."""
        payload = json.dumps([
            FEED_FORMAT_VERSION, self.key, self.name, self.description,
            request.scheme, request.get_host(), settings.LANGUAGE_CODE,
            settings.CALENDAR_UID_DOMAIN,
            [[pk, seq, changed.isoformat() if changed else None, path]
             for pk, seq, changed, path in self.rows()],
        ])
        return f'"{hashlib.sha256(payload.encode()).hexdigest()[:40]}"'

    def last_modified(self):
        """The latest real change of any session in the feed's scope, or None."""
        return self.scope.aggregate(latest=Max("changed_at"))["latest"]

    # Public feeds may sit in shared caches; a private one (join links) may not.
    private = False

    def render(self, request) -> bytes:
        sessions = self.sessions.defer(*_UNUSED).order_by("starts_at", "pk")
        return ical.build_calendar(sessions, name=self.name, description=self.description,
                                   url_for=lambda session: page_url(session, request))


@dataclass
class PersonalFeed(Feed):
    """One person's calendar: the sessions they have a confirmed place at, join links included.

    Join links and registrations are not in the public validators, so the ETag is the hash of
    the bytes (small: one person's sessions), which depend on stored data only.
    """

    private = True
    _body: bytes | None = field(default=None, repr=False)

    def render(self, request) -> bytes:
        if self._body is None:
            sessions = (self.sessions.defer(*(f for f in _UNUSED if f != "join_url"))
                        .order_by("starts_at", "pk"))
            self._body = ical.build_calendar(
                sessions, name=self.name, description=self.description,
                url_for=lambda session: page_url(session, request),
                join_url_for=lambda session: session.join_url)
        return self._body

    def etag(self, request) -> str:
        return f'"{hashlib.sha256(self.render(request)).hexdigest()[:40]}"'

    def last_modified(self):
        return None


def _window(queryset):
    return queryset.in_feed_window()


def _site_name():
    return settings.WAGTAIL_SITE_NAME


def all_sessions_feed() -> Feed:
    """Every public session of the past twelve months and the future."""
    return Feed(
        key="all",
        name=_("%(site)s: sessions") % {"site": _site_name()},
        description=_("Thematic sessions and working groups of the network."),
        filename="sessions.ics",
        path=reverse("sessions:calendar_all"),
        sessions=_window(SessionPage.objects.published()),
        scope=_window(SessionPage.objects.all()),
    )


def theme_feed(theme) -> Feed:
    """The public sessions about one theme."""
    return Feed(
        key=f"theme:{theme.pk}",
        name=_("%(site)s: sessions about %(theme)s") % {"site": _site_name(), "theme": theme.name},
        description=theme.description,
        filename=f"sessions-{theme.slug}.ics",
        path=reverse("sessions:calendar_theme", kwargs={"slug": theme.slug}),
        sessions=_window(SessionPage.objects.published().filter(themes=theme)),
        scope=_window(SessionPage.objects.filter(themes=theme)),
    )


def series_feed(series) -> Feed:
    """The public sessions of one series."""
    return Feed(
        key=f"series:{series.pk}",
        name=_("%(site)s: %(series)s") % {"site": _site_name(), "series": series.name},
        description=series.description,
        filename=f"series-{series.slug}.ics",
        path=reverse("sessions:calendar_series", kwargs={"slug": series.slug}),
        sessions=_window(SessionPage.objects.published().filter(series=series)),
        scope=_window(SessionPage.objects.filter(series=series)),
    )


def single_session_feed(session) -> Feed:
    """One session as an .ics file (whatever its date)."""
    return Feed(
        key=f"session:{session.pk}",
        name=session.title,
        description="",
        filename=f"session-{session.pk}.ics",
        path=reverse("sessions:calendar_session", kwargs={"pk": session.pk}),
        sessions=SessionPage.objects.published().filter(pk=session.pk),
        scope=SessionPage.objects.filter(pk=session.pk),
    )


def personal_feed(participant) -> PersonalFeed:
    """The sessions ``participant`` has a confirmed place at (published, in the feed window)."""
    booked = Registration.objects.confirmed().filter(participant=participant).values("session_id")
    sessions = _window(SessionPage.objects.published().filter(pk__in=booked))
    # Named in the person's language, not the request's, so the bytes (and ETag) are stable.
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        name = _("%(name)s: my sessions") % {"name": participant.name}
        description = _("The sessions you registered for, with their join links. Private: do "
                        "not share this address.")
    return PersonalFeed(
        key=f"personal:{participant.pk}", name=name, description=description,
        filename="my-sessions.ics",
        path=reverse("sessions:calendar_personal", kwargs={"token": participant.calendar_token}),
        sessions=sessions, scope=sessions)
