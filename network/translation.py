"""Pages in three languages (#15, docs/languages.md): which language a page's text is in, the
same page in another language, and keeping every page present in every language's tree.

Every page exists in every locale's tree as its original, a translation (wagtail-localize) or an
alias of the original. Aliases are made here, when an original is published, so that a visitor
never meets a missing page: the alias shows the original's text, marked with its language.
"""
import functools
import threading

from django.conf import settings
from django.db import transaction
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index

from .absolute_urls import page_url

# Each language named in itself, for the language switcher: a visitor looks for their own
# language's name, not its name in a language they may not read.
LANGUAGE_AUTONYMS = {"en": "English", "nl": "Nederlands", "da": "Dansk"}

# Each language's name in the active language ("Only available in Dutch").
_LANGUAGE_NAMES = {"en": _("English"), "nl": _("Dutch"), "da": _("Danish")}


def language_codes():
    """The site's language codes, default first (``settings.LANGUAGES`` order)."""
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The name of language ``code`` in the active language ("Dutch", "Nederlands", "hollandsk")."""
    return str(_LANGUAGE_NAMES.get(code, code))


def default_locale():
    """The locale of ``settings.LANGUAGE_CODE``: sessions live there, old links resolve there."""
    return Locale.get_default()


def active_language():
    """The active language code, reduced to one of the site's languages ("nl-be" → "nl")."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in LANGUAGE_AUTONYMS else settings.LANGUAGE_CODE


def text_language(page):
    """The language code of the text ``page`` shows: its own locale's, or, for an alias, the
    locale of the page it is an alias of (an alias in the Dutch tree of an English case study
    shows English text)."""
    if page is None:
        return active_language()
    if not page.alias_of_id:
        return _language_of_locale_id(page.locale_id, page)
    if page.__dict__.get("_text_language") is None:
        prefetch_text_languages([page])
    return page.__dict__["_text_language"]


def prefetch_text_languages(pages):
    """Find the text language of every alias among ``pages`` in one query, so that marking a
    listing's items with ``lang`` (``text_language``) costs no query per item. Returns the
    pages as a list."""
    pages = list(pages)
    aliases = [page for page in pages
               if page.alias_of_id and page.__dict__.get("_text_language") is None]
    for page in aliases:
        # Listings may annotate it already (``alias_text_language``): no query for those.
        if page.__dict__.get("alias_text_language"):
            page.__dict__["_text_language"] = page.alias_text_language
    aliases = [page for page in aliases if page.__dict__.get("_text_language") is None]
    if aliases:
        codes = dict(Page.objects.filter(pk__in={page.alias_of_id for page in aliases})
                     .values_list("pk", "locale__language_code"))
        for page in aliases:
            page.__dict__["_text_language"] = codes.get(page.alias_of_id, settings.LANGUAGE_CODE)
    return pages


@functools.lru_cache(maxsize=16)
def locale_language(locale_id):
    """The language code of the locale with id ``locale_id`` (locales do not change)."""
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def _language_of_locale_id(locale_id, page):
    # The page's own locale is usually already loaded (select_related or an earlier access).
    if locale_id == page.locale_id and "locale" in page._state.fields_cache:
        return page.locale.language_code
    return locale_language(locale_id) or settings.LANGUAGE_CODE


def in_language(code):
    """View decorator: run the view with language ``code`` active, whatever the request asked
    for (the unprefixed feed addresses are English, as they were before there were languages)."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            with translation.override(code):
                request.LANGUAGE_CODE = code
                return view(request, *args, **kwargs)
        return wrapped
    return decorator


def localized_pages(pages, locale=None, language=None):
    """``{translation_key: page}`` for the versions of ``pages`` in ``locale`` (or the locale of
    language code ``language``; default: the active one), live ones only, as specific pages:
    one query when ``pages`` are all of one page type, else one more per page type.

    Listings that read facts from one set of rows (sessions) use it to show each row's title and
    address in the visitor's language without a query per row.
    """
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    # By language code, a join rather than a query for the locale's row.
    in_locale = ({"locale": locale} if locale
                 else {"locale__language_code": language or active_language()})
    models = {type(page) for page in pages}
    model = models.pop() if len(models) == 1 else Page
    # Versions of a page share its type (translations and aliases copy the specific row), so
    # a list of one type is read from that type's table: no second query for ``specific()``.
    found = model.objects.live().filter(translation_key__in=keys, **in_locale)
    if model is Page:
        found = found.specific()
    return {page.translation_key: page for page in found}


def translations_by_language(page):
    """``{language_code: page}`` for every live version of ``page`` (original, translations,
    aliases), in one query."""
    if page is None:
        return {}
    # The switcher and the alternates both ask, on every page: one query per page view.
    cached = page.__dict__.get("_versions_by_language")
    if cached is None:
        versions = (Page.objects.live().filter(translation_key=page.translation_key)
                    .select_related("locale"))
        cached = {version.locale.language_code: version for version in versions}
        page.__dict__["_versions_by_language"] = cached
    return cached


def switcher_links(request, page=None):
    """One link per language for the header's language switcher: the same page in that language
    (its translation, or the alias of its original), else, for a view outside the page tree,
    the same address in that language. Each link: ``code``, ``name`` (autonym), ``url`` and
    ``current``."""
    versions = translations_by_language(page) if page is not None and page.pk else {}
    current = active_language()
    links = []
    for code in language_codes():
        version = versions.get(code)
        if version is not None:
            url = version.get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        url = url or f"/{code}/"  # a page that cannot be routed: that language's home page
        links.append({"code": code, "name": LANGUAGE_AUTONYMS[code], "url": url,
                      "current": code == current})
    return links


def hreflang_links(request, page):
    """``(language_code, absolute_url)`` for the versions of ``page`` whose text is in their
    own language (originals and translations, not aliases): what search engines should offer
    speakers of each language. Empty when the page has only one such version."""
    if page is None or not page.pk:
        return []
    links = [(code, page_url(version, request))
             for code, version in translations_by_language(page).items()
             if not version.alias_of_id]
    return links if len(links) > 1 else []


# --------------------------------------------------------------------------------------------
# Keeping every page in every tree
# --------------------------------------------------------------------------------------------

def sync_page_to_all_locales(page):
    """Make an alias of ``page`` in every locale that has no version of it yet (the alias's
    parents are made too, as aliases, where missing). Returns the aliases made.

    Aliases of aliases are never made: for an alias, its original is synced instead.
    """
    if page.alias_of_id:
        page = page.alias_of
    if page.depth <= 1:
        return []
    page = page.specific
    present = set(Page.objects.filter(translation_key=page.translation_key)
                  .values_list("locale_id", flat=True))
    made = []
    for locale in Locale.objects.exclude(pk__in=present):
        alias = page.copy_for_translation(locale, copy_parents=True, alias=True)
        # Indexed again now that its many-to-many values (themes) are stored: the first index
        # entry was written before them, and an alias is not saved again until its original is.
        index.insert_or_update_object(alias.specific)
        made.append(alias)
    return made


def sync_all_locale_trees():
    """Sync every original page, parents before children (the demo loader and
    ``manage.py sync_locale_trees`` call this). Returns the number of aliases made."""
    made = 0
    originals = Page.objects.filter(depth__gt=1, alias_of__isnull=True).order_by("path")
    for page in originals.iterator():
        made += len(sync_page_to_all_locales(page))
    return made


def sync_on_publish(sender, instance, **kwargs):
    """``page_published`` receiver: a newly published original gets its aliases, after the
    transaction commits (so a failed publish leaves nothing behind)."""
    if instance.alias_of_id or instance.depth <= 1:
        return
    page_id = instance.pk

    def sync():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            sync_page_to_all_locales(page)

    transaction.on_commit(sync)


# --------------------------------------------------------------------------------------------
# Privacy follows the page into every language
# --------------------------------------------------------------------------------------------

_mirroring = threading.local()


def mirror_view_restrictions(page):
    """Give every other version of ``page`` (translations, aliases) the view restrictions
    ``page`` has now: a page made private in one language must not stay public in another.
    Wagtail copies restrictions when an alias is made, not when they change later."""
    restrictions = list(page.view_restrictions.prefetch_related("groups"))
    _mirroring.active = True  # the copies' own signals must not mirror back
    try:
        for version in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk):
            version.view_restrictions.all().delete()
            for restriction in restrictions:
                copy = PageViewRestriction.objects.create(
                    page=version, restriction_type=restriction.restriction_type,
                    password=restriction.password)
                copy.groups.set(restriction.groups.all())
    finally:
        _mirroring.active = False


def mirror_on_restriction_change(sender, instance, **kwargs):
    """``post_save``/``post_delete`` receiver of PageViewRestriction (the admin's privacy
    dialog): mirror once the transaction commits, when the restriction's groups are stored."""
    if getattr(_mirroring, "active", False):
        return
    page_id = instance.page_id

    def mirror():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            mirror_view_restrictions(page)

    transaction.on_commit(mirror)
