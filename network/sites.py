"""The site, its home page and the locales, read once per content generation (#17).

Every page request starts with Wagtail finding the ``Site`` for the host (one query), the home
page to route from in its specific form (one more) and the ``Locale`` of the active language
(one more, asked again by ``localized`` and the translation helpers). They change when an
administrator edits a site or adds a language: :func:`install` makes Wagtail read them through
:mod:`network.memo`, once per generation of the page cache in each process. Each request gets
its own copies (``memo.clone``), so nothing one request caches on them reaches another.
"""
from . import memo

_wagtail = {}


class _NoSite:
    """Remembered when no site answers for a host: the next request need not ask again."""


def _load_site(hostname, port):
    from wagtail.models import Site

    try:
        site = _wagtail["get_site_for_hostname"](hostname, port)
    except Site.DoesNotExist:
        return _NoSite
    # Routing starts from the home page in its specific form: read it now, once.
    return site, site.root_page.specific


def get_site_for_hostname(hostname, port):
    """Wagtail's ``get_site_for_hostname``, from the memo in a request: a copy of the site with
    a copy of its specific home page as ``root_page``."""
    from wagtail.models import Site

    if not memo.in_request():
        return _wagtail["get_site_for_hostname"](hostname, port)
    found = memo.remember(("site", hostname, port), lambda: _load_site(hostname, port))
    if found is _NoSite:
        raise Site.DoesNotExist()
    site, home = found
    site = memo.clone(site)
    site.root_page = memo.clone(home)
    return site


def get_for_language(manager, language_code):
    """Wagtail's ``LocaleManager.get_for_language``, from the memo in a request."""
    if not memo.in_request():
        return _wagtail["get_for_language"](manager, language_code)
    locale = memo.remember(("locale", language_code),
                           lambda: _wagtail["get_for_language"](manager, language_code))
    return memo.clone(locale)


def install():
    """Route Wagtail's site and locale lookups through the memo. Called from
    ``NetworkConfig.ready``."""
    from wagtail.models import i18n
    from wagtail.models import sites as wagtail_sites

    if not _wagtail:
        _wagtail["get_site_for_hostname"] = wagtail_sites.get_site_for_hostname
        _wagtail["get_for_language"] = i18n.LocaleManager.get_for_language
    wagtail_sites.get_site_for_hostname = get_site_for_hostname
    i18n.LocaleManager.get_for_language = get_for_language
