"""The hub's extension points: what other apps put on the hub's pages.

The ``network`` app must not know the apps built on it (sessions, case studies, intervision):
they plug in here instead, from their own ``wagtail_hooks.py``, which Wagtail imports for every
installed app. Four kinds of entry, each kept as a Wagtail hook (ordered by ``order``, lowest
first), so that ``hooks.register_temporarily`` works in tests:

- **home sections** (:data:`HOME_SECTIONS`): blocks on the home page under the hero;
- **area sections** (:data:`AREA_SECTIONS`): blocks on a member area's page after its people;
- **page sections** (:data:`PAGE_SECTIONS`): blocks at the end of any content page that asks
  for them (sessions and case studies do), so one app can add to another's pages without the
  page's app knowing it (intervision records related to a session or case study);
- **header links** (:data:`HEADER_LINKS`): the main navigation in the header and footer;
- **member menu** (:data:`MEMBER_MENU`): the links beside "Log out" for logged-in members;
- **hero actions** (:data:`HERO_ACTIONS`): the two or three buttons in the home page's hero,
  each for everyone, for visitors without an account or for logged-in members;
- **theme counts** (:data:`THEME_COUNTS`): what an app has per theme ("4 case studies"), shown
  on the home page's theme tiles, each tile linking to the first app's listing of that theme.

A section is a template and a function giving its context; ``{% hub_sections "home" %}`` or
``{% hub_sections "area" area %}`` (library ``hub_tags``) renders them. Example::

    from network import hub

    @hub.area_section("casestudies/includes/area_section.html", order=10)
    def area_case_studies(request, area):
        return {"case_studies": CaseStudyPage.objects.live().filter(areas=area)}
"""
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, Site

from . import memo
from .translation import active_language, locale_language

HOME_SECTIONS = "network_home_sections"
AREA_SECTIONS = "network_area_sections"
PAGE_SECTIONS = "network_page_sections"
HEADER_LINKS = "network_header_links"
MEMBER_MENU = "network_member_menu"
HERO_ACTIONS = "network_hero_actions"
THEME_COUNTS = "network_theme_counts"

# Who sees a hero action: everyone, visitors who are not logged in, or logged-in members.
EVERYONE, ANONYMOUS, MEMBERS = "everyone", "anonymous", "members"

# The place names the ``hub_sections`` tag accepts.
SECTION_HOOKS = {"home": HOME_SECTIONS, "area": AREA_SECTIONS, "page": PAGE_SECTIONS}
# Pages ticked "Show in menus" without a registered link come after every registered one.
UNREGISTERED_ORDER = 1000


@dataclass(frozen=True)
class Section:
    """A block on a hub page: ``template`` rendered with what ``context(request, *args)`` gives.

    The context function may return None to leave the block out altogether.
    """

    template: str
    context: Callable
    stylesheet: str = ""  # a static path the section's markup needs, linked once in the head

    def __call__(self, request, *args):
        return self.context(request, *args)


@dataclass(frozen=True)
class Link:
    """A link in the header: to a named URL, or to the page with ``page_slug`` right under the
    site's root page (editors may move or unpublish that page; the link then disappears)."""

    label: str
    url_name: str = ""
    page_slug: str = ""


@dataclass(frozen=True)
class HeroAction:
    """A button in the home page's hero. ``url`` is a URL name, or a function of the request
    giving the address (or None to leave the button out, e.g. when its page is unpublished)."""

    label: str
    url: str | Callable
    audience: str = EVERYONE

    def shown_to(self, user):
        member = bool(user and user.is_authenticated)
        return (self.audience == EVERYONE
                or self.audience == (MEMBERS if member else ANONYMOUS))

    def resolve(self, request):
        return self.url(request) if callable(self.url) else reverse(self.url)


@dataclass(frozen=True)
class ThemeCount:
    """What one app counts per theme, for the home page's theme tiles.

    ``counts`` maps a theme's primary key to a number (one aggregate query for every theme);
    ``url`` is the app's listing ("" if none), to which ``?theme=<slug>`` is added;
    ``label(n)`` says the number in words ("4 case studies": use ``ngettext``).
    """

    counts: dict
    url: str
    label: Callable


def _section(hook_name, template, order, stylesheet=""):
    def decorator(context):
        hooks.register(hook_name, Section(template, context, stylesheet), order=order)
        return context
    return decorator


def home_section(template, *, order=0, stylesheet=""):
    """Decorator: show ``template`` on the home page with the context the function returns
    (called with the request). ``stylesheet``: a static path (``"css/sessions.css"``) the home
    page links in its head for the section."""
    return _section(HOME_SECTIONS, template, order, stylesheet)


def area_section(template, *, order=0):
    """Decorator: show ``template`` on every member area's page with the context the function
    returns (called with the request and the area)."""
    return _section(AREA_SECTIONS, template, order)


def page_section(template, *, order=0):
    """Decorator: show ``template`` at the end of a page that renders ``{% hub_sections "page"
    page %}``, with the context the function returns (called with the request and the page);
    return None for pages the section is not about."""
    return _section(PAGE_SECTIONS, template, order)


def header_link(label, *, url_name="", page_slug="", order=0):
    """Add a link to the main navigation (header and footer). ``label`` is shown instead of
    the page's title, so pass a lazy translation (``gettext_lazy``)."""
    hooks.register(HEADER_LINKS, Link(label, url_name=url_name, page_slug=page_slug), order=order)


def member_link(label, url_name, *, order=0):
    """Add a link to the menu logged-in members see in the header."""
    hooks.register(MEMBER_MENU, Link(label, url_name=url_name), order=order)


def hero_action(label, url, *, order=0, audience=EVERYONE):
    """Add a button to the home page's hero. ``url`` is a URL name or a function of the
    request returning the address or None; ``audience`` is ``EVERYONE``, ``ANONYMOUS``
    (visitors who are not logged in: "Become a member") or ``MEMBERS``."""
    if audience not in (EVERYONE, ANONYMOUS, MEMBERS):
        raise ValueError(f"Unknown audience {audience!r}")
    hooks.register(HERO_ACTIONS, HeroAction(label, url, audience), order=order)


def theme_counts(*, order=0):
    """Decorator: a function of the request returning a :class:`ThemeCount` (or None) for the
    home page's theme tiles. Count every theme in one query (``values().annotate()``), never
    one query per theme."""
    def decorator(function):
        hooks.register(THEME_COUNTS, function, order=order)
        return function
    return decorator


def sections(place):
    """The sections registered for ``place`` ("home", "area" or "page"), in order."""
    return hooks.get_hooks(SECTION_HOOKS[place])


def section_stylesheets(place):
    """The static paths of the stylesheets the sections of ``place`` need, each once."""
    return list(dict.fromkeys(section.stylesheet for section in sections(place)
                              if section.stylesheet))


def main_navigation(request):
    """The main navigation: registered header links, then any other live, public page under
    the site's root ticked "Show in menus", by its title. Pages are those of the active
    language's tree (#15): a link registered by slug finds the page by its slug in the default
    language's tree, so a translated slug does not lose the link. Two queries for all the pages.

    Each item is a dict with ``label``, ``url`` and ``current`` (the request is at or below it).
    """
    links = hooks.get_hooks(HEADER_LINKS)
    language = active_language()
    pages = dict(_root_pages(request, language))
    home_url = f"/{language}/"
    entries = []
    for link in links:
        if link.url_name:
            entries.append((link.label, reverse(link.url_name)))
        elif link.page_slug in pages:
            entries.append((link.label, pages.pop(link.page_slug).get_url(request)))
    entries += [(page.title, page.get_url(request)) for page in pages.values()
                if page.show_in_menus]
    return [{"label": label, "url": url,
             "current": request.path.startswith(url) and url not in ("/", home_url)}
            for label, url in entries if url]


def _root_pages(request, language):
    """The live, public pages right under the site's root in ``language``'s tree, by their slug
    in the default language's tree (what header links and hero actions name, so a translated
    slug loses no link). Read once per generation of the page cache (network/memo.py) and copied
    once per request and language: the header, the hero and the theme tiles all ask."""
    cache = request.__dict__.setdefault("_hub_root_pages", {})
    if language not in cache:
        site = Site.find_for_request(request)
        if site is None:
            cache[language] = {}
        else:
            pages = memo.remember(("root-pages", site.pk, language),
                                  lambda: _find_root_pages(site, language))
            cache[language] = {slug: memo.clone(page) for slug, page in pages.items()}
    return cache[language]


def _find_root_pages(site, language):
    children = site.root_page.get_children().live().public()
    if language != locale_language(site.root_page.locale_id):
        # The same pages in the visitor's language, each with its slug in the default tree.
        default_slug = children.filter(translation_key=OuterRef("translation_key"))
        children = (Page.objects.live().public()
                    .filter(locale__language_code=language,
                            translation_key__in=children.values("translation_key"))
                    .annotate(default_slug=Subquery(default_slug.values("slug")[:1])))
    return {getattr(page, "default_slug", page.slug): page for page in children}


def page_url(request, slug):
    """The address of the live, public page with ``slug`` right under the site's root page
    (its slug in the default language's tree, as header links name it), in the active
    language's tree where it has a version there, else the original; None if there is no such
    page. Shares its queries with the header's navigation (:func:`_root_pages`)."""
    page = _root_pages(request, active_language()).get(slug)
    if page is None:
        site = Site.find_for_request(request)
        if site is not None:
            page = _root_pages(request, locale_language(site.root_page.locale_id)).get(slug)
    return page.get_url(request) if page is not None else None


def root_page_of_type(request, model, language=None):
    """The live, public page of type ``model`` right under the site's root page in
    ``language``'s tree (default: the active language), or None. Shares its queries with the
    header's navigation (:func:`_root_pages`): an app finds its listing page for a "see all"
    link at no cost."""
    content_type_id = ContentType.objects.get_for_model(model).pk  # cached by Django
    for page in _root_pages(request, language or active_language()).values():
        if page.content_type_id == content_type_id:
            return page
    return None


def page_link(slug):
    """A hero action's ``url`` for the page with ``slug`` under the site's root (see
    :func:`page_url`): the button disappears while that page is unpublished or private."""
    def url(request):
        return page_url(request, slug)
    return url


def hero_actions(request):
    """The hero's buttons for this visitor, in order, as dicts with ``label`` and ``url``."""
    user = getattr(request, "user", None)
    actions = []
    for action in hooks.get_hooks(HERO_ACTIONS):
        if action.shown_to(user):
            url = action.resolve(request)
            if url:
                actions.append({"label": action.label, "url": url})
    return actions


def theme_tiles(request, themes):
    """One tile per theme for the home page: ``theme``, ``url`` (the first counting app's
    listing of the theme) and ``figures`` (``text`` and ``url`` of each non-zero count).

    One query per registered counter, whatever the number of themes. When apps count, themes
    with nothing yet are left out: a tile should never lead to an empty listing.
    """
    counters = [count for count in (function(request) for function in
                                    hooks.get_hooks(THEME_COUNTS)) if count is not None]
    tiles = []
    for theme in themes:
        figures = []
        for counter in counters:
            n = counter.counts.get(theme.pk, 0)
            if n:
                url = f"{counter.url}?{urlencode({'theme': theme.slug})}" if counter.url else ""
                figures.append({"text": counter.label(n), "url": url})
        if counters and not figures:
            continue
        tiles.append({"theme": theme, "figures": figures,
                      "url": next((figure["url"] for figure in figures if figure["url"]), "")})
    return tiles


def member_menu():
    """The links for logged-in members, in order, as dicts with ``label`` and ``url``."""
    return [{"label": link.label, "url": reverse(link.url_name)}
            for link in hooks.get_hooks(MEMBER_MENU)]
