"""The public calendar feeds: all sessions, one theme, one series, one session's .ics file."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from network import memo
from network.ids import MAX_ID
from network.models import Theme

from ..models import FeedTombstone, SessionPage, SessionSeries
from . import feeds
from .responses import serve_feed


@require_safe
def session_feed(request):
    """All public sessions of the past twelve months and the future."""
    return serve_feed(request, feeds.all_sessions_feed())


def _by_slug(model, slug):
    """The theme or series with ``slug``, or 404.

    There are a few dozen of them: all are read once per content generation (``network.memo``),
    so that a calendar app's check for changes costs no query at all."""
    found = memo.remember(("calendar-feed-owners", model._meta.label),
                          lambda: {row.slug: row for row in model.objects.all()})
    if slug not in found:
        raise Http404
    return memo.clone(found[slug])


@require_safe
def theme_feed(request, slug):
    """The public sessions about one theme; unknown theme: 404."""
    return serve_feed(request, feeds.theme_feed(_by_slug(Theme, slug)))


@require_safe
def series_feed(request, slug):
    """The public sessions of one series; unknown series: 404."""
    return serve_feed(request, feeds.series_feed(_by_slug(SessionSeries, slug)))


@require_safe
def session_ics(request, pk):
    """One live, public session as an .ics file (drafts and private sessions: 404)."""
    if pk > MAX_ID:
        # SQLite cannot even compare such numbers; no page has such an id anyway.
        raise Http404
    session = SessionPage.objects.published().filter(pk=pk).first()
    if session is None:
        # A deleted or unpublished session is kept as cancelled for a while (feed_history.py).
        tombstone = get_object_or_404(FeedTombstone, session_id=pk)
        return serve_feed(request, feeds.withdrawn_session_feed(tombstone), attachment=True)
    return serve_feed(request, feeds.single_session_feed(session), attachment=True)
