"""Choosing a member area in a large network: suggestions as one types, names found in full
(network.area_picker, #17). The sign-up form's and the library's use of it are tested with
them (tests/sessions/test_registration_http.py, tests/casestudies/test_library.py)."""
import re

import pytest

from network import area_picker
from network.models import Country, MembershipStatus
from tests.factories import MemberAreaFactory, PersonFactory

pytestmark = pytest.mark.django_db

SUGGEST = "/en/members/areas.json"


@pytest.fixture
def areas(site, settings):
    settings.AREA_SELECT_LIMIT = 3
    made = {
        "leeuwarden": MemberAreaFactory(name="Leeuwarden city centre", slug="leeuwarden",
                                        name_nl="Binnenstad Leeuwarden"),
        "oost": MemberAreaFactory(name="Oost Leeuwarden", slug="leeuwarden-oost"),
        "aabenraa": MemberAreaFactory(name="Åbenrå bymidte", slug="aabenraa",
                                      country=Country.DENMARK),
        "bergen-nl": MemberAreaFactory(name="Bergen", slug="bergen-nh"),
        "bergen-dk": MemberAreaFactory(name="Bergen", slug="bergen-dk", country=Country.DENMARK),
        "inside": MemberAreaFactory(name="Stadsleeuwenpad", slug="leeuwenpad"),
    }
    MemberAreaFactory(name="Leeuwarden old harbour", slug="gone",
                      membership_status=MembershipStatus.FORMER)
    return made


def suggestions(client, query, language="en"):
    response = client.get(f"/{language}/members/areas.json", {"q": query})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return [(area["value"], area["label"]) for area in response.json()["areas"]]


def test_suggestions_start_with_names_that_begin_with_what_was_typed(client, areas):
    # Names that start with it, then a word that does, then the rest; never a former member.
    assert suggestions(client, "leeuw") == [
        ("Leeuwarden city centre", "Netherlands"), ("Oost Leeuwarden", "Netherlands"),
        ("Stadsleeuwenpad", "Netherlands")]
    assert suggestions(client, "  ABENRA ") == [("Åbenrå bymidte", "Denmark")]


def test_areas_that_share_a_name_are_told_apart_by_their_country(client, areas):
    assert suggestions(client, "berg") == [("Bergen (Denmark)", "Denmark"),
                                           ("Bergen (Netherlands)", "Netherlands")]
    assert area_picker.find("bergen (denmark)") == area_picker.find("bergen-dk")
    assert area_picker.find("bergen (denmark)").pk == areas["bergen-dk"].pk
    assert area_picker.find("Bergen") is None  # which one? the visitor is asked


def test_suggestions_are_in_the_visitors_language(client, areas):
    assert suggestions(client, "binnen", "nl") == [("Binnenstad Leeuwarden", "Nederland")]
    assert suggestions(client, "binnen", "en") == []


@pytest.mark.parametrize("query", ["", " ", "\x00", "%", "a" * 5000, "<script>"])
def test_any_text_is_answered_without_an_error(client, areas, query):
    assert suggestions(client, query) == []


def test_a_repeated_or_missing_parameter_and_head_are_answered(client, areas):
    assert client.get(SUGGEST).json() == {"areas": []}
    assert [a["value"] for a in client.get(f"{SUGGEST}?q=x&q=aben").json()["areas"]] == [
        "Åbenrå bymidte"]
    assert client.head(f"{SUGGEST}?q=leeuw").status_code == 200
    assert client.post(SUGGEST, {"q": "leeuw"}).status_code == 405


def test_no_more_suggestions_than_a_list_shows(client, areas):
    for n in range(15):
        MemberAreaFactory(name=f"Leeuwenhorst {n:02}", slug=f"horst-{n}")
    assert len(suggestions(client, "leeuw")) == area_picker.SUGGESTIONS


def test_the_people_filter_takes_a_typed_area_name(member_client, areas):
    PersonFactory(name="Mette Holm", areas=[areas["aabenraa"]])
    PersonFactory(name="Piet Hein", areas=[areas["leeuwarden"]])
    html = member_client.get("/en/members/people/").content.decode()
    field = re.search(r'<input [^>]*name="area"[^>]*>', html).group(0)
    assert 'list="id_area-suggestions"' in field and "<option value=\"aabenraa\"" not in html

    html = member_client.get("/en/members/people/?area=%C3%A5benr%C3%A5+BYMIDTE").content.decode()
    assert "Mette Holm" in html and "Piet Hein" not in html
    assert 'value="Åbenrå bymidte"' in html
    # The slug (a link from an area's page) shows the area's name in the field.
    html = member_client.get("/en/members/people/?area=leeuwarden").content.decode()
    assert "Piet Hein" in html and "Mette Holm" not in html
    assert re.search(r'<input [^>]*value="Leeuwarden city centre"', html)


def test_a_short_directory_keeps_its_select(member_client, areas, settings):
    settings.AREA_SELECT_LIMIT = 100
    html = member_client.get("/en/members/people/?area=aabenraa").content.decode()
    assert '<option value="aabenraa" selected>Åbenrå bymidte</option>' in html
    assert "areas.json" not in html


def test_suggestions_carry_a_name_and_a_country_only(client, areas):
    """Nothing of the directory's members-only side (people, contacts) rides along."""
    PersonFactory(name="Mette Holm", email="mette@aabenraa.example", phone="+45 20 00 00 01",
                  areas=[areas["aabenraa"]])
    response = client.get(SUGGEST, {"q": "aben"})
    assert response.json() == {"areas": [{"value": "Åbenrå bymidte", "label": "Denmark"}]}
    assert b"mette" not in response.content.lower() and b"+45" not in response.content
