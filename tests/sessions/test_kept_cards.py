"""Session cards kept as markup (sessions.cards, #17): the programme, the home page and a member
area's page show every change to a card on the next request, whether it was written (a new
title, a sign-up, a theme renamed, a session withdrawn) or came with the clock (registration
closing, a session ending), and a kept list is not read again after unrelated writes. Also a
session's place in its series, kept per series."""
import datetime
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network import memo
from network.models import Theme
from sessions.registration.places import register
from tests.factories import MemberAreaFactory

from .conftest import edit

pytestmark = pytest.mark.django_db


def cards(response):
    """(title, text) of each session card on the page, its text with spaces collapsed."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [(card.find("h3").get_text(strip=True), " ".join(card.get_text(" ").split()))
            for card in soup.select("li.session-card")]


def titles(response):
    return [title for title, _text in cards(response)]


def card_text(response, title):
    return dict(cards(response))[title]


@pytest.fixture
def another_host(monkeypatch):
    """Writes reach the pages only through the tables' stamps, as from another host: this
    process does not forget what it kept when it writes."""
    monkeypatch.setattr(memo, "forget", lambda: None)


@pytest.fixture
def area(db):
    return MemberAreaFactory(name="Vlaardingen", slug="vlaardingen")


def test_kept_cards_follow_every_change_they_show(client, make_session, area, another_host):
    vacancy = Theme.objects.create(name="Vacancy", slug="vacancy")
    session = make_session(title="Empty shops", capacity=5, host_area=area, themes=[vacancy])
    other = make_session(title="Market day", host_area=area)
    pages = ("/en/sessions/", "/en/", area.get_absolute_url())
    for url in pages:
        client.get(url)  # kept now
    assert "5 places left" in card_text(client.get("/en/sessions/"), "Empty shops")
    assert "Vacancy" in card_text(client.get("/en/sessions/"), "Empty shops")

    edit(session, title="Empty shops, full streets")
    register(session, name="Anna", email="anna@example.nl", area=area, notify=False)
    vacancy.name = "Empty units"
    vacancy.save()

    listing = card_text(client.get("/en/sessions/"), "Empty shops, full streets")
    assert "4 places left" in listing and "Empty units" in listing
    assert "4 places left" in card_text(client.get("/en/"), "Empty shops, full streets")
    assert "Empty shops, full streets" in titles(client.get(area.get_absolute_url()))

    other.unpublish()
    for url in pages:
        assert "Market day" not in titles(client.get(url)), url


def test_kept_cards_follow_the_clock(client, make_session, another_host, monkeypatch):
    """Registration closing and a session ending change the cards with nobody writing."""
    now = timezone.now()
    make_session(title="Closing soon", capacity=5,
                 registration_closes=now + datetime.timedelta(hours=1))
    ending = make_session(title="In two days",
                          date=timezone.localdate() + datetime.timedelta(days=2))
    client.get("/en/sessions/")
    client.get("/en/")
    assert "5 places left" in card_text(client.get("/en/sessions/"), "Closing soon")
    assert "In two days" in titles(client.get("/en/"))

    later = now + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Registration closed" in card_text(client.get("/en/sessions/"), "Closing soon")
    assert "Registration closed" in card_text(client.get("/en/"), "Closing soon")

    after_the_end = ending.ends_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_the_end)
    assert "In two days" not in titles(client.get("/en/sessions/"))
    assert "In two days" not in titles(client.get("/en/"))
    assert "In two days" in titles(client.get("/en/sessions/?when=past"))


def test_theme_links_keep_each_listings_own_filters(client, make_session):
    """One list of cards, two listings: each card's theme link keeps that listing's filters."""
    vacancy = Theme.objects.create(name="Vacancy", slug="vacancy")
    make_session(title="Online session", themes=[vacancy])
    for query, expected in (("format=online", {"format": ["online"]}),
                            ("when=upcoming&format=online",
                             {"format": ["online"], "when": ["upcoming"]})):
        soup = BeautifulSoup(client.get(f"/en/sessions/?{query}&page=1").content.decode(),
                             "html.parser")
        href = soup.select_one("li.session-card a.chip")["href"]
        # The theme added, the page number dropped.
        assert href.startswith("?") and parse_qs(href[1:]) == {**expected, "theme": ["vacancy"]}


def test_kept_cards_are_not_read_again_after_a_write_elsewhere(client, make_session):
    make_session(title="Empty shops", capacity=5)
    client.get("/en/sessions/")
    Group.objects.create(name="Written by another request")  # shown on no card
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/sessions/")
    assert titles(response) == ["Empty shops"]
    assert not [q for q in queries if "network_sessions_registration" in q["sql"]]


def test_a_sessions_place_in_its_series_follows_a_new_session(client, make_session, future_date,
                                                              another_host):
    """"Session n of total" on a session's page is kept per series, and counts a session
    added before it, or withdrawn, on the next visit."""
    from .factories import SessionSeriesFactory

    series = SessionSeriesFactory(name="Vacancy working group")
    week = datetime.timedelta(days=7)
    make_session(title="First", series=series, date=future_date)
    second = make_session(title="Second", series=series, date=future_date + week)
    assert "session 2 of 2" in client.get(second.url).content.decode()

    earlier = make_session(title="Kick-off", series=series, date=future_date - week)
    assert "session 3 of 3" in client.get(second.url).content.decode()
    earlier.unpublish()
    assert "session 2 of 2" in client.get(second.url).content.decode()
