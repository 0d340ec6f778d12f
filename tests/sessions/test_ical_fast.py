"""The public feeds' fast path (#17): the same bytes as icalendar's object model, the same
addresses as Wagtail's router, and validators remembered per content generation."""
import datetime
import random

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar.parser import Contentline

from network.models import Theme
from network.translation import sync_all_locale_trees
from sessions.calendars import feeds, ical
from sessions.calendars.rows import PageUrls
from sessions.models import SessionPage, SessionStatus
from sessions.models.feed_history import record_departure

from .conftest import edit
from .factories import SessionSeriesFactory
from .ical_checks import events_by_uid, parse_both
from .test_ical import TYPED

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def icalendar_reference(sessions, *, name, description, url_for, join_url_for=None,
                        cancelled=(), language="en"):
    """The calendar as icalendar's object model writes it: every component added to one
    ``icalendar.Calendar`` (what ``build_calendar`` did before the fast path)."""
    with translation.override(language):
        calendar = ical._calendar(name, description)
        for tzid in sorted({item.time_zone for item in [*sessions, *cancelled]}):
            calendar.add_component(ical.vtimezone(tzid))
        for session in sessions:
            join_url = join_url_for(session) if join_url_for else ""
            calendar.add_component(ical.session_event(session, url_for(session),
                                                      join_url=join_url))
        for tombstone in cancelled:
            calendar.add_component(ical.withdrawn_event(tombstone))
        return calendar.to_ical()


# --- folding -------------------------------------------------------------------------------


def test_fold_writes_what_icalendar_writes():
    """Lengths around every fold, one- to four-octet characters, and backslashes and carets
    where the fold falls (icalendar keeps an escape on one line)."""
    alphabet = ["a", "é", "€", "😀", "\\", "^", ",", " ", "\\n", "👩‍👩‍👧"]
    rng = random.Random(17)
    lines = [("x" * n) for n in range(60, 240)]
    lines += ["DESCRIPTION:" + "a" * n + "\\" + "b" * 80 for n in range(55, 70)]
    lines += ["SUMMARY:" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 200)))
              for _ in range(3000)]
    for line in lines:
        assert ical.fold(line) == Contentline(line).to_ical(), line


# --- whole calendars -----------------------------------------------------------------------


@pytest.fixture
def varied(make_session, future_date):
    """Sessions that exercise every line of a VEVENT."""
    made = [
        make_session(title="Plain online session"),
        make_session(title=TYPED, format="hybrid", venue="Rådhuset, Torvet 1; 1st floor\\",
                     address="Torvet 1,\r\n4600 Køge", time_zone="Europe/Copenhagen",
                     description="<p>" + TYPED + "</p><ul><li>one</li></ul>"
                                 '<p><a href="https://example.org/plan">the plan</a></p>'),
        make_session(title="In person", format="in_person", venue="Stadhuis", address="",
                     start_time=datetime.time(9, 30, 15), end_time=datetime.time(12)),
        make_session(title="In person, nowhere yet", format="in_person", venue="", address=""),
        make_session(title="Sans description", description=""),
        # The Sunday the clocks change.
        make_session(title="Clocks change", date=datetime.date(2027, 3, 28),
                     start_time=datetime.time(1, 30), end_time=datetime.time(4)),
    ]
    moved = make_session(title="To be moved")
    made.append(edit(moved, date=future_date + datetime.timedelta(days=7)))
    cancelled = make_session(title="To be cancelled")
    made.append(edit(cancelled, status=SessionStatus.CANCELLED,
                     cancellation_reason="Too few registrations, sorry; back in spring"))
    # A row written around save() (a bulk import): no change stamp of its own.
    bare = make_session(title="Imported")
    SessionPage.objects.filter(pk=bare.pk).update(changed_at=None)
    made.append(SessionPage.objects.get(pk=bare.pk))
    return made


@pytest.mark.parametrize("language", ["en", "nl", "da"])
def test_build_calendar_gives_icalendars_bytes(varied, language):
    withdrawn = varied[0]
    tombstone = record_departure(withdrawn, sequence=withdrawn.sequence + 1)
    sessions = SessionPage.objects.filter(pk__in=[s.pk for s in varied[1:]]).order_by("pk")
    sessions = list(sessions)
    assert any(s.status == SessionStatus.MOVED and s.previous_starts_at for s in sessions)
    assert any(s.changed_at is None for s in sessions)
    arguments = {
        "name": "Centre Network: sessions, ; \\ 😀", "description": TYPED,
        "url_for": lambda session: f"https://example.org/{language}/sessions/{session.slug}/"
                                   + "x" * (session.pk % 60),
        "cancelled": [tombstone], "language": language,
    }
    fast = ical.build_calendar(sessions, **arguments)
    assert fast == icalendar_reference(sessions, **arguments)
    parse_both(fast)
    # A personal calendar: the events with a join link go through icalendar, the others not.
    sessions[0].join_url = ""
    join = {"join_url_for": lambda session: session.join_url}
    fast = ical.build_calendar(sessions, **arguments, **join)
    assert fast == icalendar_reference(sessions, **arguments, **join)
    assert fast.count(b"CONFERENCE;") == len(sessions) - 1 - sum(
        s.is_cancelled for s in sessions[1:])


@pytest.fixture
def request_for():
    def make(path, host="testserver"):
        return RequestFactory().get(path, HTTP_HOST=host)
    return make


def reference_feed(feed, request):
    """The feed as it was built from page objects before the fast path."""
    sessions = feed.sessions.order_by("starts_at", "pk")
    return icalendar_reference(
        feeds.localized_sessions(sessions, feed.language), name=feed.name,
        description=feed.description, url_for=lambda s: feeds.session_url(s, request),
        cancelled=feed.tombstones(), language=feed.language)


@pytest.mark.parametrize("language", ["en", "nl", "da"])
def test_feeds_give_the_bytes_page_objects_gave(varied, client, request_for, language,
                                                django_capture_on_commit_callbacks):
    """All, theme and series feeds, from light rows and PageUrls: the same bytes as from page
    objects and Wagtail's router, in every language (Dutch and Danish pages are aliases
    here, one of them with a translated title)."""
    theme = Theme.objects.create(name="Vacancy", slug="vacancy", description=TYPED)
    series = SessionSeriesFactory(slug="programme")
    chosen = [session.pk for session in varied[:4]]
    SessionPage.themes.through.objects.bulk_create(
        [SessionPage.themes.through(sessionpage_id=pk, theme=theme) for pk in chosen])
    SessionPage.objects.filter(pk__in=chosen).update(series=series)
    sync_all_locale_trees()
    dutch = SessionPage.objects.get(translation_key=varied[1].translation_key,
                                    locale__language_code="nl")
    dutch.title = "Leegstand, aangepakt"
    dutch.changed_at = timezone.now() + datetime.timedelta(minutes=5)
    dutch.save()
    record_departure(varied[0], sequence=varied[0].sequence + 1)
    with translation.override(language):
        made = [feeds.all_sessions_feed(), feeds.theme_feed(theme), feeds.series_feed(series)]
    for feed in made:
        with translation.override(language):
            url = feed.path
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.content == reference_feed(feed, request_for(url)), url
        calendar, _other = parse_both(response.content)
        assert len(calendar.walk("VEVENT")) >= 4, url
        if language == "nl":
            event = events_by_uid(calendar)[varied[1].calendar_uid]
            assert str(event["SUMMARY"]) == "Leegstand, aangepakt", url


def test_page_urls_are_wagtails_for_any_slug(make_session, request_for):
    sessions = [make_session(slug="tomme-butikker-i-køge"), make_session(slug="plain"),
                make_session(slug="ærø-2027")]
    sync_all_locale_trees()
    for language in ("en", "nl", "da"):
        with translation.override(language):
            request = request_for(f"/{language}/calendar/sessions.ics")
            urls = PageUrls(request)
            pages = SessionPage.objects.filter(locale__language_code=language)
            assert pages.count() == 3
            for page in pages:
                assert urls(page.url_path) == feeds.session_url(page, request)
                assert urls(page.url_path).startswith(f"http://testserver/{language}/")
    assert "%C3%B8" in PageUrls(request_for("/"))(sessions[0].url_path)


# --- validators ----------------------------------------------------------------------------


def feed_queries(queries):
    """The feed's own statements: sessions, themes, series, feed history."""
    return [q["sql"] for q in queries
            if "network_sessions_" in q["sql"] or "network_theme" in q["sql"]]


@pytest.mark.parametrize("name, kwargs", [("sessions:calendar_all", None),
                                          ("sessions:calendar_theme", {"slug": "vacancy"}),
                                          ("sessions:calendar_series", {"slug": "programme"})])
def test_a_conditional_request_runs_no_feed_query_until_something_changes(
        client, make_session, name, kwargs):
    theme = Theme.objects.create(name="Vacancy", slug="vacancy")
    series = SessionSeriesFactory(slug="programme")
    session = make_session(themes=[theme], series=series)
    make_session(themes=[theme], series=series)
    url = reverse(name, kwargs=kwargs)
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert feed_queries(queries.captured_queries) == []
    # Any write starts a new generation: the validators are read afresh.
    edit(session, venue="Library", format="in_person")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"LOCATION:Library" in changed.content


def test_a_session_leaving_the_window_changes_the_validators_without_a_write(
        client, make_session, monkeypatch):
    """The clock alone takes the oldest session out of the windowed feeds: the remembered
    validators must not outlive that moment."""
    today = timezone.localdate()
    old = make_session(title="Last year", date=today - datetime.timedelta(days=360))
    recent = make_session(title="Soon", date=today + datetime.timedelta(days=3))
    url = reverse("sessions:calendar_all")
    first = client.get(url)
    assert {old.calendar_uid, recent.calendar_uid} <= set(events_by_uid(parse_both(first.content)[0]))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    real_now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(days=10))
    response = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"],
                          HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    uids = set(events_by_uid(parse_both(response.content)[0]))
    assert old.calendar_uid not in uids and recent.calendar_uid in uids
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_validators_are_remembered_per_host_and_language(client, make_session):
    make_session()
    english = client.get("/en/calendar/sessions.ics")
    other_host = client.get("/en/calendar/sessions.ics", HTTP_HOST="localhost")
    dutch = client.get("/nl/calendar/sessions.ics")
    assert len({english["ETag"], other_host["ETag"], dutch["ETag"]}) == 3
    assert b"http://localhost/" in other_host.content
    assert client.get("/en/calendar/sessions.ics", HTTP_HOST="localhost",
                      HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200


def test_a_renamed_theme_is_found_under_its_new_slug_only(client, make_session):
    theme = Theme.objects.create(name="Vacancy", slug="vacancy")
    make_session(themes=[theme])
    assert client.get("/calendar/themes/vacancy.ics").status_code == 200
    Theme.objects.filter(pk=theme.pk).update(slug="empty-shops", name="Empty shops")
    assert client.get("/calendar/themes/vacancy.ics").status_code == 404
    response = client.get("/calendar/themes/empty-shops.ics")
    assert response.status_code == 200
    assert b"Empty shops" in response.content
