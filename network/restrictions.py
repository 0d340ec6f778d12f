"""Page view restrictions read once per content generation, not once per query (#17).

Wagtail reads every ``PageViewRestriction`` each time ``PageQuerySet.public()`` or
``not_public()`` builds a query (the header, the hero, the home sections and the listings call
them a dozen times per page), and to serve a page it reads the page's ancestors and then their
restrictions. :func:`install` routes both through :mod:`network.memo`: the restrictions (and
the aliases of restricted pages) are read once per generation of the page cache, which any
write to a restriction or a page starts afresh, in every process. Outside a request there is no
memo, and Wagtail's own queries run every time.
"""
from django.db.models import Q

from . import memo


def _load_sections():
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", "page__depth"))


def restricted_sections():
    """(path, depth) of each page with a view restriction."""
    return memo.remember("restricted-sections", _load_sections)


def _load_restrictions():
    """Every restriction (its page and groups read with it), and for each restricted page the
    paths of the pages that are aliases of it (an alias is restricted as its source is)."""
    from wagtail.models import Page, PageViewRestriction

    restrictions = list(PageViewRestriction.objects.select_related("page")
                        .prefetch_related("groups").order_by("pk"))
    alias_paths = {}
    sources = {r.page_id: r.page_id for r in restrictions if r.page.alias_of_id is None}
    # Aliases of aliases resolve to the first source, as Wagtail's check does.
    while sources:
        aliases = Page.objects.filter(alias_of_id__in=sources).values_list("pk", "path", "alias_of_id")
        found = {}
        for pk, path, alias_of in aliases:
            alias_paths.setdefault(sources[alias_of], []).append(path)
            found[pk] = sources[alias_of]
        sources = found
    return restrictions, alias_paths


def view_restrictions(page):
    """Wagtail's ``Page.get_view_restrictions()``: the restrictions on this page (through its
    source, if it is an alias) and on its ancestors (likewise). In a request, a queryset whose
    results are already there, from the generation's memo."""
    from wagtail.models import PageViewRestriction

    restrictions, alias_paths = memo.remember("view-restrictions", _load_restrictions)
    applying = [
        restriction for restriction in restrictions
        if restriction.page.alias_of_id is None and (
            page.path.startswith(restriction.page.path)
            or any(page.path.startswith(path) for path in alias_paths.get(restriction.page_id, ())))
    ]
    queryset = PageViewRestriction.objects.filter(pk__in=[r.pk for r in applying])
    # A real queryset: iterated it gives these objects; refined (order_by, exists) it asks the
    # database as Wagtail's would.
    queryset._result_cache = applying
    queryset._prefetch_done = True
    return queryset


_wagtail_view_restrictions = None


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q``, from the request's memo of the restrictions: the
    pages in a private section (a restricted page and its descendants)."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # Match no page at all when nothing is private, as Wagtail does.
    return q if q else Q(pk__in=[])


def install():
    """Route ``PageQuerySet.private_q`` (behind ``public()``, ``not_public()`` and
    ``private()``) and ``Page.get_view_restrictions`` (behind serving a page) through the
    generation's memo. Called once from ``NetworkConfig.ready``."""
    global _wagtail_view_restrictions
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
    if _wagtail_view_restrictions is None:
        _wagtail_view_restrictions = Page.get_view_restrictions
    Page.get_view_restrictions = _memo_view_restrictions


def _memo_view_restrictions(self):
    # An unsaved page (a preview) has no place in the tree yet: Wagtail's own reading.
    if memo.in_request() and self.path:
        return view_restrictions(self)
    return _wagtail_view_restrictions(self)
