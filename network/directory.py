"""Queries behind the member directory: filtering, ordering and the A–Z letter jump.

Views stay thin: they validate the GET parameters with the filter forms and hand the valid
values to ``filter_areas`` / ``filter_people``. Every function here issues a fixed number of
queries whatever the number of areas or people (see tests/network/test_queries.py).
"""
import re

from django.db.models import Count, F, Q
from django.db.models.functions import Lower

from .models import MemberArea, Person

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
    """(region, "Region (n)") pairs of the regions areas in the directory are in, one query."""
    rows = (MemberArea.objects.in_directory().exclude(region="").values("region")
            .annotate(n=Count("pk")).order_by("region"))
    return [(row["region"], f"{row['region']} ({row['n']})") for row in rows]


def filter_areas(filters):
    """Areas in the directory matching the (already validated) filters, ordered, annotated
    with ``people_count`` (listed people), with their image joined."""
    areas = MemberArea.objects.in_directory()
    if "country" in filters:
        areas = areas.filter(country=filters["country"])
    if "region" in filters:
        areas = areas.filter(region__iexact=filters["region"])
    if "kind" in filters:
        areas = areas.filter(kind=filters["kind"])
    if "organisation_model" in filters:
        areas = areas.filter(organisation_model=filters["organisation_model"])
    if "theme" in filters:
        areas = areas.filter(pk__in=Person.objects.in_directory()
                             .filter(expertise=filters["theme"]).values("areas"))
    if "letter" in filters:
        areas = areas.filter(starts_with("name", filters["letter"]))
    if "q" in filters:
        q = filters["q"]
        areas = areas.filter(Q(name__icontains=q) | Q(municipality__icontains=q)
                             | Q(region__icontains=q) | Q(profile__icontains=q))
    ordering = AREA_ORDERINGS.get(filters.get("sort"), AREA_ORDERINGS["name"])
    return areas.select_related("image").annotate(
        people_count=Count("people", filter=Q(people__listed_in_directory=True), distinct=True)
    ).order_by(*ordering)


def area_letters():
    """Initials of the areas in the directory (one query)."""
    return letters(MemberArea.objects.in_directory().values_list("name", flat=True))


def filter_people(filters):
    """People listed in the directory matching the (already validated) filters, ordered, with
    organisation, photo, areas and expertise loaded in a fixed number of queries."""
    people = Person.objects.in_directory()
    if "country" in filters:
        people = people.filter(pk__in=Person.objects.filter(areas__country=filters["country"])
                               .values("pk"))
    if "area" in filters:
        people = people.filter(areas=filters["area"])
    if "role" in filters:
        people = people.filter(role=filters["role"])
    if "theme" in filters:
        people = people.filter(expertise=filters["theme"])
    if "letter" in filters:
        people = people.filter(starts_with("name", filters["letter"]))
    if "q" in filters:
        q = filters["q"]
        # Search covers what the listing shows to members; contact details are not searched so
        # that the result count cannot be used to probe for an address.
        people = people.filter(
            pk__in=Person.objects.filter(
                Q(name__icontains=q) | Q(job_title__icontains=q) | Q(bio__icontains=q)
                | Q(organisation__name__icontains=q) | Q(areas__name__icontains=q)
                | Q(expertise__name__icontains=q)
            ).values("pk"))
    ordering = PEOPLE_ORDERINGS.get(filters.get("sort"), PEOPLE_ORDERINGS["name"])
    return (people.select_related("organisation", "photo")
            .prefetch_related("areas", "expertise").order_by(*ordering))


def people_letters():
    """Initials of the people listed in the directory (one query)."""
    return letters(Person.objects.in_directory().values_list("name", flat=True))
