"""The shared vocabulary in three languages (#15, docs/languages.md "Vocabulary").

Themes, member areas, session series and intervision methods are one row each with a name per
language; a visitor reads the name of the language they chose, or the English one where nobody
has translated it yet. The old unprefixed feeds stay English.
"""
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from intervisions.models import IntervisionMethod
from network.localized import localized, localized_field_names
from network.models import MemberArea, Theme
from network.translation import sync_all_locale_trees
from sessions.models import SessionSeries
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(site):
    """Vacancy (in three languages) and mobility (English only), each with an expert."""
    vacancy = ThemeFactory(name="Vacancy", slug="vacancy", name_nl="Leegstand",
                           name_da="Tomme butikker", description="Empty shop units.",
                           description_nl="Lege winkelpanden.", sort_order=10)
    mobility = ThemeFactory(name="Mobility", slug="mobility", sort_order=20)
    area = MemberAreaFactory(name="Vlaardingen city centre", slug="vlaardingen",
                             municipality="Vlaardingen",
                             name_nl="Binnenstad Vlaardingen", name_da="Vlaardingen bymidte",
                             profile="An old herring port.", profile_nl="Een oude haringhaven.")
    PersonFactory(name="Ilse Vermeulen", areas=[area], expertise=[vacancy, mobility])
    return {"vacancy": vacancy, "mobility": mobility, "area": area}


def expertise_options(html):
    """The labels of the directory's "Expertise" filter."""
    select = html.split('name="theme"', 1)[1].split("</select>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0].strip()
            for part in select.split("<option")[2:]]  # [0]: the tag, [1]: "Any theme"


def test_a_dutch_visitor_reads_the_dutch_names(client, directory):
    html = client.get("/nl/members/").content.decode()
    assert expertise_options(html) == ["Leegstand", "Mobility"]  # mobility: not translated
    assert "Binnenstad Vlaardingen" in html
    assert "Een oude haringhaven." in html
    assert "Vacancy" not in html and "Vlaardingen city centre" not in html


def test_a_danish_visitor_reads_the_danish_names_and_english_where_there_are_none(
        client, directory):
    html = client.get("/da/members/vlaardingen/").content.decode()
    assert "<h1>Vlaardingen bymidte</h1>" in html
    assert "An old herring port." in html  # no Danish profile yet: the English one


def test_an_english_visitor_reads_the_english_names(client, directory):
    html = client.get("/en/members/").content.decode()
    assert expertise_options(html) == ["Vacancy", "Mobility"]
    assert "Vlaardingen city centre" in html
    assert "Leegstand" not in html and "Binnenstad" not in html


def test_the_filter_value_is_the_same_key_in_every_language(client, directory):
    for language in ("en", "nl", "da"):
        html = client.get(f"/{language}/members/?theme=vacancy").content.decode()
        assert "Vlaardingen" in html
        assert "were not understood" not in html


def test_the_directory_search_knows_the_names_in_every_language(client, member_client, directory):
    MemberAreaFactory(name="Køge", slug="koge", name_da="Køge bymidte")
    html = client.get("/en/members/", {"q": "binnenstad"}).content.decode()
    assert "Vlaardingen city centre" in html and "Køge" not in html
    html = member_client.get("/en/members/people/", {"q": "leegstand"}).content.decode()
    assert "Ilse Vermeulen" in html


def test_a_name_falls_back_to_english_when_its_translation_is_empty(directory):
    vacancy, mobility = directory["vacancy"], directory["mobility"]
    with translation.override("nl"):
        assert str(vacancy) == vacancy.localized_name == "Leegstand"
        assert str(mobility) == "Mobility"
        assert vacancy.localized.description == "Lege winkelpanden."
    with translation.override("da"):
        assert str(vacancy) == "Tomme butikker"
        assert vacancy.localized.description == "Empty shop units."
    with translation.override("nl-be"):  # a regional variant reads its language
        assert str(vacancy) == "Leegstand"
    vacancy.name_nl = "   "  # only spaces is not a translation
    assert localized(vacancy, "name", "nl") == "Vacancy"


def test_every_vocabulary_model_has_its_names_in_three_languages():
    for model in (Theme, MemberArea, SessionSeries, IntervisionMethod):
        fields = {field.name for field in model._meta.get_fields()}
        assert set(localized_field_names("name")) <= fields, model
        row = model(name="English", name_nl="Nederlands")
        with translation.override("nl"):
            assert str(row) == "Nederlands"
        with translation.override("da"):
            assert str(row) == "English"


def test_intervision_methods_the_network_uses_have_dutch_and_danish_names():
    """The four methods made by a migration got their names by a migration too."""
    method = IntervisionMethod.objects.get(name="Gossip method")
    with translation.override("nl"):
        assert str(method) == "Roddelmethode"
    with translation.override("da"):
        assert str(method) == "Sladremetoden"


# --- the admin --------------------------------------------------------------------------------

@pytest.fixture
def organiser_client(client, django_user_model, site):
    """An organiser: the role that keeps the vocabulary (network/permissions.py), not a superuser."""
    from django.contrib.auth.models import Group

    from network.permissions import ORGANISERS

    user = django_user_model.objects.create_user("olga", "olga@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name=ORGANISERS))
    client.force_login(user)
    return client


def test_an_editor_names_a_theme_in_three_languages_in_one_form(organiser_client):
    theme = ThemeFactory(name="Public space", slug="public-space")
    url = reverse("wagtailsnippets_network_theme:edit", args=[theme.pk])
    html = organiser_client.get(url).content.decode()
    for label in ("Name (English)", "Name (Dutch)", "Name (Danish)",
                  "Short description (Dutch)"):
        assert label in html
    # The three names are in one row of the form, side by side.
    row = html.split('name="name"', 1)[1].split('name="slug"', 1)[0]
    assert 'name="name_nl"' in row and 'name="name_da"' in row

    response = organiser_client.post(url, {
        "name": "Public space", "name_nl": "Openbare ruimte", "name_da": "Byrum",
        "slug": "public-space", "description": "Streets and squares.", "description_nl": "",
        "description_da": "Gader og pladser.", "search_terms": "", "sort_order": "40",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    theme.refresh_from_db()
    assert (theme.name, theme.name_nl, theme.name_da) == ("Public space", "Openbare ruimte", "Byrum")
    assert theme.description_da == "Gader og pladser."


def test_an_editor_finds_a_theme_by_its_dutch_name(organiser_client):
    ThemeFactory(name="Vacancy", slug="vacancy", name_nl="Leegstand")
    ThemeFactory(name="Mobility", slug="mobility")
    html = organiser_client.get(reverse("wagtailsnippets_network_theme:list"),
                            {"q": "leegstand"}).content.decode()
    assert "Vacancy" in html and "Mobility" not in html


@pytest.mark.parametrize("url_name, model, fields", [
    ("wagtailsnippets_network_memberarea:add", MemberArea, ("name_nl", "name_da", "profile_da")),
    ("wagtailsnippets_network_sessions_sessionseries:add", SessionSeries,
     ("name_nl", "name_da", "description_nl")),
    ("wagtailsnippets_intervisions_intervisionmethod:add", IntervisionMethod,
     ("name_nl", "name_da", "description_da")),
])
def test_every_vocabulary_form_offers_the_translations(organiser_client, url_name, model, fields):
    html = organiser_client.get(reverse(url_name)).content.decode()
    for field in fields:
        assert f'name="{field}"' in html, (model, field)
    assert "(Dutch)" in html and "(Danish)" in html


# --- feeds --------------------------------------------------------------------------------------

@pytest.fixture
def vacancy_case(home_page, site):
    vacancy = ThemeFactory(name="Vacancy", slug="vacancy", name_nl="Leegstand",
                           name_da="Tomme butikker")
    area = MemberAreaFactory(name="Vlaardingen city centre", slug="vlaardingen",
                             name_nl="Binnenstad Vlaardingen")
    library = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=library, title="Shops for starters", themes=[vacancy],
                         areas=[area])
    sync_all_locale_trees()  # the Dutch and Danish trees get their aliases (on commit, live)
    return vacancy


def feed(response):
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    item = channel.find("item")
    return (channel.findtext("title"), item.findtext("description"),
            [category.text for category in item.findall("category")])


def test_the_unprefixed_case_study_feed_stays_english_for_a_dutch_subscriber(client, vacancy_case):
    client.cookies["django_language"] = "nl"
    title, description, categories = feed(client.get("/feeds/case-studies/themes/vacancy/",
                                                      HTTP_ACCEPT_LANGUAGE="nl"))
    assert "Vacancy" in title
    assert description.endswith("(Vlaardingen city centre)")
    assert categories == ["Vacancy"]


def test_the_dutch_case_study_feed_uses_the_dutch_names(client, vacancy_case):
    title, description, categories = feed(client.get("/nl/feeds/case-studies/themes/vacancy/"))
    assert "Leegstand" in title
    assert description.endswith("(Binnenstad Vlaardingen)")
    assert categories == ["Leegstand"]


def test_the_dutch_library_filters_and_cards_use_the_dutch_names(client, vacancy_case):
    html = client.get("/nl/case-studies/").content.decode()
    facets = html.split("<main", 1)[1]
    assert "Leegstand" in facets and "Binnenstad Vlaardingen" in facets
    assert "Vacancy" not in facets
    html = client.get("/nl/case-studies/?theme=vacancy").content.decode()
    assert "Shops for starters" in html


def test_the_demo_vocabulary_reads_in_dutch_and_danish(demo_network):
    assert not Theme.objects.filter(name_nl="").exists()
    assert not Theme.objects.filter(name_da="").exists()
    assert not SessionSeries.objects.filter(name_nl="").exists()
    assert not SessionSeries.objects.filter(name_da="").exists()
    assert not IntervisionMethod.objects.filter(records__isnull=False, name_da="").exists()
    with translation.override("nl"):
        assert str(Theme.objects.get(slug="vacancy")) == "Leegstand"
        assert str(MemberArea.objects.get(slug="vlaardingen")) == "Binnenstad Vlaardingen"
        assert str(MemberArea.objects.get(slug="koge")) == "Køge"  # what Dutch members say
    with translation.override("da"):
        assert str(Theme.objects.get(slug="public-space")) == "Byrum"
        assert str(MemberArea.objects.get(slug="koge")) == "Køge bymidte"
