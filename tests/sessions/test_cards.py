"""Session cards, the programme listing's layout and the session page's head (#16).

What a visitor notices: the date on the card's calendar leaf is the session's own date, the time
names its zone, places left or the waiting list are said in words, a cancelled session says so,
the results come before the filters on a phone, and an empty month says which month is empty
and where the nearest sessions are.
"""
import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from network.models import Theme
from sessions.models import SessionStatus
from sessions.registration.places import register

from .conftest import edit

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_of(soup, title):
    """The listing's card (``li.session-card``) whose title link reads ``title``."""
    link = soup.find("a", string=title)
    assert link is not None, f"no card for {title!r}"
    return link.find_parent("li", class_="session-card")


def text(element):
    return " ".join(element.get_text(" ").split())


@pytest.fixture
def vacancy(db):
    return Theme.objects.create(name="Vacancy", slug="vacancy")


# --- the card ----------------------------------------------------------------------------------


def test_date_badge_shows_the_sessions_own_date_not_utcs(client, make_session, index):
    # 00:30 in Amsterdam on New Year's Day 2031 is 23:30 UTC on 31 December 2030.
    session = make_session(title="Just after midnight", date=datetime.date(2031, 1, 1),
                           start_time=datetime.time(0, 30), end_time=datetime.time(1, 30))
    assert session.starts_at == datetime.datetime(2030, 12, 31, 23, 30, tzinfo=datetime.UTC)
    card = card_of(soup_of(client.get(index.url + "?month=2031-01")), "Just after midnight")
    badge = card.find("time", class_="date-badge")
    assert badge["datetime"] == "2031-01-01T00:30:00+01:00"
    assert text(badge.find(class_="date-badge__month")) == "Jan"
    assert text(badge.find(class_="date-badge__day")) == "1"
    assert text(badge.find(class_="date-badge__weekday")) == "Wed"
    # Screen readers hear the full date instead of the abbreviations.
    assert "Wednesday 1 January 2031" in text(badge.find(class_="visually-hidden"))


def test_card_shows_the_time_range_with_its_zone_and_the_format(client, make_session, index):
    make_session(title="From Køge", time_zone="Europe/Copenhagen", format="in_person",
                 venue="Køge Town Hall", date=datetime.date(2031, 3, 13))
    make_session(title="Summer online", date=datetime.date(2031, 7, 10))
    soup = soup_of(client.get(index.url + "?month=2031-03"))
    card = card_of(soup, "From Køge")
    assert card.find(class_="time-range").get_text() == "15:00–16:30 CET"
    assert card.find("abbr", title="Europe/Copenhagen") is not None
    assert "In person Køge Town Hall" in text(card.find(class_="session-card__place"))
    card = card_of(soup_of(client.get(index.url + "?month=2031-07")), "Summer online")
    assert card.find(class_="time-range").get_text() == "15:00–16:30 CEST"
    assert "Online" in text(card.find(class_="session-card__place"))


def test_card_says_places_left_or_the_waiting_list(client, make_session, index, delft):
    make_session(title="Roomy", capacity=20)
    make_session(title="Nearly full", capacity=3)
    full = make_session(title="Full up", capacity=1)
    register(full, name="A", email="a@example.nl", area=delft, notify=False)
    make_session(title="Closed one", capacity=5,
                 registration_closes=timezone.now() - datetime.timedelta(days=1))
    soup = soup_of(client.get(index.url))
    seats = {title: card_of(soup, title).find(class_="session-card__seats")
             for title in ("Roomy", "Nearly full", "Full up", "Closed one")}
    assert text(seats["Roomy"]) == "20 places left"
    assert "badge--success" in seats["Roomy"].find(class_="badge")["class"]
    assert text(seats["Nearly full"]) == "3 places left"
    assert "badge--warning" in seats["Nearly full"].find(class_="badge")["class"]
    assert text(seats["Full up"]) == "Full — waiting list"
    assert text(seats["Closed one"]) == "Registration closed"


def test_a_cancelled_card_says_so_in_words(client, make_session, index):
    session = make_session(title="Called off", capacity=10)
    edit(session, status=SessionStatus.CANCELLED, cancellation_reason="The speaker fell ill.")
    card = card_of(soup_of(client.get(index.url)), "Called off")
    assert "card--cancelled" in card["class"]
    assert text(card.find(class_="badge--danger")) == "Cancelled"
    assert "This session is cancelled. The speaker fell ill." in text(card)
    assert card.find(class_="session-card__seats") is None  # no places to offer


def test_a_moved_card_shows_the_previous_time(client, make_session, index):
    session = make_session(title="Earlier now", date=datetime.date(2031, 3, 13))
    edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    card = card_of(soup_of(client.get(index.url)), "Earlier now")
    assert text(card.find(class_="badge--warning")) == "Moved"
    assert card.find(class_="time-range").get_text() == "10:00–11:30 CET"
    assert "15:00" in text(card.find("del"))


def test_card_has_a_one_line_description_and_theme_chips(client, make_session, index, vacancy):
    make_session(title="About shops", themes=[vacancy],
                 description="<p>Empty shops &amp; what towns did " + "about them " * 30 + "</p>")
    card = card_of(soup_of(client.get(index.url)), "About shops")
    line = text(card.find(class_="card__text"))
    assert line.startswith("Empty shops & what towns did") and line.endswith("…")
    assert len(line) <= 140
    chip = card.find("a", class_="chip")
    assert text(chip) == "Vacancy" and "theme=vacancy" in chip["href"]


def test_a_search_description_is_the_cards_line(client, make_session, index):
    make_session(title="Described", search_description="Three towns compare their market days.")
    card = card_of(soup_of(client.get(index.url)), "Described")
    assert text(card.find(class_="card__text")) == "Three towns compare their market days."


# --- the listing ------------------------------------------------------------------------------


def test_results_come_before_the_filter_panel(client, make_session, index, vacancy):
    make_session(title="First result", themes=[vacancy])
    html = client.get(index.url).content.decode()
    assert html.index("First result") < html.index('class="listing__filters"')
    soup = BeautifulSoup(html, "html.parser")
    panel = soup.find("details", class_="filter-panel")
    form = panel.find("form")
    assert "data-auto-submit" in form.attrs
    assert form.find("button", type="submit") is not None  # for visitors without JavaScript
    assert panel.find(class_="filter-panel__count") is None  # nothing active yet


def test_active_filters_are_counted_and_can_be_removed(client, make_session, index, vacancy):
    make_session(title="Online about vacancy", themes=[vacancy])
    soup = soup_of(client.get(index.url + "?theme=vacancy&format=online"))
    assert text(soup.find(class_="filter-panel__count")) == "2 active"
    chips = {text(chip): chip["href"] for chip in soup.select(".active-filters a.chip")}
    assert set(chips) == {"Theme: Vacancy × (remove this filter)",
                          "Format: Online × (remove this filter)"}
    assert chips["Theme: Vacancy × (remove this filter)"].endswith("?format=online")
    assert text(card_of(soup, "Online about vacancy").find("h3")) == "Online about vacancy"


def test_a_month_shown_is_the_by_month_tab_not_upcoming(client, make_session, index):
    make_session(title="March session", date=datetime.date(2031, 3, 13))
    soup = soup_of(client.get(index.url + "?month=2031-03"))
    current = [text(link) for link in soup.select(".session-tabs a[aria-current]")]
    assert current == ["By month"]
    assert text(soup.find(id="results-heading")) == "1 session in March 2031"
    # The filters do not claim "Upcoming sessions" for a month (past or future).
    assert soup.find("select", attrs={"name": "when"}) is None
    assert "Upcoming sessions" not in text(soup.find("form", class_="filters"))
    soup = soup_of(client.get(index.url))
    assert [text(link) for link in soup.select(".session-tabs a[aria-current]")] == ["Upcoming"]
    soup = soup_of(client.get(index.url + "?when=past"))
    assert [text(link) for link in soup.select(".session-tabs a[aria-current]")] == [
        "Past sessions and materials"]
    assert soup.find("input", attrs={"name": "when", "type": "hidden"})["value"] == "past"


def test_an_empty_month_says_so_and_points_to_the_nearest_months(client, make_session, index):
    make_session(title="January", date=datetime.date(2031, 1, 9))
    make_session(title="June", date=datetime.date(2031, 6, 12))
    soup = soup_of(client.get(index.url + "?month=2031-03"))
    empty = soup.find(class_="empty-state")
    assert text(empty.find(class_="empty-state__title")) == "No sessions in March 2031."
    assert "No session matches these filters" not in text(soup)
    links = {text(link): link["href"] for link in empty.find_all("a")}
    assert "month=2031-01" in links["← January 2031"]
    assert "month=2031-06" in links["June 2031 →"]
    assert "Upcoming sessions" in links


def test_an_empty_month_with_filters_says_the_filters_are_why(client, make_session, index, vacancy):
    make_session(title="March, no theme", date=datetime.date(2031, 3, 13))
    make_session(title="May, vacancy", date=datetime.date(2031, 5, 8), themes=[vacancy])
    soup = soup_of(client.get(index.url + "?month=2031-03&theme=vacancy"))
    empty = soup.find(class_="empty-state")
    assert text(empty.find(class_="empty-state__title")) == (
        "No session in March 2031 matches these filters.")
    links = {text(link): link["href"] for link in empty.find_all("a")}
    assert "month=2031-05" in links["May 2031 →"]  # the nearest month with a vacancy session
    assert not any(label.startswith("←") for label in links)
    assert links["Clear filters"].endswith("?month=2031-03")


def test_no_upcoming_sessions_is_not_called_a_filter_problem(client, index):
    soup = soup_of(client.get(index.url))
    assert text(soup.find(class_="empty-state__title")) == (
        "No sessions are scheduled at the moment.")


def test_no_join_link_in_listing_home_or_page_for_visitors(client, make_session, index):
    session = make_session(title="Secret room")
    for url in (index.url, index.url + "?format=online", "/en/", session.url):
        assert JOIN not in client.get(url).content.decode(), url


# --- the home page and the session page ----------------------------------------------------


def test_home_section_lists_next_sessions_with_date_badges(client, make_session, index):
    for number in range(4):
        make_session(title=f"Coming {number}")
    soup = soup_of(client.get("/en/"))
    section = soup.find("section", attrs={"aria-labelledby": "home-sessions"})
    assert text(section.find("h2")) == "Next sessions"
    assert len(section.select("li.session-card")) == 3
    assert len(section.select("li.session-card time.date-badge")) == 3
    links = {text(link): link["href"] for link in section.find_all("a")}
    assert links["All sessions →"] == index.url
    assert links["Subscribe to the calendar"] == index.url + "#calendar"


def test_session_page_head_and_what_does_not_print(client, make_session, vacancy):
    session = make_session(title="Squares people stay on", date=datetime.date(2031, 3, 13),
                           capacity=30, themes=[vacancy])
    soup = soup_of(client.get(session.url))
    head = soup.find("header", class_="session-head")
    assert head.find("h1").get_text() == "Squares people stay on"
    assert text(head.find(class_="date-badge__day")) == "13"
    assert text(head.find("a", class_="chip")) == "Vacancy"
    assert "no-print" in soup.find(class_="session-actions")["class"]
    assert "no-print" in soup.find(id="register")["class"]
    assert soup.find("section", attrs={"aria-labelledby": "about-heading"})["class"] == ["prose"]


def test_session_page_has_open_graph_tags(client, make_session):
    session = make_session(title="Shared link", search_description="What a shared link shows.")
    html = client.get(session.url).content.decode()
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:title" content="Shared link">' in html
    assert '<meta property="og:description" content="What a shared link shows.">' in html
    assert re.search(r'<meta property="og:url" content="http://testserver/en/sessions/[^"]+/">',
                     html)
