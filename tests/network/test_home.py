"""The home page: a hero with the main actions, the themes as entry points with counts, the
member areas by country; and a query count that does not grow with the data.

The buttons and counts come from the apps (network/hub.py), so these tests make a library,
a programme, case studies and sessions through those apps' factories, as a visitor would meet
them.
"""
import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from network.models import Country, StandardPage
from network.translation import sync_page_to_all_locales
from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import MemberAreaFactory, ThemeFactory
from tests.sessions.factories import SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page, site):
    page = StandardPage(title="About the network", slug="about")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def hero_buttons(page):
    return [(a.get_text(strip=True), a["href"]) for a in page.select(".home-hero .actions a")]


def test_a_visitor_sees_what_the_network_is_and_three_ways_in(client, library, programme, about):
    session = SessionPageFactory(parent=programme, title="Empty shops", slug="empty-shops",
                                 date=in_days(20))
    page = soup(client.get("/en/"))
    hero = page.select_one(".home-hero")
    assert hero.h1 is not None and hero.select_one(".home-hero__lead").get_text(strip=True)
    assert hero_buttons(page) == [
        ("Browse case studies", library.url),
        ("See the next session", session.url),
        ("Become a member", about.url),
    ]


def test_a_member_is_offered_to_find_a_colleague_instead_of_joining(member_client, library,
                                                                    programme, about):
    buttons = dict(hero_buttons(soup(member_client.get("/en/"))))
    assert buttons["Find a colleague"] == "/en/members/people/"
    assert "Become a member" not in buttons
    # Without an upcoming session the button leads to the programme.
    assert buttons["See the next session"] == programme.url


def test_a_button_to_an_unpublished_page_is_left_out(client, library, programme, about):
    about.unpublish()
    assert "Become a member" not in dict(hero_buttons(soup(client.get("/en/"))))


def test_theme_tiles_count_case_studies_and_upcoming_sessions(client, library, programme):
    vacancy = ThemeFactory(slug="test-vacancy", name="Vacancy")
    events = ThemeFactory(slug="test-events", name="Events")
    ThemeFactory(slug="test-parking", name="Parking")  # nothing yet: no tile
    for _ in range(2):
        CaseStudyPageFactory(parent=library, themes=[vacancy])
    CaseStudyPageFactory(parent=library, themes=[vacancy, events])
    SessionPageFactory(parent=programme, date=in_days(30), themes=[vacancy])
    SessionPageFactory(parent=programme, date=in_days(-30), themes=[vacancy])  # past: not counted
    SessionPageFactory(parent=programme, date=in_days(40), themes=[events])

    tiles = soup(client.get("/en/")).select(".theme-card")
    found = {tile.select_one(".card__title").get_text(strip=True):
             [li.get_text(strip=True) for li in tile.select(".theme-card__figures li")]
             for tile in tiles}
    assert found == {"Vacancy": ["3 case studies", "1 upcoming session"],
                     "Events": ["1 case study", "1 upcoming session"]}
    vacancy_tile = tiles[[t.select_one(".card__title").get_text(strip=True) for t in tiles]
                         .index("Vacancy")]
    # The tile leads to the library filtered by the theme; the sessions count to the programme.
    assert vacancy_tile.select_one(".card__title a")["href"] == f"{library.url}?theme=test-vacancy"
    assert vacancy_tile.select_one(".theme-card__figures a")["href"] == \
        f"{programme.url}?theme=test-vacancy"


def test_theme_names_are_in_the_visitors_language(client, library):
    theme = ThemeFactory(slug="empty-shops", name="Empty shops", name_nl="Leegstand")
    library.copy_for_translation(Locale.objects.get(language_code="nl"), copy_parents=True,
                                 alias=True)
    sync_page_to_all_locales(CaseStudyPageFactory(parent=library, themes=[theme]))
    tile = soup(client.get("/nl/")).select_one(".theme-card")
    assert tile.select_one(".card__title a").get_text() == "Leegstand"
    assert tile.select_one(".card__title a")["href"] == "/nl/case-studies/?theme=empty-shops"


def test_member_areas_are_listed_by_country_with_flags_and_links(client, site):
    MemberAreaFactory(name="Vlaardingen city centre", slug="vlaardingen", municipality="Vlaardingen",
                      latitude="51.91250", longitude="4.34170")
    MemberAreaFactory(name="Køge", slug="koge", municipality="Køge", country=Country.DENMARK,
                      latitude="55.45800", longitude="12.18200")
    MemberAreaFactory(name="Vejle", slug="vejle", municipality="Vejle", country=Country.DENMARK)
    page = soup(client.get("/en/"))
    countries = page.select(".area-country")
    assert [c.h3.get_text(" ", strip=True) for c in countries] == [
        "Netherlands 1 area", "Denmark 2 areas"]
    assert countries[0].select_one(".flag.flag--nl")["aria-hidden"] == "true"
    assert countries[1].select_one(".flag.flag--dk") is not None
    assert [(a.get_text(), a["href"]) for a in countries[1].select("a")] == [
        ("Køge", "/en/members/koge/"), ("Vejle", "/en/members/vejle/")]
    # The drawing is hidden from screen readers (the lists say it all); only areas with a
    # position get a dot.
    drawing = page.select_one(".area-map")
    assert drawing["aria-hidden"] == "true"
    assert len(drawing.select("circle")) == 2


def home_queries(client):
    # As a visitor after the first finds it: what every page reads (site, locale, view
    # restrictions) is read once after each change (network/memo.py).
    client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == 200
    return len(queries.captured_queries)


def populate(n, library, programme):
    themes = [ThemeFactory(slug=f"theme-{n}-{i}") for i in range(n)]
    for i in range(n):
        area = MemberAreaFactory(slug=f"area-{n}-{i}", country=Country.DENMARK if i % 2 else
                                 Country.NETHERLANDS, latitude="52.1", longitude="5.1")
        CaseStudyPageFactory(parent=library, themes=[themes[i]], areas=[area])
        SessionPageFactory(parent=programme, date=in_days(10 + i), themes=[themes[i]])


def test_home_queries_do_not_grow_with_themes_and_areas(client, library, programme, about):
    populate(3, library, programme)
    home_queries(client)  # warm the caches (site root paths)
    small = home_queries(client)
    populate(9, library, programme)  # 12 of each in all
    assert home_queries(client) == small


def test_hero_and_sections_come_in_a_sensible_order(client, library, programme):
    CaseStudyPageFactory(parent=library, themes=[ThemeFactory()])
    html = client.get("/en/").content.decode()
    positions = [html.index(marker) for marker in (
        'class="home-hero"', 'id="home-sessions"', 'id="home-cases"', 'id="home-themes"',
        'id="home-areas"')]
    assert positions == sorted(positions)
    assert re.search(r'<link rel="stylesheet" href="/static/css/home\.css', html)


def test_a_large_country_lists_its_first_areas_and_links_to_the_rest(client, site):
    from network.directory import HOME_AREAS_PER_COUNTRY

    for n in range(HOME_AREAS_PER_COUNTRY + 3):
        MemberAreaFactory(name=f"Area {n:02d}", slug=f"area-{n:02d}", municipality=f"Town {n:02d}")
    MemberAreaFactory(name="Køge", slug="koge", municipality="Køge", country=Country.DENMARK)
    countries = soup(client.get("/en/")).select(".area-country")
    netherlands = countries[0]
    assert netherlands.h3.get_text(" ", strip=True) == f"Netherlands {HOME_AREAS_PER_COUNTRY + 3} areas"
    listed = [a.get_text() for a in netherlands.select(".area-country__list a")]
    assert listed == [f"Area {n:02d}" for n in range(HOME_AREAS_PER_COUNTRY)]
    more = netherlands.select_one(".area-country__more a")
    assert more.get_text(strip=True) == "3 more areas in Netherlands"
    assert more["href"] == "/en/members/?country=NL"
    assert "Area 14" in client.get(more["href"]).content.decode()
    assert countries[1].select_one(".area-country__more") is None


def test_places_that_would_overlap_on_the_drawing_get_one_dot(client, site):
    for n in range(5):  # five areas in one town centre
        MemberAreaFactory(name=f"Amersfoort {n}", slug=f"amersfoort-{n}", municipality="Amersfoort",
                          latitude="52.15600", longitude=f"5.3{n}000")
    MemberAreaFactory(name="Groningen", slug="groningen", municipality="Groningen",
                      latitude="53.21900", longitude="6.56700")
    drawing = soup(client.get("/en/")).select_one(".area-map")
    assert 2 <= len(drawing.select("circle")) < 6


def test_counts_latest_cases_and_areas_follow_writes_from_another_host(client, library, monkeypatch):
    """The tiles' counts, the latest case studies and the areas by country are kept until a
    table they read is written (network/memo.py): a publish, a rename or a new area made by
    another host shows on the next request, with no cached page in the way."""
    from network import memo

    monkeypatch.setattr(memo, "forget", lambda: None)  # written "elsewhere": only the stamps tell
    vacancy = ThemeFactory(slug="test-vacancy", name="Vacancy")
    area = MemberAreaFactory(name="Vlaardingen city centre", slug="vlaardingen",
                             municipality="Vlaardingen")
    CaseStudyPageFactory(parent=library, title="First case", themes=[vacancy])

    def home():
        page = soup(client.get("/en/"))
        return ({t.select_one(".card__title").get_text(strip=True):
                 [li.get_text(strip=True) for li in t.select(".theme-card__figures li")]
                 for t in page.select(".theme-card")},
                [h.get_text(strip=True) for h in page.select(".case-card h3")
                 if "case" in h.get_text()],
                [a.get_text() for a in page.select(".area-country a")])

    client.get("/en/")
    assert home()[0] == {"Vacancy": ["1 case study"]}
    CaseStudyPageFactory(parent=library, title="Second case", themes=[vacancy])
    tiles, latest, _areas = home()
    assert tiles == {"Vacancy": ["2 case studies"]}
    assert latest[:2] == ["Second case", "First case"]

    area.name = "Vlaardingen centre"
    area.save()
    MemberAreaFactory(name="Schiedam centre", slug="schiedam", municipality="Schiedam")
    assert [a for a in home()[2] if "centre" in a] == ["Schiedam centre", "Vlaardingen centre"]


def test_the_tiles_upcoming_sessions_follow_the_clock_and_every_write(client, library, programme,
                                                                      monkeypatch):
    """The tiles' session counts are kept (sessions.wagtail_hooks) until a table they read is
    written, or a session ends (the next moment pages change by the clock): written as another
    host would and with the clock moved, the next home page counts again."""
    from network import memo

    monkeypatch.setattr(memo, "forget", lambda: None)
    now = {"at": timezone.now()}
    monkeypatch.setattr(timezone, "now", lambda: now["at"])
    vacancy = ThemeFactory(slug="test-vacancy", name="Vacancy")
    soon = SessionPageFactory(parent=programme, date=in_days(1), themes=[vacancy])

    def sessions_figure():
        tile = soup(client.get("/en/")).select_one(".theme-card")
        return [li.get_text(strip=True) for li in tile.select(".theme-card__figures li")] \
            if tile else []

    assert sessions_figure() == ["1 upcoming session"]
    assert sessions_figure() == ["1 upcoming session"]  # kept
    SessionPageFactory(parent=programme, date=in_days(20), themes=[vacancy])
    assert sessions_figure() == ["2 upcoming sessions"]
    now["at"] = soon.ends_at + datetime.timedelta(minutes=1)  # the first one is over
    assert sessions_figure() == ["1 upcoming session"]
