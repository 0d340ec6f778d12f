"""Queries behind the member directory: filtering, ordering and the A–Z letter jump.

Views stay thin: they hand the GET parameters to ``AreaFilter`` / ``PeopleFilter`` (lenient
filter sets, see network.filters). Everything here issues a fixed number of queries whatever
the number of areas or people (see tests/network/test_queries.py).
"""
import re

import django_filters
from django import forms
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Lower, RowNumber
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import memo
from .area_picker import AreaChoiceField
from .filters import LenientFilterSet
from .forms import AreaFilterForm, PeopleFilterForm
from .images import with_card_images
from .localized import localized_field_names
from .models import AreaKind, Country, MemberArea, OrganisationModel, Person, PersonRole, Theme
from .translation import active_language

# Sort options, shared by the forms and the views.
AREA_ORDERINGS = {
    "name": (Lower("name"), "pk"),
    "-name": (Lower("name").desc(), "-pk"),
    "municipality": (Lower("municipality"), Lower("name"), "pk"),
    # nulls_last: PostgreSQL would put areas without a year first (SQLite puts them last).
    "newest": (F("member_since").desc(nulls_last=True), Lower("name"), "pk"),
}
PEOPLE_ORDERINGS = {
    "name": (Lower("name"), "pk"),
    "-name": (Lower("name").desc(), "-pk"),
}


def _in_any_language(field, value):
    """``field`` or one of its translations (network.localized) contains ``value``."""
    query = Q()
    for name in localized_field_names(field):
        query |= Q(**{f"{name}__icontains": value})
    return query


def initial(name):
    """The letter a name is filed under: its first letter or digit, upper case ("'s-Hertogenbosch"
    is filed under S, as the name is written)."""
    for char in name:
        if char.isalnum():
            return char.upper()
    return "#"


def starts_with(field, letter):
    """A filter for names filed under ``letter`` (leading quotes and spaces skipped)."""
    # \W* skips "'s-" style prefixes; the same regex works in SQLite (Python re) and PostgreSQL.
    return Q(**{f"{field}__iregex": r"^\W*" + re.escape(letter)})


def letters(names):
    """The sorted set of initials of ``names`` (for the A–Z jump links)."""
    return sorted({initial(name) for name in names})


def region_choices():
    """(region, "Region (n)") pairs of the regions areas in the directory are in: one query,
    then kept until an area is written (network.memo.remember_tables)."""
    def load():
        rows = (MemberArea.objects.in_directory().exclude(region="").values("region")
                .annotate(n=Count("pk")).order_by("region"))
        return [(row["region"], f"{row['region']} ({row['n']})") for row in rows]

    return memo.remember_tables("network.directory.regions", (), load)


def _letter_filter():
    # Set by the A–Z links rather than typed, so it is a hidden input carried along by "Apply".
    return django_filters.CharFilter(label=_("Initial letter"), max_length=1,
                                     widget=forms.HiddenInput, method="filter_letter")


class DirectoryFilterSet(LenientFilterSet):
    """What the two directory listings share: the letter jump and the sort orders."""

    orderings = {}

    def filter_letter(self, queryset, name, value):
        return queryset.filter(starts_with("name", value))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*self.orderings[value])


class AreaFilter(DirectoryFilterSet):
    """Filters of the member-area index, over the areas in the directory."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="search")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices,
                                          empty_label=_("All countries"))
    # A select of the regions in the data (with counts), but a CharField underneath so that
    # old links with a differently capitalised region keep working.
    region = django_filters.CharFilter(label=_("Region"), max_length=120, widget=forms.Select,
                                       lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(label=_("Kind of area"), choices=AreaKind.choices,
                                       empty_label=_("All kinds"))
    organisation_model = django_filters.ChoiceFilter(
        label=_("Organisation model"), choices=OrganisationModel.choices,
        empty_label=_("All models"))
    theme = django_filters.ModelChoiceFilter(
        label=_("Expertise"), queryset=Theme.objects.all(), to_field_name="slug",
        empty_label=_("Any theme"), method="filter_theme")
    sort = django_filters.ChoiceFilter(
        label=_("Order"), empty_label=_("A–Z by name"), method="filter_sort",
        choices=[("-name", _("Z–A by name")), ("municipality", _("A–Z by municipality")),
                 ("newest", _("Newest members first"))])
    letter = _letter_filter()

    orderings = AREA_ORDERINGS

    class Meta:
        form = AreaFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            # The cards' pictures and all their renditions: two queries for any number.
            # The cards' people counts come after paging (with_people_counts): counted here,
            # every area's people would be grouped before the page is cut (#17).
            queryset = with_card_images(MemberArea.objects.in_directory()).order_by(
                *AREA_ORDERINGS["name"])
        super().__init__(data, queryset, **kwargs)

    def get_form_kwargs(self):
        return {"regions": region_choices()}

    def search(self, queryset, name, value):
        # Names and profiles in every language: a Dutch member may type "binnenstad".
        return queryset.filter(_in_any_language("name", value) | Q(municipality__icontains=value)
                               | Q(region__icontains=value) | _in_any_language("profile", value))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=Person.objects.in_directory()
                               .filter(expertise=value).values("areas"))


AREA_CARD_TEMPLATE = "network/includes/area_card.html"
#: How many pages of area cards one process keeps (per language).
REMEMBERED_CARD_PAGES = 32


def area_cards(pks):
    """The cards of the member areas with the keys ``pks``, in that order, as markup: read
    (areas, pictures, people counts) and written once, then kept until a table they were read
    from is written (network.memo.remember_tables). A card is the same for every visitor."""
    pks = tuple(pks)
    if not pks:
        return ""

    def load():
        areas = {area.pk: area for area in with_people_counts(
            with_card_images(MemberArea.objects.filter(pk__in=pks)))}
        template = get_template(AREA_CARD_TEMPLATE)
        return "".join(template.render({"area": areas[pk]}) for pk in pks if pk in areas)

    return mark_safe(memo.remember_tables(  # noqa: S308 — written by the template engine, escaped there
        "network.directory.area-cards", (pks, active_language()), load,
        size=REMEMBERED_CARD_PAGES))


def with_people_counts(areas):
    """The areas as a list, each with ``people_count``: its people listed in the directory.
    One query for a page of areas."""
    areas = list(areas)
    counts = dict(MemberArea.objects.filter(pk__in=[area.pk for area in areas])
                  .annotate(n=Count("people", filter=Q(people__listed_in_directory=True),
                                    distinct=True))
                  .values_list("pk", "n"))
    for area in areas:
        area.people_count = counts.get(area.pk, 0)
    return areas


def area_letters():
    """Initials of the areas in the directory: one query over every area's name, then kept
    until an area is written."""
    return memo.remember_tables("network.directory.area-letters", (), lambda: letters(
        MemberArea.objects.in_directory().values_list("name", flat=True)))


class MemberAreaChoiceFilter(django_filters.ModelChoiceFilter):
    """A member area by its slug: a select, or a text field with suggestions in a large network
    (network.area_picker), where a typed name is found as well."""

    field_class = AreaChoiceField


class PeopleFilter(DirectoryFilterSet):
    """Filters of the people listing (members only), over the people listed in the directory."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="search",
                                  help_text=_("Name, job title, organisation, area or theme."))
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices,
                                          empty_label=_("All countries"), method="filter_country")
    area = MemberAreaChoiceFilter(
        label=_("Member area"), queryset=MemberArea.objects.in_directory(),
        to_field_name="slug", empty_label=_("All areas"), field_name="areas")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=PersonRole.choices,
                                       empty_label=_("All roles"))
    theme = django_filters.ModelChoiceFilter(
        label=_("Ask me about"), queryset=Theme.objects.all(), to_field_name="slug",
        empty_label=_("Any theme"), field_name="expertise")
    sort = django_filters.ChoiceFilter(label=_("Order"), empty_label=_("A–Z by name"),
                                       choices=[("-name", _("Z–A by name"))],
                                       method="filter_sort")
    letter = _letter_filter()

    orderings = PEOPLE_ORDERINGS

    class Meta:
        form = PeopleFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = (with_card_images(Person.objects.in_directory(), "photo")
                        .select_related("organisation")
                        .prefetch_related("areas", "expertise")
                        .order_by(*PEOPLE_ORDERINGS["name"]))
        super().__init__(data, queryset, **kwargs)

    def filter_country(self, queryset, name, value):
        return queryset.filter(pk__in=Person.objects.filter(areas__country=value).values("pk"))

    def search(self, queryset, name, value):
        # Search covers what the listing shows to members; contact details are not searched so
        # that the result count cannot be used to probe for an address.
        return queryset.filter(
            pk__in=Person.objects.filter(
                Q(name__icontains=value) | Q(job_title__icontains=value)
                | Q(bio__icontains=value) | Q(organisation__name__icontains=value)
                | _in_any_language("areas__name", value)
                | _in_any_language("expertise__name", value)
            ).values("pk"))

def people_letters():
    """Initials of the people listed in the directory: one query over every name, then kept
    until a person is written."""
    return memo.remember_tables("network.directory.people-letters", (), lambda: letters(
        Person.objects.in_directory().values_list("name", flat=True)))


# The schematic map on the home page: each country a panel of the drawing, its areas dots placed
# by latitude and longitude inside the country's bounding box (degrees: south, north, west, east).
# Not a geographic map: the list of areas beside it is what it says in words.
MAP_PANELS = {
    Country.NETHERLANDS: {"box": (50.75, 53.55, 3.35, 7.25), "x": 0, "width": 200},
    Country.DENMARK: {"box": (54.55, 57.75, 8.05, 12.75), "x": 220, "width": 200},
}
MAP_HEIGHT = 240
MAP_MARGIN = 16


def _map_point(panel, latitude, longitude):
    """(x, y) of a place in its country's panel of the map, or None without coordinates."""
    if latitude is None or longitude is None:
        return None
    south, north, west, east = panel["box"]
    inner_width, inner_height = panel["width"] - 2 * MAP_MARGIN, MAP_HEIGHT - 2 * MAP_MARGIN
    fx = min(max((float(longitude) - west) / (east - west), 0), 1)
    fy = min(max((north - float(latitude)) / (north - south), 0), 1)
    return (round(panel["x"] + MAP_MARGIN + fx * inner_width, 1),
            round(MAP_MARGIN + fy * inner_height, 1))


# The home page names this many areas of each country; the directory has them all.
HOME_AREAS_PER_COUNTRY = 12
# Dots closer than this (in the drawing's units; a dot's radius is 6) are drawn as one.
MAP_DOT_GRID = 6


def areas_by_country(limit=HOME_AREAS_PER_COUNTRY):
    """The areas in the directory grouped by country, for the home page: a list of dicts with
    ``code``, ``name``, ``count`` (all the country's areas), ``areas`` (the first ``limit`` by
    name, each a dict of ``url``, ``localized_name`` and ``municipality``), ``more`` (how many
    more the directory lists) and ``dots`` ((x, y) on the schematic map, one per place). One
    query, and its rows bounded by ``limit``, whatever the number of areas; kept until a table
    it reads is written (network/memo.py): ranking 2,000 areas by name is most of its time."""
    return memo.remember_tables("home-areas-by-country", (active_language(), limit),
                                lambda: _areas_by_country(limit))


def _areas_by_country(limit):
    names = localized_field_names("name")
    areas = (MemberArea.objects.in_directory()
             .only("slug", "country", "municipality", *names)
             .annotate(rank=Window(RowNumber(), partition_by=F("country"),
                                   order_by=AREA_ORDERINGS["name"]),
                       country_count=Window(Count("pk"), partition_by=F("country")))
             .filter(rank__lte=limit)
             .order_by(*AREA_ORDERINGS["name"]))
    groups = {code: {"code": code, "name": label, "areas": [], "count": 0, "more": 0,
                     "panel": MAP_PANELS.get(code)}
              for code, label in Country.choices}
    for area in areas:
        group = groups.get(area.country)
        if group is None:
            continue
        # Plain values: what is kept is shared by every request of this process.
        group["areas"].append({"url": area.get_absolute_url(), "localized_name": area.localized_name,
                               "municipality": area.municipality})
        group["count"] = area.country_count
        group["more"] = area.country_count - min(area.country_count, limit)
    dots = _map_dots()
    for group in groups.values():
        group["dots"] = dots.get(group["code"], [])
        group["name"] = str(group["name"])
    return [group for group in groups.values() if group["areas"]]


def _map_dots():
    """{country: [(x, y), …]}: each place with coordinates in the directory on its country's
    panel, places that would overlap drawn once."""
    dots = {}
    rows = (MemberArea.objects.in_directory().exclude(latitude=None).exclude(longitude=None)
            .order_by("pk").values_list("country", "latitude", "longitude"))
    for country, latitude, longitude in rows:
        panel = MAP_PANELS.get(country)
        if panel is None:
            continue
        x, y = _map_point(panel, latitude, longitude)
        cell = (round(x / MAP_DOT_GRID), round(y / MAP_DOT_GRID))
        dots.setdefault(country, {}).setdefault(cell, (x, y))
    return {country: list(cells.values()) for country, cells in dots.items()}
