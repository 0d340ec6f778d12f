"""Which sessions each public calendar feed holds, and its cheap validators (ETag,
Last-Modified). A registered person's own feed builds on ``Feed``: see
``sessions.registration.feeds``.

A feed is answered in two steps: first ``validators()`` from one small query, so a conditional
GET can be answered with 304 without building anything; only then ``render()``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from network import memo, pagecache
from network.absolute_urls import page_url

from ..languages import active_language, attach_texts, default_language, localized_copy
from ..models import FEED_PAST_MONTHS, FeedTombstone, SessionPage, feed_history
from . import ical
from .rows import PageUrls, feed_events

# Bump when the feed output changes shape (new properties…) so ETags change with the code.
FEED_FORMAT_VERSION = "3"
#: How many public feeds' bytes one process keeps, gzipped (``Feed.body``): the all-sessions
#: feed in three languages and the most asked theme and series feeds, about 100 KB each at
#: #17's size.
KEPT_BODIES = 8
# Fields the feed never reads: not worth loading.
UNUSED_FIELDS = ("agenda", "materials", "summary", "join_url", "recording_url")


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
    _tombstones: list | None = field(default=None, repr=False)
    _stamp: tuple | None = field(default=None, repr=False)
    # The earliest end among the scope's sessions (windowed feeds): see validators().
    _first_end: object = field(default=None, repr=False)
    _validators: tuple | None = field(default=None, repr=False)
    # For feeds limited to the feed window: the selection without that limit, so that a
    # session ageing out of the window also moves Last-Modified (to the moment it left).
    unwindowed: object = field(default=None, repr=False)
    # The language the feed is written in: the active one when it was made (the address's
    # /nl/ or /da/ prefix; the unprefixed and /en/ addresses are English).
    language: str = field(default_factory=lambda: active_language())
    _texts: list | None = field(default=None, repr=False)

    def rows(self):
        if self._rows is None:
            self._rows = list(self.sessions.order_by("pk").values_list(
                "pk", "sequence", "changed_at", "url_path"))
        return self._rows

    def text_rows(self):
        """In a language other than the default: the live pages of the feed's sessions in
        that language (translations and aliases), as (translation key, id, last change,
        address): their title, description and address are in the bytes, so in the ETag and
        Last-Modified too. One query; empty in the default language."""
        if self._texts is None:
            self._texts = []
            if self.language != default_language():
                self._texts = list(
                    SessionPage.objects.live()
                    .filter(locale__language_code=self.language,
                            translation_key__in=self.sessions.values("translation_key"))
                    .order_by("pk")
                    .values_list("translation_key", "pk", "changed_at", "url_path"))
        return self._texts

    def tombstones(self):
        """Sessions withdrawn from this feed that it still shows as cancelled."""
        if self._tombstones is None:
            self._tombstones = list(FeedTombstone.objects.for_feed(self.key)
                                    .order_by("starts_at", "session_id"))
        return self._tombstones

    def membership_stamp(self):
        """When a session last joined or left this feed (see models/feed_history.py)."""
        if self._stamp is None:
            self._stamp = (feed_history.stamp(self.key),)
        return self._stamp[0]

    def etag(self, request) -> str:
        """A strong ETag from everything the bytes depend on, without building them.

        The language is part of it, so /nl/… and /da/… have ETags of their own (English is
        unchanged: the payload is what it was before there were languages)."""
        parts = [
            FEED_FORMAT_VERSION, self.key, self.name, self.description,
            request.scheme, request.get_host(), self.language,
            settings.CALENDAR_UID_DOMAIN,
            [[pk, seq, changed.isoformat() if changed else None, path]
             for pk, seq, changed, path in self.rows()],
            [[t.session_id, t.sequence, t.left_at.isoformat()] for t in self.tombstones()],
            self.membership_stamp().isoformat() if self.membership_stamp() else None,
        ]
        if self.text_rows():
            parts.append([[str(key), pk, changed.isoformat() if changed else None, path]
                          for key, pk, changed, path in self.text_rows()])
        payload = json.dumps(parts)
        return f'"{hashlib.sha256(payload.encode()).hexdigest()[:40]}"'

    def last_modified(self):
        """The latest real change of any session in the feed's scope, of its membership, or of
        a session withdrawn from it; None if there is none.

        The scope alone is not enough: a session that leaves the feed (deleted, a theme taken
        off…) takes its changed_at with it, and Last-Modified would stand still or go back.
        """
        scope = self.scope.aggregate(latest=Max("changed_at"), first_end=Min("ends_at"))
        if self.unwindowed is not None:
            # The next change by the clock alone: this session leaving the window.
            self._first_end = scope["first_end"]
        moments = [scope["latest"],
                   self.membership_stamp(), *(t.left_at for t in self.tombstones()),
                   *(changed for _key, _pk, changed, _path in self.text_rows())]
        if self.unwindowed is not None:
            aged = self.unwindowed.published().past(window_start()).aggregate(
                latest=Max("ends_at"))["latest"]
            if aged is not None:
                moments.append(aged + relativedelta(months=FEED_PAST_MONTHS))
        return max((moment for moment in moments if moment is not None), default=None)

    def validators(self, request):
        """(ETag, Last-Modified), without building the feed.

        A public feed's are remembered for the content generation (``network.memo``: until
        the next write to a table that pages are made from), so most conditional requests
        cost no query. The clock changes a windowed feed with no write, when its oldest
        session leaves the window: from then on they are computed afresh.
        """
        if self._validators is not None:
            return self._validators
        if self.private:
            self._validators = (self.etag(request), self.last_modified())
            return self._validators
        # Everything the ETag depends on besides the database (etag()).
        key = ("calendar-feed-validators", self.key, self.language, request.scheme,
               request.get_host(), self.name, self.description, settings.CALENDAR_UID_DOMAIN)
        remembered = memo.remember(key, dict)
        first_end = remembered.get("first_end")
        if "validators" not in remembered or (first_end is not None
                                              and first_end < window_start()):
            remembered["validators"] = (self.etag(request), self.last_modified())
            remembered["first_end"] = self._first_end
        self._validators = remembered["validators"]
        return self._validators

    # Public feeds may sit in shared caches; a private one (join links) may not.
    private = False

    def body(self, request) -> bytes:
        """The feed's bytes: ``render``'s, for a public feed kept gzipped in the process.

        Kept per ETag, which names the bytes (``etag``), and besides by the tables the feed
        was built from and the next moment pages change by the clock (network.memo.
        remember_tables, network.pagecache.kept_next_change), so a change the ETag would not
        show is not kept past either. Building the all-sessions feed at #17's size takes
        70 ms; unpacking the kept copy (a tenth of the megabyte) 2 ms. A private feed holds
        join links: it is built for each request and never kept.
        """
        if self.private:
            return self.render(request)
        key = (self.key, self.language, self.validators(request)[0],
               pagecache.kept_next_change())
        packed = memo.remember_tables(
            "calendar-feed-bodies", key,
            lambda: gzip.compress(self.render(request), compresslevel=6, mtime=0),
            size=KEPT_BODIES)
        return gzip.decompress(packed)

    def render(self, request) -> bytes:
        # Light rows, not page objects: a feed holds thousands of sessions (rows.py).
        urls = PageUrls(request)
        return ical.build_calendar(
            feed_events(self.sessions.order_by("starts_at", "pk"), self.language),
            name=self.name, description=self.description,
            url_for=lambda event: urls(event.url_path),
            cancelled=self.tombstones(), language=self.language)


def localized_sessions(sessions, language):
    """The canonical ``sessions`` as the feed in ``language`` shows them: each one's facts,
    UID and SEQUENCE, with the title, description and address of its page in that language
    (one query for all of them; ``languages.attach_texts``)."""
    return [localized_copy(session, session.text)
            for session in attach_texts(sessions, language)]


def session_url(session, request):
    """The absolute address of the page the event links to: its page in the feed's language."""
    return page_url(getattr(session, "text", session), request)


def window_start(now=None):
    """The earliest end a session may have to be in the windowed feeds."""
    return (now or timezone.now()) - relativedelta(months=FEED_PAST_MONTHS)


def _window(queryset):
    return queryset.in_feed_window()


def _lazy(make):
    """The queryset ``make()`` returns, built on first use: a conditional request answered
    from remembered validators needs none (building them was most of its time)."""
    return SimpleLazyObject(make)


def _site_name():
    return settings.WAGTAIL_SITE_NAME


def _feed_language():
    """Public feeds are written in the language of their address (/nl/…: Dutch; unprefixed
    and /en/…: English), never in the subscriber's Accept-Language: one URL gives one set of
    bytes and one ETag."""
    return translation.override(active_language())


def all_sessions_feed() -> Feed:
    """Every public session of the past twelve months and the future."""
    with _feed_language():
        name = _("%(site)s: sessions") % {"site": _site_name()}
        description = _("Thematic sessions and working groups of the network.")
    return Feed(
        key="all",
        name=name,
        description=description,
        filename="sessions.ics",
        path=reverse("sessions:calendar_all"),
        sessions=_lazy(lambda: _window(SessionPage.objects.published())),
        scope=_lazy(lambda: _window(SessionPage.objects.canonical())),
        unwindowed=_lazy(lambda: SessionPage.objects.canonical()),
    )


def theme_feed(theme) -> Feed:
    """The public sessions about one theme."""
    with _feed_language():
        name = _("%(site)s: sessions about %(theme)s") % {"site": _site_name(),
                                                          "theme": theme.localized_name}
        description = theme.localized.description
    return Feed(
        key=f"theme:{theme.pk}",
        name=name,
        description=description,
        filename=f"sessions-{theme.slug}.ics",
        path=reverse("sessions:calendar_theme", kwargs={"slug": theme.slug}),
        sessions=_lazy(lambda: _window(SessionPage.objects.published().filter(themes=theme))),
        scope=_lazy(lambda: _window(SessionPage.objects.canonical().filter(themes=theme))),
        unwindowed=_lazy(lambda: SessionPage.objects.canonical().filter(themes=theme)),
    )


def series_feed(series) -> Feed:
    """The public sessions of one series."""
    with _feed_language():
        name = _("%(site)s: %(series)s") % {"site": _site_name(), "series": series.localized_name}
        description = series.localized.description
    return Feed(
        key=f"series:{series.pk}",
        name=name,
        description=description,
        filename=f"series-{series.slug}.ics",
        path=reverse("sessions:calendar_series", kwargs={"slug": series.slug}),
        sessions=_lazy(lambda: _window(SessionPage.objects.published().filter(series=series))),
        scope=_lazy(lambda: _window(SessionPage.objects.canonical().filter(series=series))),
        unwindowed=_lazy(lambda: SessionPage.objects.canonical().filter(series=series)),
    )


def single_session_feed(session) -> Feed:
    """One session as an .ics file (whatever its date), named in the active language."""
    return Feed(
        key=f"session:{session.pk}",
        name=attach_texts([session])[0].text.title,
        description="",
        filename=f"session-{session.pk}.ics",
        path=reverse("sessions:calendar_session", kwargs={"pk": session.pk}),
        sessions=SessionPage.objects.published().filter(pk=session.pk),
        scope=SessionPage.objects.canonical().filter(pk=session.pk),
    )


def withdrawn_session_feed(tombstone) -> Feed:
    """The .ics file of a deleted or unpublished session while it is kept as cancelled."""
    pk = tombstone.session_id
    return Feed(
        key=f"session:{pk}",
        name=tombstone.title,
        description="",
        filename=f"session-{pk}.ics",
        path=reverse("sessions:calendar_session", kwargs={"pk": pk}),
        sessions=SessionPage.objects.none(),
        scope=SessionPage.objects.none(),
    )
