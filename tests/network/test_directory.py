"""The member directory: filters, bad input, and contact details for members only."""
import pytest

from network.models import AreaKind, Country, MembershipStatus
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(site):
    vacancy = ThemeFactory(name="Vacancy", slug="vacancy")
    koge = MemberAreaFactory(name="Køge bymidte", slug="koge", country=Country.DENMARK,
                             region="Region Zealand", kind=AreaKind.CITY_CENTRE)
    boxtel = MemberAreaFactory(name="Boxtel centrum", slug="boxtel", kind=AreaKind.VILLAGE_CENTRE)
    MemberAreaFactory(name="Gone centre", slug="gone", membership_status=MembershipStatus.FORMER)
    PersonFactory(name="Mette Holm", email="mette@koge.example", phone="+45 20 00 00 01",
                  areas=[koge], expertise=[vacancy])
    PersonFactory(name="Hidden Person", areas=[koge], listed_in_directory=False)
    return {"koge": koge, "boxtel": boxtel}


def test_index_lists_current_members_only(client, areas):
    html = client.get("/en/members/").content.decode()
    assert "Køge bymidte" in html and "Boxtel centrum" in html
    assert "Gone centre" not in html


@pytest.mark.parametrize("query, expected, absent", [
    ("country=DK", "Køge bymidte", "Boxtel centrum"),
    ("kind=village_centre", "Boxtel centrum", "Køge bymidte"),
    ("theme=vacancy", "Køge bymidte", "Boxtel centrum"),
    ("q=boxtel", "Boxtel centrum", "Køge bymidte"),
    ("region=region+zealand", "Køge bymidte", "Boxtel centrum"),
])
def test_filters(client, areas, query, expected, absent):
    html = client.get(f"/en/members/?{query}").content.decode()
    assert expected in html
    assert absent not in html


@pytest.mark.parametrize("query", [
    "country=XX", "theme=nope", "page=abc", "page=0", "page=-5", "page=99999999999999999999",
    "kind=%00", "q=" + "x" * 5000, "page=%C2%B2", "country=NL&country=DK", "theme[]=1",
])
def test_bad_input_never_breaks_the_index(client, areas, query):
    response = client.get(f"/en/members/?{query}")
    assert response.status_code == 200


def test_unknown_filter_value_is_reported(client, areas):
    html = client.get("/en/members/?country=XX").content.decode()
    assert "were not understood" in html
    assert "Køge bymidte" in html


def test_former_and_unknown_areas_are_404(client, areas):
    assert client.get("/en/members/gone/").status_code == 404
    assert client.get("/en/members/nowhere/").status_code == 404


def test_anonymous_visitors_see_people_but_no_contact_details(client, areas):
    html = client.get("/en/members/koge/").content.decode()
    assert "Mette Holm" in html
    assert "mette@koge.example" not in html
    assert "+45 20 00 00 01" not in html
    assert "Hidden Person" not in html
    assert "to see contact details" in html


def test_members_see_contact_details(member_client, areas):
    html = member_client.get("/en/members/koge/").content.decode()
    assert "mette@koge.example" in html
    assert "+45 20 00 00 01" in html
    assert "Hidden Person" not in html


@pytest.mark.search_index
def test_contact_details_are_not_searchable(client, areas):
    html = client.get("/en/search/?q=mette%40koge.example").content.decode()
    assert "mette@koge.example" not in html.split("<main", 1)[1].replace('value="mette@koge.example"', "")


# --- region choices, order, A–Z --------------------------------------------------------------

def test_region_filter_offers_the_regions_in_the_data_with_counts(client, areas):
    MemberAreaFactory(name="Delft centrum", slug="delft", region="South Holland")
    html = client.get("/en/members/").content.decode()
    assert '<option value="Region Zealand">Region Zealand (1)</option>' in html
    # Boxtel (factory default) and Delft share "South Holland"; the former member is not counted.
    assert '<option value="South Holland">South Holland (2)</option>' in html


def test_unknown_region_is_reported_and_ignored(client, areas):
    html = client.get("/en/members/?region=Atlantis").content.decode()
    assert "were not understood" in html
    assert "Køge bymidte" in html and "Boxtel centrum" in html


def test_sort_orders(client, areas):
    MemberAreaFactory(name="Amstelveen", slug="amstelveen", member_since=2024)
    html = client.get("/en/members/").content.decode()
    assert html.index("Amstelveen") < html.index("Boxtel centrum") < html.index("Køge bymidte")
    html = client.get("/en/members/?sort=-name").content.decode()
    assert html.index("Køge bymidte") < html.index("Boxtel centrum") < html.index("Amstelveen")
    html = client.get("/en/members/?sort=newest").content.decode()
    assert html.index("Amstelveen") < html.index("Boxtel centrum")


def test_letter_jump(client, areas):
    MemberAreaFactory(name="'s-Hertogenbosch", slug="den-bosch")
    html = client.get("/en/members/").content.decode()
    assert 'aria-label="Jump to letter"' in html
    assert ">K</a>" in html and ">B</a>" in html and ">S</a>" in html and ">Z</a>" not in html
    html = client.get("/en/members/?letter=k").content.decode()
    assert "Køge bymidte" in html and "Boxtel centrum" not in html
    html = client.get("/en/members/?letter=s").content.decode()
    assert "&#x27;s-Hertogenbosch" in html and "Køge bymidte" not in html


def test_area_slug_people_is_reserved(areas):
    from django.core.exceptions import ValidationError

    area = MemberAreaFactory.build(name="People", slug="people", municipality="X")
    with pytest.raises(ValidationError) as exc:
        area.full_clean()
    assert "slug" in exc.value.message_dict


def test_area_page_shows_organisations(client, areas):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="Køge Handel", area=areas["koge"])
    assert "Køge Handel" in client.get("/en/members/koge/").content.decode()


# --- people listing (members only) -----------------------------------------------------------

@pytest.fixture
def people(areas):
    mobility = ThemeFactory(name="Mobility", slug="mobility")
    PersonFactory(name="Bas Boxtel", email="bas@boxtel.example", phone="+31 6 5555 0001",
                  role="street_manager", areas=[areas["boxtel"]], expertise=[mobility])
    return areas


def test_people_listing_sends_anonymous_visitors_to_login(client, people):
    response = client.get("/en/members/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=/en/members/people/")
    followed = client.get("/en/members/people/", follow=True).content.decode()
    assert "Mette Holm" not in followed and "Bas Boxtel" not in followed


def test_people_listing_for_members_shows_contact_details(member_client, people):
    html = member_client.get("/en/members/people/").content.decode()
    assert "Mette Holm" in html and "Bas Boxtel" in html
    assert "mette@koge.example" in html and "+45 20 00 00 01" in html
    assert "Hidden Person" not in html
    assert "2 people" in html


@pytest.mark.parametrize("query, expected, absent", [
    ("country=DK", "Mette Holm", "Bas Boxtel"),
    ("area=boxtel", "Bas Boxtel", "Mette Holm"),
    ("role=street_manager", "Bas Boxtel", "Mette Holm"),
    ("theme=vacancy", "Mette Holm", "Bas Boxtel"),
    ("q=boxtel+centrum", "Bas Boxtel", "Mette Holm"),
    ("q=vacancy", "Mette Holm", "Bas Boxtel"),
    ("letter=m", "Mette Holm", "Bas Boxtel"),
])
def test_people_filters(member_client, people, query, expected, absent):
    html = member_client.get(f"/en/members/people/?{query}").content.decode()
    assert expected in html
    assert absent not in html


@pytest.mark.search_index
def test_people_search_does_not_match_contact_details(member_client, people):
    html = member_client.get("/en/members/people/?q=mette%40koge").content.decode()
    assert "0 people" in html


@pytest.mark.parametrize("query", ["area=nowhere", "role=king", "letter=%21", "letter=ab",
                                   "page=zz", "theme=nope", "sort=sideways"])
def test_bad_people_filters_are_reported_not_fatal(member_client, people, query):
    response = member_client.get(f"/en/members/people/?{query}")
    assert response.status_code == 200
    assert "Mette Holm" in response.content.decode()


def test_people_listing_paginates(member_client, areas):
    for n in range(30):
        PersonFactory(name=f"Zz Person {n:02d}", areas=[areas["boxtel"]])
    html = member_client.get("/en/members/people/").content.decode()
    assert "Page 1 of 2" in html
    html2 = member_client.get("/en/members/people/?page=2").content.decode()
    assert "Zz Person 29" in html2 and "Zz Person 29" not in html


# --- what the listings keep (#17): cards, letters and regions follow every write ------------


def _area_cards(response):
    import re

    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>.*?'
                      r'<span class="badge badge--neutral">([^<]+)</span>',
                      response.content.decode(), flags=re.S)


def test_kept_area_cards_letters_and_regions_follow_every_write(client, areas, monkeypatch):
    """Written as another host would (only the tables' stamps tell): a rename, a person
    listed or hidden, a new area and its region are on the next page."""
    from network import memo

    monkeypatch.setattr(memo, "forget", lambda: None)
    client.get("/en/members/")  # kept now
    assert '<a href="?letter=A">A</a>' not in client.get("/en/members/").content.decode()
    assert _area_cards(client.get("/en/members/")) == [
        ("Boxtel centrum", "0 people in the directory"),
        ("Køge bymidte", "1 person in the directory")]

    areas["boxtel"].name = "Boxtel binnenstad"
    areas["boxtel"].save()
    PersonFactory(name="Bas Boxtel", areas=[areas["boxtel"]])
    mette = areas["koge"].people.get(name="Mette Holm")
    mette.listed_in_directory = False
    mette.save()
    MemberAreaFactory(name="Aalborg midtby", slug="aalborg", country=Country.DENMARK,
                      region="Region Nordjylland")
    response = client.get("/en/members/")
    assert _area_cards(response) == [
        ("Aalborg midtby", "0 people in the directory"),
        ("Boxtel binnenstad", "1 person in the directory"),
        ("Køge bymidte", "0 people in the directory")]
    page = response.content.decode()
    assert '<a href="?letter=A">A</a>' in page  # the new initial in the letter jump
    assert "Region Nordjylland (1)" in page
