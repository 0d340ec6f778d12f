"""What the directory's pages look like to a visitor: results before the filters (a phone
shows them first), a filter panel that says how many filters apply, chips that remove them,
area cards with flag and country, and role lines that never name the organisation twice."""
import pytest
from bs4 import BeautifulSoup

from network.models import Country, PersonRole
from tests.factories import MemberAreaFactory, OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def areas(site):
    nl = MemberAreaFactory(name="Leeuwarden city centre", slug="leeuwarden", region="Friesland")
    dk = MemberAreaFactory(name="Køge", slug="koge", country=Country.DENMARK,
                           region="Region Sjælland")
    return nl, dk


def test_results_come_before_the_filters_in_the_page(client, areas):
    page = soup(client.get("/en/members/"))
    listing = page.select_one(".listing")
    parts = [child["class"][0] for child in listing.find_all(recursive=False)]
    assert parts == ["listing__results", "listing__filters"]
    # The filters fold away on a phone under their toggle; the form applies itself with JS
    # and keeps its submit button for everyone else.
    panel = listing.select_one("details.filter-panel[data-filter-panel]")
    assert panel.summary.get_text(strip=True) == "Filters"
    form = panel.select_one("form.filters[data-auto-submit]")
    assert form.select_one('button[type="submit"]') is not None


def test_the_filter_toggle_counts_active_filters_and_chips_remove_them(client, areas):
    page = soup(client.get("/en/members/?country=DK&kind=city_centre&sort=-name"))
    assert page.select_one(".filter-panel__count").get_text(strip=True) == "2 active"
    chips = {chip.get_text(" ", strip=True): chip["href"]
             for chip in page.select(".active-filters a.chip--active")}
    assert chips == {
        "Country: Denmark × (remove this filter)": "?kind=city_centre&sort=-name",
        "Kind of area: City centre × (remove this filter)": "?country=DK&sort=-name",
    }
    assert page.select_one("#results-heading").get_text(strip=True) == "1 area"


def test_no_count_and_no_chips_without_filters(client, areas):
    page = soup(client.get("/en/members/?sort=-name"))
    assert page.select_one(".filter-panel__count") is None
    assert page.select(".active-filters") == []


def test_an_area_card_shows_flag_country_and_people(client, areas):
    PersonFactory(areas=[areas[1]])
    page = soup(client.get("/en/members/?country=DK"))
    card = page.select_one(".card-grid .card")
    assert card.select_one(".card__title a")["href"] == "/en/members/koge/"
    meta = card.select_one(".card__meta")
    assert meta.select_one(".flag.flag--dk")["aria-hidden"] == "true"
    assert "Denmark" in meta.get_text()
    assert "1 person in the directory" in card.select_one(".card__footer").get_text()


def test_an_empty_listing_offers_the_way_back(client, areas):
    page = soup(client.get("/en/members/?q=nowhere"))
    empty = page.select_one(".empty-state")
    assert "No member area matches these filters." in empty.get_text()
    assert empty.select_one("a")["href"] == "/en/members/"


def test_the_role_line_names_the_organisation_once(db):
    org = OrganisationFactory(name="Vastgoedkring Leeuwarden")
    chair = PersonFactory(role=PersonRole.CHAIR, job_title="Chair, Vastgoedkring Leeuwarden",
                          organisation=org)
    assert chair.role_line() == "Chair, Vastgoedkring Leeuwarden"
    manager = PersonFactory(role=PersonRole.CENTRE_MANAGER, organisation=org)
    assert manager.role_line() == "Centre manager, Vastgoedkring Leeuwarden"
    # A role in one case study replaces the usual one; still no repeat.
    assert chair.role_line("Led the owners' pact") == \
        "Led the owners' pact, Vastgoedkring Leeuwarden"
    assert chair.role_line("Spokesperson of vastgoedkring leeuwarden") == \
        "Spokesperson of vastgoedkring leeuwarden"
    assert PersonFactory(role=PersonRole.CHAIR).role_line() == "Chair"


def test_person_cards_on_an_area_page_do_not_repeat_the_organisation(client, areas):
    org = OrganisationFactory(name="Vastgoedkring Leeuwarden", area=areas[0])
    PersonFactory(name="Sietse Bouma", role=PersonRole.CHAIR,
                  job_title="Chair, Vastgoedkring Leeuwarden", organisation=org,
                  areas=[areas[0]], expertise=[ThemeFactory(name="Owners")])
    page = soup(client.get("/en/members/leeuwarden/"))
    role = page.select_one(".person .person__role").get_text(strip=True)
    assert role == "Chair, Vastgoedkring Leeuwarden"
    # The page head names the country with its flag.
    assert page.select_one(".page-head .flag.flag--nl") is not None


def test_search_shows_an_empty_state_when_nothing_matched(client, site):
    page = soup(client.get("/en/search/?q=zzzznothing"))
    empty = page.select_one(".empty-state")
    assert "Nothing matched." in empty.get_text()
    assert empty.select_one("a")["href"] == "/en/members/"


@pytest.mark.search_index
def test_search_results_are_cards_with_their_type(client, areas):
    page = soup(client.get("/en/search/?q=Køge"))
    card = page.select_one(".search-results--areas .card")
    assert card.select_one(".badge").get_text(strip=True) == "Member area"
    assert card.select_one(".card__title a")["href"] == "/en/members/koge/"
