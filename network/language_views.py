"""Views of the site's languages (#15): where an old, unprefixed address leads."""
from urllib.parse import quote

from django.http import Http404, HttpResponseRedirect
from django.http.response import HttpResponseRedirectBase
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Locale, Site

from .translation import active_language


class TemporaryRedirectKeepingMethod(HttpResponseRedirectBase):
    """307: a form posted to an old address is posted again to the new one, not dropped."""

    status_code = 307


def unprefixed(request, path):
    """An address without a language prefix, as every address was before #15: send the visitor
    to the same page in their language (cookie, then ``Accept-Language``, then English).

    A page is looked up in the default language's tree, where the old addresses lived, and the
    visitor goes to its version in their language, so an old link reaches the page even where a
    translation has a slug of its own. Any other address gets the language prefix.
    """
    if translation.get_language_from_path(request.path_info) or "\x00" in path:
        # Prefixed already, but no view under the prefix answers it; or a NUL, which no
        # address has (and PostgreSQL refuses in a query).
        raise Http404
    language = active_language()
    target = _page_version_url(request, path, language)
    if target is None:
        # A view's address gets the prefix; anything else would only reach Wagtail's page
        # tree, where the default tree just said there is no such page: a 404 right away.
        target = f"/{language}/{quote(path)}"
        match = _resolve(f"/{language}/{path}")
        if match is None or match.url_name == "wagtail_serve" or match.func is unprefixed:
            raise Http404
    query = request.META.get("QUERY_STRING", "")
    if query:
        target = f"{target}?{query}"
    if request.method in ("GET", "HEAD"):
        response = HttpResponseRedirect(target)
    else:
        response = TemporaryRedirectKeepingMethod(target)
    # The answer depends on the visitor's language: caches must not share it across languages.
    response["Vary"] = "Accept-Language, Cookie"
    return response


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None


def _page_version_url(request, path, language):
    """The address of the page at ``path`` in the default tree, in ``language``, keeping any
    sub-path the page routes itself (a session's ``register/``); None if there is no such page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    root = site.root_page.specific
    try:
        page, _args, _kwargs = root.route(request, components)
    except Http404:
        return None
    page_path = page.url_path[len(root.url_path) - 1:]  # "/case-studies/x/" relative to the root
    if not ("/" + path).startswith(page_path):
        return None
    rest = ("/" + path)[len(page_path):]
    locale = Locale.objects.filter(language_code=language).first()
    version = page.get_translation_or_none(locale) if locale else None
    if version is None or not version.live:
        return None  # the prefixed address shows the default tree's page in that language's frame
    with translation.override(language):
        url = version.get_url(request)
    return f"{url}{quote(rest)}" if url else None
