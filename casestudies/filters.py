"""The case-study library's query: filters, facet counts, full-text search, sort and paging.

Everything a visitor chooses lives in the URL (``?theme=vacancy&country=DK&sort=title``), so a
filtered library can be bookmarked and shared, and the back button simply works.

Rules that keep it fast and robust:

* Every filter is applied as ``pk IN (subquery)``, never as a join on the listing query, so
  filters on the same relation (country, area and size all go through the member areas)
  do not interfere, the listing never needs ``DISTINCT``, and facet counts match results.
* Facet counts are one ``GROUP BY`` query per dimension, computed with every *other* filter
  applied: the count next to "Vacancy" is the number of results you get by choosing it.
* The number of queries is the same for 5 or 5,000 case studies.
* Values that are malformed or unknown are ignored and reported back (``ignored``); nothing
  a visitor types into the URL can cause a server error.
"""
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractYear, Lower
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from network.models import Country, MemberArea, PopulationBand, Theme
from network.params import page_number, search_text
from network.views import PAGE_SIZE

from .models import CaseStudyPage, SortOrder, StakeholderKind

MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 100
YEAR_MIN, YEAR_MAX = 1900, 2100
_SLUG = re.compile(r"^[-\w]+$")
_YEAR = re.compile(r"^[0-9]{4}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Dimension:
    """One filter: its URL parameter, its label and how case studies are matched and counted."""

    param: str
    label: str
    lookup: str  # "year" is special: the year the case started


DIMENSIONS = (
    Dimension("theme", _("Theme"), "themes__slug"),
    Dimension("country", _("Country"), "areas__country"),
    Dimension("area", _("Member area"), "areas__slug"),
    Dimension("size", _("Area size (inhabitants)"), "areas__population_band"),
    Dimension("stakeholder", _("Stakeholders involved"), "stakeholders__code"),
    Dimension("year", _("Year started"), "year"),
    Dimension("tag", _("Tag"), "tags__slug"),
)
PARAMS = [dim.param for dim in DIMENSIONS]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    options: list
    selected: str = ""
    selected_label: str = ""


@dataclass
class LibraryResult:
    """What the library template needs: one page of results and everything around it."""

    page_obj: object
    case_studies: list
    total: int
    facets: list
    active: list  # (label, value label, query string without this filter)
    ignored: list
    q: str
    sort: str
    sort_options: list
    querystring: str  # the cleaned state, for links; never echoes ignored values
    has_criteria: bool = False
    theme: dict = None  # {"slug", "name"} of the selected theme, for its feed
    theme_feeds: list = field(default_factory=list)  # [{"slug", "name"}] of every theme


def _display(value):
    """A visitor's raw value, made safe to show in a note (the template escapes it too)."""
    value = _CONTROL.sub("", value)
    return value if len(value) <= 30 else value[:29] + "…"


class LibraryQuery:
    """Parse the GET parameters of the library, then run the listing, facets and search."""

    def __init__(self, library, params):
        self.library = library
        self.params = params  # a QueryDict, usually request.GET
        self.ignored = []
        self.selected = {}
        self.q = ""
        self.sort = ""
        self.theme = None
        self._parse()

    # --- parsing -----------------------------------------------------------------------------

    def _last(self, name):
        # Repeated parameters (?theme=a&theme=b): the last non-empty one wins, like a form.
        values = [v.strip() for v in self.params.getlist(name) if v.strip()]
        return values[-1] if values else ""

    def _parse(self):
        for dim in DIMENSIONS:
            raw = self._last(dim.param)
            if not raw:
                continue
            if len(raw) > MAX_VALUE_LENGTH or not self._well_formed(dim, raw):
                self.ignored.append((dim.label, _display(raw)))
            else:
                self.selected[dim.param] = raw

        q = self._last("q")
        if len(q) > MAX_QUERY_LENGTH:
            self.ignored.append((_("Search"), _display(q)))
            q = q[:MAX_QUERY_LENGTH]
        # Control characters (a NUL in particular) are never part of a search and
        # PostgreSQL refuses them in text.
        self.q = " ".join(_CONTROL.sub(" ", q).split())
        self.search_text = search_text(self.q)
        if not self.search_text:  # only punctuation: nothing to search for
            self.q = ""

        sort = self._last("sort")
        allowed = [SortOrder.NEWEST, SortOrder.TITLE] + ([SortOrder.RELEVANCE] if self.q else [])
        if sort and sort not in allowed:
            if sort != SortOrder.RELEVANCE:  # "best match" without a search is just dropped
                self.ignored.append((_("Sort"), _display(sort)))
            sort = ""
        self.sort = sort or (SortOrder.RELEVANCE if self.q else SortOrder.NEWEST)

    @staticmethod
    def _well_formed(dim, raw):
        if dim.param == "year":
            return bool(_YEAR.match(raw)) and YEAR_MIN <= int(raw) <= YEAR_MAX
        if dim.param == "country":
            return raw in Country.values
        if dim.param == "size":
            return raw in PopulationBand.values
        if dim.param == "stakeholder":
            return raw in StakeholderKind.values
        return bool(_SLUG.match(raw))

    def _check_known(self, param, labels):
        """Drop a selected value that names no theme/area/tag; note it for the visitor."""
        value = self.selected.get(param)
        if value is not None and value not in labels:
            dim = next(d for d in DIMENSIONS if d.param == param)
            self.ignored.append((dim.label, _display(value)))
            del self.selected[param]

    # --- querying ----------------------------------------------------------------------------

    def _labels(self):
        """Value → label for every dimension (three small queries for themes, areas, tags)."""
        themes = {t.slug: t.name for t in Theme.objects.only("slug", "name")}
        areas = {a.slug: a.name for a in MemberArea.objects.only("slug", "name").order_by("name")}
        tags = {t.slug: t.name for t in Tag.objects.filter(
            casestudies_casestudytag_items__isnull=False).distinct().only("slug", "name")}
        self._check_known("theme", themes)
        self._check_known("area", areas)
        self._check_known("tag", tags)
        if "theme" in self.selected:
            self.theme = {"slug": self.selected["theme"], "name": themes[self.selected["theme"]]}
        return {
            "theme": themes, "area": areas, "tag": tags,
            "country": dict(Country.choices), "size": dict(PopulationBand.choices),
            "stakeholder": dict(StakeholderKind.choices),
        }

    def _search_ids(self, base):
        """Primary keys of the case studies matching the search text, best match first."""
        results = base.search(self.search_text, order_by_relevance=True)
        get_queryset = getattr(results, "get_queryset", None)
        if get_queryset is not None:  # database backends: one query, no objects loaded
            return list(get_queryset().values_list("pk", flat=True))
        return [page.pk for page in results]

    def _filtered(self, base, exclude=None):
        queryset = base
        for dim in DIMENSIONS:
            value = self.selected.get(dim.param)
            if value is None or dim.param == exclude:
                continue
            if dim.param == "year":
                queryset = queryset.filter(period_start__year=int(value))
            else:
                matching = CaseStudyPage.objects.filter(**{dim.lookup: value}).values("pk")
                queryset = queryset.filter(pk__in=matching)
        return queryset

    def _facet(self, dim, base, labels):
        queryset = self._filtered(base, exclude=dim.param).order_by()
        if dim.param == "year":
            rows = (queryset.annotate(value=ExtractYear("period_start")).values("value")
                    .annotate(n=Count("pk", distinct=True)).order_by("-value"))
            counts = {str(row["value"]): row["n"] for row in rows}
            names = {value: value for value in counts}
        else:
            rows = queryset.values(dim.lookup).annotate(n=Count("pk", distinct=True))
            counts = {row[dim.lookup]: row["n"] for row in rows if row[dim.lookup]}
            names = labels[dim.param]
        selected = self.selected.get(dim.param, "")
        if selected and selected not in names:
            names = {**names, selected: selected}
        options = [FacetOption(value, str(label), counts.get(value, 0), value == selected)
                   for value, label in names.items()
                   if counts.get(value) or value == selected]
        return Facet(dim.param, dim.label, options, selected,
                     str(names.get(selected, "")) if selected else "")

    def querystring(self, **changes):
        """The cleaned state as a query string, with some parameters changed or removed."""
        state = {param: self.selected.get(param) for param in PARAMS}
        state["q"] = self.q
        state["sort"] = "" if self.sort == (SortOrder.RELEVANCE if self.q else SortOrder.NEWEST) \
            else self.sort
        state.update(changes)
        query = QueryDict(mutable=True)
        for key, value in state.items():
            if value not in (None, ""):
                query[key] = value
        return query.urlencode()

    def run(self, per_page=PAGE_SIZE):
        """Run every query and return a ``LibraryResult``. The query count does not depend on
        the number of case studies."""
        labels = self._labels()
        base = self.library.case_studies()
        ranked = None
        if self.q:
            ranked = self._search_ids(base)
            base = base.filter(pk__in=ranked)

        results = self._filtered(base)
        facets = [self._facet(dim, base, labels) for dim in DIMENSIONS]

        number = page_number(self.params)
        prefetch = ("areas", "themes")
        if self.sort == SortOrder.RELEVANCE:
            wanted = set(results.values_list("pk", flat=True))
            ids = [pk for pk in ranked if pk in wanted]
            page_obj = Paginator(ids, per_page).get_page(number)
            pages = results.filter(pk__in=list(page_obj.object_list)).prefetch_related(*prefetch)
            by_pk = {page.pk: page for page in pages}
            page_obj.object_list = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
        else:
            if self.sort == SortOrder.TITLE:
                ordered = results.order_by(Lower("title"), "pk")
            else:
                ordered = results.order_by("-first_published_at", "-pk")
            page_obj = Paginator(ordered.prefetch_related(*prefetch), per_page).get_page(number)

        active = []
        for facet in facets:
            if facet.selected:
                active.append((facet.label, facet.selected_label,
                               self.querystring(**{facet.param: None})))
        sort_options = [(SortOrder.NEWEST, SortOrder.NEWEST.label),
                        (SortOrder.TITLE, SortOrder.TITLE.label)]
        if self.q:
            sort_options.insert(0, (SortOrder.RELEVANCE, SortOrder.RELEVANCE.label))
        return LibraryResult(
            page_obj=page_obj,
            case_studies=list(page_obj.object_list),
            total=page_obj.paginator.count,
            facets=facets,
            active=active,
            ignored=[f"{label} “{value}”" for label, value in self.ignored],
            q=self.q,
            sort=self.sort,
            sort_options=sort_options,
            querystring=self.querystring(),
            has_criteria=bool(self.selected or self.q),
            theme=self.theme,
            theme_feeds=[{"slug": slug, "name": name} for slug, name in labels["theme"].items()],
        )
