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
    html = client.get("/members/").content.decode()
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
    html = client.get(f"/members/?{query}").content.decode()
    assert expected in html
    assert absent not in html


@pytest.mark.parametrize("query", [
    "country=XX", "theme=nope", "page=abc", "page=0", "page=-5", "page=99999999999999999999",
    "kind=%00", "q=" + "x" * 5000, "page=%C2%B2", "country=NL&country=DK", "theme[]=1",
])
def test_bad_input_never_breaks_the_index(client, areas, query):
    response = client.get(f"/members/?{query}")
    assert response.status_code == 200


def test_unknown_filter_value_is_reported(client, areas):
    html = client.get("/members/?country=XX").content.decode()
    assert "were not understood" in html
    assert "Køge bymidte" in html


def test_former_and_unknown_areas_are_404(client, areas):
    assert client.get("/members/gone/").status_code == 404
    assert client.get("/members/nowhere/").status_code == 404


def test_anonymous_visitors_see_people_but_no_contact_details(client, areas):
    html = client.get("/members/koge/").content.decode()
    assert "Mette Holm" in html
    assert "mette@koge.example" not in html
    assert "+45 20 00 00 01" not in html
    assert "Hidden Person" not in html
    assert "to see contact details" in html


def test_members_see_contact_details(member_client, areas):
    html = member_client.get("/members/koge/").content.decode()
    assert "mette@koge.example" in html
    assert "+45 20 00 00 01" in html
    assert "Hidden Person" not in html


def test_contact_details_are_not_searchable(client, areas):
    html = client.get("/search/?q=mette%40koge.example").content.decode()
    assert "mette@koge.example" not in html.split("<main", 1)[1].replace('value="mette@koge.example"', "")
