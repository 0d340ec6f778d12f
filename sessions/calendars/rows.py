"""A public feed's sessions as light rows: only the columns the calendar writes (#17).

At network scale a feed holds thousands of sessions. A Wagtail page object for each, another
for its page in the feed's language, and Wagtail's router asked for each one's address cost
more than writing the calendar. Here the sessions are read with one ``values_list`` query and
their text in the feed's language with one more; ``FeedEvent`` borrows ``SessionPage``'s own
methods for what is derived from the columns (UID, local times, place), and
``languages.localized_copy`` puts the text on, so every rule keeps one definition.
``PageUrls`` asks the router once per parent page instead of once per session.
"""
from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache
from urllib.parse import quote

from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from network.absolute_urls import page_url

from ..languages import default_language, localized_copy
from ..models import SessionPage

# The columns of a canonical session that its VEVENT is written from.
EVENT_FIELDS = (
    "pk", "translation_key", "title", "url_path", "description", "cancellation_reason",
    "date", "start_time", "end_time", "time_zone", "starts_at", "format", "venue", "address",
    "status", "previous_starts_at", "sequence", "changed_at", "first_published_at",
)
# What its live page in another language gives it (see ``languages.localized_copy``).
TEXT_FIELDS = ("title", "description", "cancellation_reason", "url_path", "changed_at")


class FeedEvent:
    """One session as a public feed writes it: the attributes ``ical.public_event`` reads."""

    __slots__ = (*EVENT_FIELDS, "text")

    def __init__(self, names, values):
        for name, value in zip(names, values, strict=True):
            setattr(self, name, value)

    # The model's own definitions, so that a feed never says something the page does not.
    zone = SessionPage.zone
    local_bounds = SessionPage.local_bounds
    previous_local_start = SessionPage.previous_local_start
    is_cancelled = SessionPage.is_cancelled
    calendar_uid = SessionPage.calendar_uid

    def location_text(self):
        """``SessionPage.location_text``: most sessions share a few places ("Online")."""
        return _location(translation.get_language(), Place(self.format, self.venue, self.address))


Place = namedtuple("Place", "format venue address")


@lru_cache(maxsize=1024)
def _location(language, place):
    return SessionPage.location_text(place)


class FeedText:
    """A session's live page in another language: the text ``localized_copy`` takes from it."""

    __slots__ = TEXT_FIELDS

    def __init__(self, values):
        for name, value in zip(TEXT_FIELDS, values, strict=True):
            setattr(self, name, value)


def feed_events(sessions, language):
    """The canonical ``sessions`` (a queryset) as ``FeedEvent`` rows in their order, showing
    the title, description, cancellation reason and address of their live page in
    ``language`` where there is one (as ``feeds.localized_sessions`` does with page objects).
    Two queries at most, whatever the number of sessions."""
    if language == default_language():
        # The translation key only matches texts up (and costs a UUID per row on SQLite).
        names = tuple(name for name in EVENT_FIELDS if name != "translation_key")
        return [FeedEvent(names, values) for values in sessions.values_list(*names)]
    events = [FeedEvent(EVENT_FIELDS, values) for values in sessions.values_list(*EVENT_FIELDS)]
    if not events:
        return events
    texts = {key: FeedText(values) for key, *values in (
        SessionPage.objects.live()
        .filter(locale__language_code=language,
                translation_key__in=sessions.values("translation_key"))
        .values_list("translation_key", *TEXT_FIELDS))}
    return [localized_copy(event, texts[event.translation_key])
            if event.translation_key in texts else event for event in events]


# Wagtail's page route (``wagtail_serve``) takes slugs of word characters and hyphens; the
# URL resolver quotes them with these characters left as they are.
_SLUG = re.compile(r"[\w-]+")
_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Any valid slug not found in an address: it stands in for each session's own.
_MARK = "feed-event-slug-0"
_UNKNOWN = object()


class PageUrls:
    """``network.absolute_urls.page_url`` for many pages, from their ``url_path``.

    A page's address depends only on its ``url_path`` (and the request and language), and the
    sessions of a feed live under one programme page per language: Wagtail's router (site root
    paths, language prefix, ``reverse``) runs once per parent for a stand-in child, and each
    session's quoted slug takes the stand-in's place. Anything unusual (a slug the route would
    refuse, a site rooted below the parent) is asked of the router itself.
    """

    def __init__(self, request):
        self.request = request
        self._around = {}

    def __call__(self, url_path: str) -> str | None:
        parent, _slash, slug = url_path[:-1].rpartition("/")
        parent += "/"
        around = self._around.get(parent, _UNKNOWN)
        if around is _UNKNOWN:
            around = self._around[parent] = self._template(parent)
        if around is None or not url_path.endswith("/") or not _SLUG.fullmatch(slug):
            return self._page_url(url_path)
        before, after = around
        return before + quote(slug, safe=_SAFE) + after

    def _page_url(self, url_path):
        return page_url(SessionPage(url_path=url_path), self.request)

    def _template(self, parent):
        """(before, after) the stand-in slug in the address of a child of ``parent``; None if
        the children's addresses cannot be made that way."""
        stand_in = SessionPage(url_path=f"{parent}{_MARK}/")
        roots = stand_in._get_site_root_paths(self.request)
        if any(root.root_path != parent and root.root_path.startswith(parent) for root in roots):
            return None
        url = page_url(stand_in, self.request)
        if not url or url.count(_MARK) != 1:
            return None
        before, after = url.split(_MARK)
        return before, after
