"""Answering a request for a calendar feed: 304 when the client's copy is current, else the
feed, with the caching a public or a private feed allows."""
from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from .feeds import Feed

# How long shared caches may keep a feed; clients revalidate cheaply with ETag afterwards.
FEED_CACHE_SECONDS = 900


def serve_feed(request, feed: Feed, *, attachment=False) -> HttpResponse:
    """Answer with ``feed``, or 304 if the client's copy is current.

    The validators (ETag, Last-Modified) come from a few small queries, or from memory
    (``Feed.validators``); Django's ``condition`` compares them with the request and builds
    the feed only when it must be sent.
    """

    def last_modified(request):
        return feed.validators(request)[1]

    def etag(request):
        return feed.validators(request)[0]

    # Public feeds may sit in shared caches; a private one (join links) may not.
    cache = (cache_control(private=True, max_age=FEED_CACHE_SECONDS) if feed.private
             else cache_control(public=True, max_age=FEED_CACHE_SECONDS))

    @cache
    @condition(etag_func=etag, last_modified_func=last_modified)
    def answer(request):
        response = HttpResponse(feed.body(request), content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{feed.filename}"'
        return response

    response = answer(request)
    if feed.private:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
