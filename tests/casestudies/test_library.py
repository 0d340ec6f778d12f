"""The case-study library: filters, facet counts, search, sort, pagination and bad input."""
import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudyIndexPage
from network.models import Country, HomePage, PopulationBand
from tests.conftest import module_data
from tests.factories import MemberAreaFactory

from .conftest import make_themes
from .factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@module_data
def shared_library():
    """The library with four cases whose facts overlap in known ways (see each filter test),
    made once for the module: every test here reads them, some add their own."""
    library = CaseStudyIndexPageFactory(parent=HomePage.objects.get(depth=2, locale__language_code="en"))
    areas = {
        "vlaardingen": MemberAreaFactory(slug="vlaardingen", name="Vlaardingen city centre",
                                         country=Country.NETHERLANDS,
                                         population_band=PopulationBand.FROM_50K),
        "den-bosch": MemberAreaFactory(slug="den-bosch", name="'s-Hertogenbosch city centre",
                                       country=Country.NETHERLANDS,
                                       population_band=PopulationBand.FROM_100K),
        "koge": MemberAreaFactory(slug="koge", name="Køge", country=Country.DENMARK,
                                  population_band=PopulationBand.FROM_25K),
    }
    themes = make_themes()

    def make_case(**kwargs):
        return CaseStudyPageFactory(parent=library, **kwargs)

    cases = {
        "popup": make_case(title="Pop-up shops in empty units", areas=[areas["vlaardingen"]],
                           themes=[themes["vacancy"]], stakeholders=["municipality", "property_owners"],
                           period_start=datetime.date(2021, 4, 1), tags=["pop-up"]),
        "delivery": make_case(title="Delivery hubs outside the walls", areas=[areas["den-bosch"]],
                              themes=[themes["mobility"]], stakeholders=["entrepreneurs"],
                              period_start=datetime.date(2022, 1, 10), tags=["logistics"]),
        "giftcard": make_case(title="A shared gift card", areas=[areas["koge"]],
                              themes=[themes["branding"], themes["vacancy"]],
                              stakeholders=["entrepreneurs", "municipality"],
                              period_start=datetime.date(2022, 9, 1), tags=["gift-card"]),
        "exchange": make_case(title="Zeeland to Zealand: an exchange",
                              areas=[areas["vlaardingen"], areas["koge"]],
                              themes=[themes["governance"]], stakeholders=["residents"],
                              period_start=datetime.date(2020, 2, 1)),
    }
    return SimpleNamespace(library=library, areas=areas, themes=themes, cases=cases)


@pytest.fixture
def library(shared_library, db):
    return shared_library.library


@pytest.fixture
def areas(shared_library, db):
    return shared_library.areas


@pytest.fixture
def themes(shared_library, db):
    return shared_library.themes


@pytest.fixture
def cases(shared_library, db):
    return shared_library.cases


def titles(response):
    assert response.status_code == 200
    return {case.title for case in response.context["library"].case_studies}


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def facet(response, param):
    found = next(f for f in response.context["library"].facets if f.param == param)
    return {option.value: option.count for option in found.options}


def test_lists_every_live_case_newest_first_and_not_drafts(client, library, cases, make_case):
    make_case(title="Unfinished draft", live=False)
    response = client.get(library.url)
    shown = [case.title for case in response.context["library"].case_studies]
    assert shown == ["Zeeland to Zealand: an exchange", "A shared gift card",
                     "Delivery hubs outside the walls", "Pop-up shops in empty units"]
    assert "Unfinished draft" not in html(response)
    assert "4 case studies" in html(response)


@pytest.mark.parametrize("query, expected", [
    ("theme=vacancy", {"popup", "giftcard"}),
    ("country=DK", {"giftcard", "exchange"}),
    ("area=vlaardingen", {"popup", "exchange"}),
    ("size=25k-50k", {"giftcard", "exchange"}),
    ("stakeholder=entrepreneurs", {"delivery", "giftcard"}),
    ("year=2022", {"delivery", "giftcard"}),
    ("tag=pop-up", {"popup"}),
])
def test_each_filter_alone(client, library, cases, query, expected):
    assert titles(client.get(f"{library.url}?{query}")) == {cases[key].title for key in expected}


@pytest.mark.parametrize("query, expected", [
    ("theme=vacancy&country=DK", {"giftcard"}),
    ("theme=vacancy&year=2021", {"popup"}),
    ("country=NL&stakeholder=entrepreneurs", {"delivery"}),
    ("area=koge&stakeholder=residents", {"exchange"}),
    # The joint case has a Dutch area and a small (Danish) area: both filters hold for it.
    ("country=NL&size=25k-50k", {"exchange"}),
    ("theme=mobility&country=DK", set()),
    ("theme=vacancy&country=DK&size=25k-50k&stakeholder=municipality&year=2022&tag=gift-card",
     {"giftcard"}),
])
def test_filters_combine(client, library, cases, query, expected):
    assert titles(client.get(f"{library.url}?{query}")) == {cases[key].title for key in expected}


def test_facet_counts_without_filters(client, library, cases):
    response = client.get(library.url)
    assert facet(response, "theme") == {"vacancy": 2, "mobility": 1, "branding": 1, "governance": 1}
    assert facet(response, "country") == {"NL": 3, "DK": 2}
    assert facet(response, "area") == {"vlaardingen": 2, "den-bosch": 1, "koge": 2}
    assert facet(response, "size") == {"50k-100k": 2, "100k-250k": 1, "25k-50k": 2}
    assert facet(response, "stakeholder") == {"municipality": 2, "property_owners": 1,
                                              "entrepreneurs": 2, "residents": 1}
    assert facet(response, "year") == {"2022": 2, "2021": 1, "2020": 1}
    assert facet(response, "tag") == {"pop-up": 1, "logistics": 1, "gift-card": 1}
    page = html(response)
    assert re.search(r'<option value="vacancy">Vacancy \(2\)</option>', page)
    assert re.search(r'<option value="DK">Denmark \(2\)</option>', page)


def test_facet_counts_follow_the_other_filters(client, library, cases):
    response = client.get(f"{library.url}?theme=vacancy")
    # Each count is what choosing that value would give, with the other filters kept.
    assert facet(response, "country") == {"NL": 1, "DK": 1}
    assert facet(response, "year") == {"2022": 1, "2021": 1}
    # The theme's own counts ignore the theme filter, so switching theme is informed.
    assert facet(response, "theme") == {"vacancy": 2, "mobility": 1, "branding": 1, "governance": 1}
    assert 'selected>Vacancy (2)</option>' in html(response)
    response = client.get(f"{library.url}?theme=vacancy&country=DK")
    assert facet(response, "theme") == {"vacancy": 1, "branding": 1, "governance": 1}
    assert len(response.context["library"].case_studies) == 1


@pytest.mark.search_index
def test_search_finds_words_in_the_body_summary_tags_and_area_names(client, library, make_case, areas):
    make_case(title="Night market", areas=[areas["den-bosch"]],
              body=[("context", {"text": "<p>The quays were empty after six o'clock.</p>"}),
                    ("result", {"text": "<p>A monthly herring festival now fills them.</p>",
                                "figures": []})])
    make_case(title="Other case", areas=[areas["koge"]], tags=["wayfinding"],
              summary="Signposts from the station to the square.")
    assert titles(client.get(f"{library.url}?q=herring")) == {"Night market"}
    assert titles(client.get(f"{library.url}?q=signposts")) == {"Other case"}
    assert titles(client.get(f"{library.url}?q=wayfinding")) == {"Other case"}
    # Every case in the area, the shared delivery-hubs case among them.
    assert titles(client.get(f"{library.url}?q=Hertogenbosch")) == {"Night market",
                                                                      "Delivery hubs outside the walls"}
    assert titles(client.get(f"{library.url}?q=zeppelin")) == set()


@pytest.mark.search_index
def test_search_combines_with_filters_and_counts(client, library, cases, make_case, areas, themes):
    make_case(title="Vacancy in Køge harbour", areas=[areas["koge"]], themes=[themes["vacancy"]],
              summary="Empty harbour warehouses became workshops.")
    response = client.get(f"{library.url}?q=empty&country=DK")
    assert titles(response) == {"Vacancy in Køge harbour"}
    # "empty" is also in the pop-up case (Vlaardingen, NL): the country count shows it.
    assert facet(response, "country") == {"NL": 1, "DK": 1}
    assert "for “empty”" in html(response)


def test_sort_a_to_z_and_newest(client, library, cases):
    response = client.get(f"{library.url}?sort=title")
    assert [c.title for c in response.context["library"].case_studies] == [
        "A shared gift card", "Delivery hubs outside the walls", "Pop-up shops in empty units",
        "Zeeland to Zealand: an exchange"]
    newest = [c.title for c in client.get(f"{library.url}?sort=newest").context["library"].case_studies]
    assert newest[0] == "Zeeland to Zealand: an exchange"
    assert 'value="title" selected' in html(client.get(f"{library.url}?sort=title"))


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(CaseStudyIndexPage, "page_size", 2)


@pytest.mark.parametrize("page, expected_number", [
    ("1", 1), ("2", 2), ("0", 1), ("-1", 1), ("abc", 1), ("9999", 2), ("99999999999999999999", 2),
    ("", 1), ("1.5", 1), ("%C2%B2", 1), ("%EF%BC%92", 1),
])
def test_pagination_edges(client, library, cases, small_pages, page, expected_number):
    response = client.get(f"{library.url}?page={page}")
    assert response.status_code == 200
    page_obj = response.context["library"].page_obj
    assert page_obj.number == expected_number
    assert len(page_obj.object_list) == 2
    assert f"Page {expected_number} of 2" in html(response)


def test_pagination_links_keep_the_filters(client, library, cases, small_pages):
    response = client.get(f"{library.url}?country=NL&sort=title")
    assert 'href="?country=NL&amp;sort=title&amp;page=2"' in html(response)


def test_empty_state_explains_and_offers_a_way_back(client, library, cases):
    page = html(client.get(f"{library.url}?theme=mobility&country=DK"))
    assert "No case study matches these filters." in page
    assert f'href="{library.url}" class="button button--secondary">Show all case studies' in page
    page = html(client.get(library.url + "?q=zeppelin"))
    assert "No case study matches these filters." in page


def test_empty_library(client, library, cases):
    for case in cases.values():
        case.unpublish()
    assert "No case studies have been published yet." in html(client.get(library.url))


def test_active_filters_can_be_removed_one_by_one(client, library, cases):
    page = html(client.get(f"{library.url}?theme=vacancy&country=DK"))
    assert 'href="?country=DK" class="chip chip--active">Theme: Vacancy' in page
    assert 'href="?theme=vacancy" class="chip chip--active">Country: Denmark' in page
    # The last one removed leads back to the plain library.
    page = html(client.get(f"{library.url}?theme=vacancy"))
    assert f'href="{library.url}" class="chip chip--active">Theme: Vacancy' in page


@pytest.mark.parametrize("query, note", [
    ("theme=nope", "Theme “nope”"),
    ("year=abc", "Year started “abc”"),
    ("year=99999999999999999999", "Year started “99999999999999999999”"),
    ("year=1899", "Year started “1899”"),
    ("country=XX", "Country “XX”"),
    ("area=%00", "Member area"),
    ("area=no-such-area", "Member area “no-such-area”"),
    ("tag=unused-tag", "Tag “unused-tag”"),
    ("size=huge", "Area size (inhabitants) “huge”"),
    ("stakeholder=aliens", "Stakeholders involved “aliens”"),
    ("sort=upside-down", "Sort “upside-down”"),
    ("theme=" + "x" * 5000, "Theme “xxxxxxxxx"),
])
def test_bad_values_are_ignored_with_a_visible_note(client, library, cases, query, note):
    response = client.get(f"{library.url}?{query}")
    page = html(response)
    assert "have been ignored" in page and note in page
    # Ignored means: the full library is shown.
    assert len(response.context["library"].case_studies) == 4


@pytest.mark.parametrize("query", [
    "q=%00", "q=" + "ü" * 3000, 'q="', "q=*", "q=AND+OR+NOT", "q=NEAR(", "q=%27%3B--", "q=-",
    "theme=vacancy&theme=mobility", "page=1&page=x", "year=0020", "year=２０２２", "tag=%C3%A9%C3%A9",
    "theme[]=vacancy", "country=nl", "page=%00", "sort=relevance", "area=vlaardingen%00",
])
def test_garbage_never_causes_a_server_error(client, library, cases, query):
    assert client.get(f"{library.url}?{query}").status_code == 200


def test_repeated_parameters_use_the_last_value(client, library, cases):
    assert titles(client.get(f"{library.url}?theme=vacancy&theme=mobility")) == {cases["delivery"].title}


def test_works_without_javascript_and_links_the_feeds(client, library, cases):
    page = html(client.get(library.url))
    assert re.search(r'<form method="get" action="/en/case-studies/"', page)
    assert '<script' not in page.split('<main')[1]
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/en/feeds/case-studies/"' in page
    page = html(client.get(f"{library.url}?theme=vacancy"))
    assert 'href="/en/feeds/case-studies/themes/vacancy/"' in page
    assert '<meta name="robots" content="noindex, follow">' in page


def _queries(client, url):
    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


LIBRARY_QUERIES = ["", "?theme=vacancy&country=NL&sort=title", "?q=street&year=2022", "?page=2"]


def test_query_count_does_not_grow_with_the_number_of_case_studies(
        client, library, make_case, areas, themes):
    """Each of the library's views (plain, filtered, searched, a later page) needs as many
    queries with 35 case studies as with 5 (the data is made once for all four)."""
    def add(n, start):
        for i in range(start, start + n):
            area = list(areas.values())[i % 3]
            make_case(title=f"Street case {i}", areas=[area], themes=[themes["vacancy"]],
                      stakeholders=["municipality", "entrepreneurs"], tags=[f"tag-{i % 4}"],
                      period_start=datetime.date(2020 + i % 3, 1, 1))
    add(5, 0)
    few = {query: _queries(client, library.url + query) for query in LIBRARY_QUERIES}
    # Thirty fill more than one page; more would only make the test slower, not stricter.
    add(25, 5)
    many = {query: _queries(client, library.url + query) for query in LIBRARY_QUERIES}
    print("library queries with 5 case studies:", few, "with 30:", many)
    assert few == many
    # 25 before #15; two more for languages: the active locale for routing (Wagtail) and
    # the versions of the page for the language switcher and the alternates.
    assert max(many.values()) <= 27


# --- a large network: the area filter is a text field with suggestions (network.area_picker) --


@pytest.fixture
def many_areas(settings, areas):
    settings.AREA_SELECT_LIMIT = 2
    return areas


def test_in_a_large_network_the_area_filter_is_typed(client, library, cases, many_areas):
    page = html(client.get(library.url))
    assert not re.search(r'<select [^>]*name="area"', page)
    assert '<option value="koge"' not in page  # none of the areas' names ride along
    field = re.search(r'<input [^>]*name="area"[^>]*>', page).group(0)
    assert 'id="filter-area"' in field and 'list="filter-area-suggestions"' in field
    assert 'aria-describedby="filter-area-help"' in field and 'value=""' in field
    assert 'data-area-suggest="/en/members/areas.json"' in field
    assert '<label for="filter-area">Member area</label>' in page
    assert 'id="filter-area-help">Type part of the name, then choose it from the suggestions.' in page


@pytest.mark.parametrize("typed", ["Vlaardingen city centre", "vlaardingen CITY centre ",
                                   "vlaardingen"])
def test_a_typed_area_name_filters_as_its_slug_does(client, library, cases, many_areas, typed):
    response = client.get(library.url, {"area": typed, "sort": "title"})
    assert titles(response) == {cases["popup"].title, cases["exchange"].title}
    page = html(response)
    assert re.search(r'<input [^>]*name="area"[^>]*value="Vlaardingen city centre"', page)
    # Links (pages, chips, sort) carry the slug, as the select's did.
    assert response.context["library"].querystring == "area=vlaardingen&sort=title"
    assert "have been ignored" not in page


def test_an_unknown_typed_area_is_ignored_with_a_note(client, library, cases, many_areas):
    response = client.get(library.url, {"area": "Vlaardinge"})
    assert "Member area “Vlaardinge”" in html(response)
    assert re.search(r'<input [^>]*name="area"[^>]*value="Vlaardinge"', html(response))
    # What one visitor typed is theirs alone: the plain library (same filters) shows none of it.
    assert re.search(r'<input [^>]*name="area"[^>]*value=""', html(client.get(library.url)))
    assert len(response.context["library"].case_studies) == 4
