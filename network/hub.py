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
- **member menu** (:data:`MEMBER_MENU`): the links beside "Log out" for logged-in members.

A section is a template and a function giving its context; ``{% hub_sections "home" %}`` or
``{% hub_sections "area" area %}`` (library ``hub_tags``) renders them. Example::

    from network import hub

    @hub.area_section("casestudies/includes/area_section.html", order=10)
    def area_case_studies(request, area):
        return {"case_studies": CaseStudyPage.objects.live().filter(areas=area)}
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, Site

from .translation import active_language, locale_language

HOME_SECTIONS = "network_home_sections"
AREA_SECTIONS = "network_area_sections"
PAGE_SECTIONS = "network_page_sections"
HEADER_LINKS = "network_header_links"
MEMBER_MENU = "network_member_menu"

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

    def __call__(self, request, *args):
        return self.context(request, *args)


@dataclass(frozen=True)
class Link:
    """A link in the header: to a named URL, or to the page with ``page_slug`` right under the
    site's root page (editors may move or unpublish that page; the link then disappears)."""

    label: str
    url_name: str = ""
    page_slug: str = ""


def _section(hook_name, template, order):
    def decorator(context):
        hooks.register(hook_name, Section(template, context), order=order)
        return context
    return decorator


def home_section(template, *, order=0):
    """Decorator: show ``template`` on the home page with the context the function returns
    (called with the request)."""
    return _section(HOME_SECTIONS, template, order)


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


def sections(place):
    """The sections registered for ``place`` ("home", "area" or "page"), in order."""
    return hooks.get_hooks(SECTION_HOOKS[place])


def main_navigation(request):
    """The main navigation: registered header links, then any other live, public page under
    the site's root ticked "Show in menus", by its title. Pages are those of the active
    language's tree (#15): a link registered by slug finds the page by its slug in the default
    language's tree, so a translated slug does not lose the link. Two queries for all the pages.

    Each item is a dict with ``label``, ``url`` and ``current`` (the request is at or below it).
    """
    links = hooks.get_hooks(HEADER_LINKS)
    pages = {}
    language = active_language()
    site = Site.find_for_request(request)
    if site is not None:
        slugs = {link.page_slug for link in links if link.page_slug}
        children = (site.root_page.get_children().live().public()
                    .filter(Q(slug__in=slugs) | Q(show_in_menus=True)))
        if language != locale_language(site.root_page.locale_id):
            # The same pages in the visitor's language, each with its slug in the default
            # tree (what header links name), in one query.
            default_slug = children.filter(translation_key=OuterRef("translation_key"))
            children = (Page.objects.live().public()
                        .filter(locale__language_code=language,
                                translation_key__in=children.values("translation_key"))
                        .annotate(default_slug=Subquery(default_slug.values("slug")[:1])))
        for page in children:
            pages[getattr(page, "default_slug", page.slug)] = page
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


def member_menu():
    """The links for logged-in members, in order, as dicts with ``label`` and ``url``."""
    return [{"label": link.label, "url": reverse(link.url_name)}
            for link in hooks.get_hooks(MEMBER_MENU)]
