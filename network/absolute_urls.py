"""Absolute URLs: from the request in responses, from SITE_URL in what is made outside one.

Pages, feeds, the sitemap and calendar links use the scheme and host the visitor asked for
(one of ALLOWED_HOSTS), so they are right on whatever address the site is served. E-mails and
the demo command's output have no request to go by (or must not trust its Host header) and use
``settings.WAGTAILADMIN_BASE_URL`` (env ``SITE_URL``). Wagtail's own ``full_url`` and
``{% fullpageurl %}`` take host and port from the Site record instead, so they are not used.
"""
from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """The configured base URL (``SITE_URL``), without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url: str, request=None) -> str:
    """``url`` on the request's scheme and host, or on SITE_URL when there is no request.

    A URL that already has a host (media on another server, a page of another Wagtail site)
    is returned as it is.
    """
    if urlsplit(url).netloc:
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return site_url() + url


def page_url(page, request=None) -> str | None:
    """A Wagtail page's absolute URL, as ``absolute_url`` builds it; None if not routable."""
    # get_url is relative for a page of the request's (or the only) site.
    url = page.get_url(request)
    return absolute_url(url, request) if url else None
