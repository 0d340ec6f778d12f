"""The one filter mechanism (network.filters) and paging (network.pagination), as the member
directory uses them: odd input is ignored with a note, never an error."""
import re

import pytest
from django.test import RequestFactory

from network.models import AreaKind, Country
from network.pagination import paginate
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NOTE = "Some filters were not understood and have been ignored:"


@pytest.fixture
def areas(site):
    vacancy = ThemeFactory(name="Vacancy", slug="vacancy")
    koge = MemberAreaFactory(name="Køge bymidte", slug="koge", country=Country.DENMARK,
                             region="Region Zealand", kind=AreaKind.CITY_CENTRE)
    boxtel = MemberAreaFactory(name="Boxtel centrum", slug="boxtel", region="Brabant",
                               kind=AreaKind.VILLAGE_CENTRE)
    MemberAreaFactory(name="Oss centrum", slug="oss", region="Brabant")
    PersonFactory(name="Mette Holm", areas=[koge], expertise=[vacancy])
    PersonFactory(name="Bas Boxtel", areas=[boxtel])
    return {"koge": koge, "boxtel": boxtel}


@pytest.mark.parametrize("query, label", [
    ("country=XX", "Country"),
    ("country=DK&country=XX", "Country"),  # repeated: the last value counts, and it is bad
    ("q=" + "x" * 5000, "Search"),
    ("q=boxtel%00", "Search"),
    ("theme=%00", "Expertise"),
    ("theme=12", "Expertise"),  # an id instead of a slug
    ("kind=" + "v" * 300, "Kind of area"),
    ("region=Brabant%00", "Region"),
    ("sort=sideways", "Order"),
    ("letter=ab", "Initial letter"),
])
def test_area_index_ignores_bad_values_with_a_note(client, areas, query, label):
    response = client.get(f"/en/members/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{NOTE} {label}." in html
    assert response.context["total"] == 3  # ignored means: the whole directory is listed


@pytest.mark.parametrize("query, label", [
    ("area=%00", "Member area"),
    ("area=42", "Member area"),
    ("area=boxtel&area=nowhere", "Member area"),
    ("role=" + "r" * 1000, "Role"),
    ("theme=vacancy%00", "Ask me about"),
    ("q=%00", "Search"),
])
def test_people_listing_ignores_bad_values_with_a_note(member_client, areas, query, label):
    response = member_client.get(f"/en/members/people/?{query}")
    assert response.status_code == 200
    assert f"{NOTE} {label}." in response.content.decode()
    assert response.context["total"] == 2


def test_a_note_names_every_ignored_filter_in_the_forms_order(client, areas):
    html = client.get("/en/members/?sort=up&country=XX&kind=%00").content.decode()
    assert f"{NOTE} Country, Kind of area, Order." in html


def test_repeated_parameters_use_the_last_value_given(client, member_client, areas):
    # An empty repeat (from a form with two fields of the same name) does not clear the filter.
    response = client.get("/en/members/?country=NL&country=DK&country=")
    assert re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>',
                      response.content.decode()) == ["Køge bymidte"]
    assert NOTE not in response.content.decode()
    response = member_client.get("/en/members/people/?area=koge&area=boxtel&area=")
    assert [person.name for person in response.context["people"]] == ["Bas Boxtel"]


def test_region_counts_match_the_results(client, areas):
    form = client.get("/en/members/").context["form"]
    regions = dict(form.fields["region"].widget.choices)
    assert regions["Brabant"] == "Brabant (2)" and regions["Region Zealand"] == "Region Zealand (1)"
    for region, label in list(regions.items())[1:]:
        total = client.get("/en/members/", {"region": region}).context["total"]
        assert label == f"{region} ({total})"


def test_letter_links_keep_the_other_filters_and_drop_the_page(client, areas):
    html = client.get("/en/members/?country=NL&page=1&letter=B").content.decode()
    assert 'href="?country=NL&amp;letter=O"' in html
    assert 'href="?country=NL"' in html  # "All" letters


@pytest.mark.parametrize("raw, number", [
    (None, 1), ("", 1), ("2", 2), ("3", 3), ("4", 3), ("99999999999999999999", 3), ("0", 1),
    ("-1", 1), ("1.5", 1), ("abc", 1), ("²", 1), ("２", 1), (" 2", 1), ("2\x00", 1),
])
def test_paginate_answers_odd_page_numbers_with_the_first_or_last_page(raw, number):
    request = RequestFactory().get("/en/", {} if raw is None else {"page": raw})
    page = paginate(request, list(range(25)), per_page=10)
    assert page.number == number
