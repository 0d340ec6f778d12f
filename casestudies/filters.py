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
* Counting and sorting are what cost at 10,000 cases (every facet reads every matching case),
  so the labels, the search's results, the facet counts and the results' keys in order are
  remembered (``network.memo.remember_tables``): read once, then shared by every page of
  that listing (and the counts by every sort order), until a table they were read from is
  written (a case study published, a theme renamed; not a sign-up or a profile edit). A page
  of results is then one query for its twelve cards.
* Values that are malformed or unknown are ignored and reported back (``ignored``); nothing
  a visitor types into the URL can cause a server error.

The filters are a lenient django-filter FilterSet (``LibraryFilter``, see network.filters), as
on every listing of the site; the full-text search and the sort order stay in ``LibraryQuery``.
"""
import re
from array import array
from dataclasses import dataclass, field, replace
from functools import cached_property

import django_filters
from django.db.models import F
from django.db.models.functions import ExtractYear, Lower
from django.http import QueryDict
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from network import area_picker, memo
from network.filters import LenientFilterSet, display_value
from network.localized import localized_expression, localized_field_names
from network.models import Country, MemberArea, PopulationBand, Theme
from network.pagination import SHORT_PAGE_SIZE, LenientPaginator
from network.params import search_text
from network.translation import active_language, prefetch_text_languages

from .cards import cards_html
from .choices import SortOrder, StakeholderKind

MAX_QUERY_LENGTH = 200
MAX_VALUE_LENGTH = 100
YEAR_MIN, YEAR_MAX = 1900, 2100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _related(label, lookup, **kwargs):
    # Every filter is ``pk IN (subquery)``, never a join on the listing query (see above).
    return django_filters.ChoiceFilter(label=label, field_name=lookup, method="filter_related",
                                       **kwargs)


class LibraryFilter(LenientFilterSet):
    """The library's filters, over the case studies of one library (search already applied).

    Themes, areas and tags are checked against the values in the data, loaded once per request
    (``labels``), so an unknown slug is ignored without a query of its own.
    """

    max_value_length = MAX_VALUE_LENGTH

    theme = _related(_("Theme"), "themes__slug")
    country = _related(_("Country"), "areas__country", choices=Country.choices)
    area = _related(_("Member area"), "areas__slug")
    size = _related(_("Area size (inhabitants)"), "areas__population_band",
                    choices=PopulationBand.choices)
    stakeholder = _related(_("Stakeholders involved"), "stakeholders__code",
                           choices=StakeholderKind.choices)
    year = django_filters.ChoiceFilter(
        label=_("Year started"), field_name="period_start__year",
        choices=[(str(year), str(year)) for year in range(YEAR_MIN, YEAR_MAX + 1)])
    tag = _related(_("Tag"), "tags__slug")

    def __init__(self, data, queryset, *, labels):
        super().__init__(data, queryset)
        for name in ("theme", "area", "tag"):
            self.filters[name].extra["choices"] = list(labels[name].items())

    def filter_related(self, queryset, name, value):
        matching = queryset.model.objects.filter(**{name: value}).values("pk")
        return queryset.filter(pk__in=matching)


PARAMS = list(LibraryFilter.base_filters)

#: How many filter combinations' counts, facets and orders one process keeps: the common ones
#: (the plain library, a theme, a country) stay; a crawler trying every combination costs
#: queries, not memory.
REMEMBERED_COMBINATIONS = 16


def with_card_data(queryset):
    """``queryset`` with what a case-study card shows loaded up front: areas (with their
    country), themes, the text language and the card image with its renditions, so that a list
    of cards needs the same number of queries for 3 cases or 30."""
    # Imported here: network.images loads Wagtail's admin forms, which need the models ready,
    # and this module is imported by casestudies.models.
    from network.images import with_card_images

    # An alias's text language (its original's) read in the same query: see
    # network.translation.prefetch_text_languages.
    queryset = (queryset.select_related("locale").prefetch_related("areas", "themes")
                .annotate(alias_text_language=F("alias_of__locale__language_code")))
    return with_card_images(queryset, "hero_image")


def cards_in_order(queryset, pks):
    """The rows of ``queryset`` with the keys ``pks``, with their card data (``with_card_data``)
    and in the order of ``pks``, from one query; keys no longer there are left out."""
    if not pks:
        return []
    by_pk = {page.pk: page for page in with_card_data(queryset.filter(pk__in=pks))}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _with_keys_of(names, values):
    """``values`` with each key replaced by the equal key of ``names`` (one string kept, not two)."""
    keys = {key: key for key in names}
    return {keys.get(value, value): n for value, n in values.items()}


@dataclass(slots=True)  # 2,000 of them per remembered filter combination at 10,000 cases
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
    options_html: str = ""  # the options' markup (``render_options``)
    text_field: bool = False  # a text field with suggestions, not a select (network.area_picker)
    control_html: str = ""  # that field, rendered for the request (``_with_area_field``)
    help: str = ""  # what to do with the text field


#: The markup of one option: a radio button in the tag list, an <option> in the other filters.
OPTION_HTML = {
    "tag": ('<li><label><input type="radio" name="tag" value="{}"{}> {} '
            '<span class="filter-tags__count">({})</span></label></li>', " checked"),
    None: ('<option value="{}"{}>{} ({})</option>', " selected"),
}


def render_options(param, options):
    """The options of a facet as markup, escaped: built here rather than in the template
    because at 10,000 cases the area filter has 2,000 options, which the template engine
    takes tens of milliseconds to loop over (and the result is remembered with the counts)."""
    html, selected = OPTION_HTML.get(param, OPTION_HTML[None])
    return format_html_join("\n", html, ((option.value, selected if option.selected else "",
                                         option.label, localize(option.count))
                                        for option in options))


@dataclass
class LibraryResult:
    """What the library template needs: one page of results and everything around it."""

    page_obj: object  # its object_list: the keys of the page's case studies, in order
    cards: str  # their cards' markup (casestudies.cards)
    total: int
    facets: list
    active: list  # (label, value label, query string without this filter)
    ignored: list
    q: str
    sort: str
    sort_options: list
    querystring: str  # the cleaned state, for links; never echoes ignored values
    params: QueryDict  # the same, for {% querystring library.params page=2 %}
    has_criteria: bool = False
    clear_search: str = ""  # the query string without the search, for its removable chip
    theme: dict = None  # {"slug", "name"} of the selected theme, for its feed
    theme_feeds: list = field(default_factory=list)  # [{"slug", "name"}] of every theme

    @cached_property
    def case_studies(self):
        """The page's case studies as pages, in order (the template needs only ``cards``)."""
        from .models import CaseStudyPage  # the models import this module

        return prefetch_text_languages(cards_in_order(CaseStudyPage.objects.all(),
                                                      list(self.page_obj.object_list)))


class LibraryQuery:
    """Read the GET parameters of the library, then run the listing, facets and search."""

    def __init__(self, library, params):
        self.library = library
        self.params = params  # a QueryDict, usually request.GET
        self.ignored = []
        self.selected = {}
        self.theme = None
        self._read_search_and_sort()

    def _last(self, name):
        # Repeated parameters (?q=a&q=b): the last non-empty one wins, as for the filters.
        values = [v.strip() for v in self.params.getlist(name) if v.strip()]
        return values[-1] if values else ""

    def _read_search_and_sort(self):
        q = self._last("q")
        if len(q) > MAX_QUERY_LENGTH:
            self.ignored.append((_("Search"), display_value(q)))
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
                self.ignored.append((_("Sort"), display_value(sort)))
            sort = ""
        self.sort = sort or (SortOrder.RELEVANCE if self.q else SortOrder.NEWEST)

    # --- querying ----------------------------------------------------------------------------

    @classmethod
    def _labels(cls):
        """Value → label for every filter, in the active language; read again only after a
        write to the themes, areas or tags (``_load_labels``)."""
        return memo.remember_tables("casestudies-library-labels", active_language(),
                                    cls._load_labels)

    @staticmethod
    def _load_labels():
        """Value → label for every filter (three small queries for themes, areas, tags); the
        names of themes and areas in the active language (network.localized)."""
        names = localized_field_names("name")
        return {
            "theme": {t.slug: t.localized_name for t in Theme.objects.only("slug", *names)},
            "area": {a.slug: a.localized_name for a in MemberArea.objects.only("slug", *names)
                     .order_by(localized_expression("name"))},
            "tag": {t.slug: t.name for t in Tag.objects.filter(
                casestudies_casestudytag_items__isnull=False).distinct().only("slug", "name")},
            "country": dict(Country.choices), "size": dict(PopulationBand.choices),
            "stakeholder": dict(StakeholderKind.choices),
        }

    def _find_typed_area(self, labels):
        """An area typed by name (the text field of a large network, network.area_picker) is
        filtered by as if its slug had been chosen; the links on the page then carry the slug."""
        typed = self._last("area")
        if not typed or typed in labels["area"]:
            return
        entry = area_picker.find(typed)
        if entry is not None and entry.slug in labels["area"]:
            self.params = self.params.copy()
            self.params.setlist("area", [entry.slug])

    def _with_area_field(self, facet):
        """A copy of the (remembered, shared) area facet with its text field for this request:
        the area's name, or what was typed if no area has it, to be corrected (the note says
        why; never kept in the facet, which other requests share)."""
        typed = "" if facet.selected else self._last("area")[:area_picker.MAX_TEXT_LENGTH]
        control = area_picker.AreaInput(key="slug").render(
            "area", facet.selected or typed,
            attrs={"id": "filter-area", "aria-describedby": "filter-area-help"})
        return replace(facet, control_html=control)

    def _search_ids(self, base):
        """Primary keys of the case studies matching the search text, best match first."""
        results = base.search(self.search_text, order_by_relevance=True)
        get_queryset = getattr(results, "get_queryset", None)
        if get_queryset is not None:  # database backends: one query, no objects loaded
            return list(get_queryset().values_list("pk", flat=True))
        return [page.pk for page in results]

    def _facet(self, filterset, param, labels, counts):
        selected = self.selected.get(param, "")
        label = filterset.filters[param].label
        if param == "year":
            # Latest first; four-digit years sort as text as they do as numbers.
            names = {value: value for value in sorted(counts, reverse=True)}
            if selected and selected not in names:
                names[selected] = selected
        else:
            names = labels[param]
        selected_label = str(names.get(selected, "")) if selected else ""
        if param == "area" and area_picker.use_text_field():
            # Too many areas for a select: a text field (``_with_area_field``).
            return Facet(param, label, [], selected, selected_label, text_field=True,
                         help=str(area_picker.TEXT_FIELD_HELP))
        options = [FacetOption(value, str(name), counts.get(value, 0), value == selected)
                   for value, name in names.items()
                   if counts.get(value) or value == selected]
        return Facet(param, label, options, selected, selected_label,
                     render_options(param, options))

    def querystring(self, **changes):
        """The cleaned state as a query string, with some parameters changed or removed."""
        return self.params_without_ignored(**changes).urlencode()

    def params_without_ignored(self, **changes):
        """The cleaned state as a QueryDict (never echoes ignored values), with changes."""
        state = {param: self.selected.get(param) for param in PARAMS}
        state["q"] = self.q
        state["sort"] = "" if self.sort == (SortOrder.RELEVANCE if self.q else SortOrder.NEWEST) \
            else self.sort
        state.update(changes)
        query = QueryDict(mutable=True)
        for key, value in state.items():
            if value not in (None, ""):
                query[key] = value
        return query

    def run(self, per_page=SHORT_PAGE_SIZE, request=None):
        """Run every query and return a ``LibraryResult`` (``request``: for the cards' links).
        The query count does not depend on the number of case studies."""
        labels = self._labels()
        self._find_typed_area(labels)

        def search():
            # The search's results in order, remembered with the search index's tables.
            return memo.remember_tables(
                "casestudies-library-search", (self.library.pk, self.search_text),
                lambda: self._search_ids(self.library.case_studies()))

        def filtered():
            # Built afresh inside each remembered load, so that every table it reads (the
            # search index, the view restrictions behind public()) counts among the load's.
            base = self.library.case_studies()
            if self.q:
                base = base.filter(pk__in=search())
            return LibraryFilter(self.params, base, labels=labels)

        filterset = LibraryFilter(self.params, self.library.case_studies(), labels=labels)
        self.selected = filterset.valid_filters()
        self.ignored = filterset.ignored_values() + self.ignored
        if "theme" in self.selected:
            self.theme = {"slug": self.selected["theme"],
                          "name": labels["theme"][self.selected["theme"]]}
        criteria = (self.library.pk, self.q, tuple(sorted(self.selected.items())))

        def count():
            # Every facet's counts in one query (the year by the year its case started).
            current = filtered()
            counts = current.facet_counts_all({
                param: ExtractYear("period_start") if param == "year"
                else current.filters[param].field_name for param in PARAMS})
            # Keyed by the labels' own strings rather than the rows' copies (2,000 area slugs
            # per remembered combination at 10,000 cases).
            return {param: _with_keys_of(labels.get(param, {}), values)
                    for param, values in counts.items()}

        def order():
            # Every result's key in order (8 bytes each): any page of the listing is then a
            # slice, and its length the number of results, with no COUNT and no OFFSET.
            results = filtered().qs
            if self.sort == SortOrder.RELEVANCE:
                wanted = set(results.values_list("pk", flat=True))
                return array("q", [pk for pk in search() if pk in wanted])
            if self.sort == SortOrder.TITLE:
                ordered = results.order_by(Lower("title"), "pk")
            else:
                ordered = results.order_by("-first_published_at", "-pk")
            return array("q", ordered.values_list("pk", flat=True))

        def build_facets():
            self._labels()  # the labels' tables count among the facets'
            counts = memo.remember_tables("casestudies-library-counts", criteria, count,
                                          size=REMEMBERED_COMBINATIONS)
            return [self._facet(filterset, param, labels, counts[param]) for param in PARAMS]

        # The counts are the same in every language; the facets' labels are not.
        facets = memo.remember_tables("casestudies-library-facets",
                                      (*criteria, active_language()), build_facets,
                                      size=REMEMBERED_COMBINATIONS)
        ordered_pks = memo.remember_tables("casestudies-library-order", (*criteria, self.sort),
                                           order, size=REMEMBERED_COMBINATIONS)
        facets = [self._with_area_field(facet) if facet.text_field else facet for facet in facets]
        page_obj = LenientPaginator(ordered_pks, per_page).get_page(self.params.get("page"))
        page_obj.object_list = list(page_obj.object_list)

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
            cards=cards_html(page_obj.object_list, request),
            total=page_obj.paginator.count,
            facets=facets,
            active=active,
            ignored=[f"{label} “{value}”" for label, value in self.ignored],
            q=self.q,
            sort=self.sort,
            sort_options=sort_options,
            querystring=self.querystring(),
            params=self.params_without_ignored(),
            has_criteria=bool(self.selected or self.q),
            clear_search=self.querystring(q=None) if self.q else "",
            theme=self.theme,
            theme_feeds=[{"slug": slug, "name": name} for slug, name in labels["theme"].items()],
        )
