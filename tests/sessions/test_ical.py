"""The iCalendar output itself: RFC 5545 form, time zones, change tracking as clients see it."""
import datetime
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from django.urls import reverse
from django.utils import timezone

from sessions import ical
from sessions.models import SessionPage, SessionStatus

from .conftest import edit
from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(monkeypatch):
    """Call later() to move the clock three hours on: request time must not leak into feeds."""
    def shift():
        real_now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: real_now + datetime.timedelta(hours=3))
    return shift


def feed(client, name="sessions:calendar_all", **kwargs):
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def single(client, session):
    return feed(client, "sessions:calendar_session", pk=session.pk)


def test_feed_parses_with_both_parsers_and_has_calendar_properties(client, make_session):
    make_session(title="Vacancy: pop-up shops that stay – lessons from Køge",
                 venue="Rådhuset, Torvet 1, Køge", format="hybrid",
                 description="<p>Tomme butikker – " + "å" * 120 + "</p><ul><li>one</li></ul>")
    make_session(time_zone="Europe/Copenhagen")
    data = feed(client)
    calendar, other = parse_both(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == ical.PRODID
    assert "X-WR-CALNAME" in calendar
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in data
    assert b"X-PUBLISHED-TTL:PT6H\r\n" in data
    # Long non-ASCII text was folded, and unfolds to exactly what was written.
    event = [e for e in calendar.walk("VEVENT") if "Køge" in str(e["SUMMARY"])][0]
    assert str(event["SUMMARY"]) == "Vacancy: pop-up shops that stay – lessons from Køge"
    assert "Tomme butikker – " + "å" * 120 in str(event["DESCRIPTION"])
    assert "<p>" not in str(event["DESCRIPTION"])
    assert "- one" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Rådhuset, Torvet 1, Køge and online"
    assert b"\r\n " in data  # something was folded
    # One VTIMEZONE per TZID used, no more.
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "Europe/Amsterdam", "Europe/Copenhagen"]
    assert {v.tzid.value for v in other.vtimezone_list} == {"Europe/Amsterdam", "Europe/Copenhagen"}


def test_event_has_stable_uid_url_and_dtstamp_from_last_change(client, make_session, settings, later):
    session = make_session()
    later()
    event = events_by_uid(parse_both(single(client, session))[0])[
        f"session-{session.pk}@{settings.CALENDAR_UID_DOMAIN}"]
    assert str(event["URL"]) == "http://testserver" + session.get_url()  # the request's host
    assert event["DTSTAMP"].dt == session.changed_at.replace(microsecond=0)
    assert event["LAST-MODIFIED"].dt == session.changed_at.replace(microsecond=0)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"


@pytest.mark.parametrize("tzid", ["Europe/Amsterdam", "Europe/Copenhagen"])
def test_vtimezone_rules_reproduce_the_tz_database(tzid):
    """The STANDARD/DAYLIGHT RRULEs give the same transitions as zoneinfo, 2020–2045."""
    component = ical.vtimezone(tzid)
    data = component.to_ical()
    assert b"BEGIN:STANDARD" in data and b"BEGIN:DAYLIGHT" in data
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in data
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in data
    zone = ZoneInfo(tzid)
    for sub in component.subcomponents:
        start = sub["DTSTART"].dt
        rule = rrule.rrulestr(sub["RRULE"].to_ical().decode(), dtstart=start)
        offset_from = sub["TZOFFSETFROM"].td
        offset_to = sub["TZOFFSETTO"].td
        for local in rule.between(datetime.datetime(2020, 1, 1), datetime.datetime(2046, 1, 1)):
            instant = (local - offset_from).replace(tzinfo=UTC)
            assert (instant - datetime.timedelta(minutes=1)).astimezone(zone).utcoffset() == offset_from
            assert instant.astimezone(zone).utcoffset() == offset_to
            assert instant.astimezone(zone).tzname() == str(sub["TZNAME"])


@pytest.mark.parametrize("day, start_utc", [
    # Last Sunday of March: clocks go forward at 02:00, so 15:00 is CEST (UTC+2).
    (datetime.date(2026, 3, 29), datetime.datetime(2026, 3, 29, 13, 0, tzinfo=UTC)),
    (datetime.date(2026, 3, 28), datetime.datetime(2026, 3, 28, 14, 0, tzinfo=UTC)),
    # Last Sunday of October: back to CET (UTC+1).
    (datetime.date(2026, 10, 25), datetime.datetime(2026, 10, 25, 14, 0, tzinfo=UTC)),
    (datetime.date(2026, 10, 24), datetime.datetime(2026, 10, 24, 13, 0, tzinfo=UTC)),
])
@pytest.mark.parametrize("tzid", ["Europe/Amsterdam", "Europe/Copenhagen"])
def test_dst_sundays_have_the_right_utc_times(client, make_session, day, start_utc, tzid):
    session = make_session(date=day, start_time=datetime.time(15), end_time=datetime.time(16, 30),
                           time_zone=tzid)
    assert session.starts_at == start_utc
    assert session.ends_at == start_utc + datetime.timedelta(minutes=90)
    calendar, other = parse_both(single(client, session))
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == tzid
    assert event["DTSTART"].dt.astimezone(UTC) == start_utc
    # vobject resolves the TZID through our VTIMEZONE, not through its own database.
    assert other.vevent.dtstart.value.astimezone(UTC) == start_utc
    assert other.vevent.dtend.value.astimezone(UTC) == start_utc + datetime.timedelta(minutes=90)


def test_cancelling_sets_status_cancelled_and_raises_sequence(client, make_session):
    session = make_session()
    before = events_by_uid(parse_both(feed(client))[0])[session.calendar_uid]
    session = edit(session, status=SessionStatus.CANCELLED,
                   cancellation_reason="Too few registrations; the theme returns in spring.")
    after = events_by_uid(parse_both(feed(client))[0])[session.calendar_uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["DTSTAMP"].dt >= before["DTSTAMP"].dt
    assert "Too few registrations" in str(after["DESCRIPTION"])
    assert str(after["SUMMARY"]).startswith("Cancelled: ")


def test_moving_keeps_uid_raises_sequence_and_mentions_old_time(client, make_session, future_date):
    session = make_session(title="Branding the centre")
    uid = session.calendar_uid
    session = edit(session, title="Branding the centre (new date)",
                   date=future_date + datetime.timedelta(days=7))
    assert session.status == SessionStatus.MOVED
    calendar, _ = parse_both(feed(client))
    events = events_by_uid(calendar)
    assert list(events) == [uid]
    event = events[uid]
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt.date() == future_date + datetime.timedelta(days=7)
    assert "Moved; it was planned for" in str(event["DESCRIPTION"])


def test_republishing_without_changes_gives_identical_bytes(client, make_session, later):
    session = make_session()
    make_session(title="Second")
    first = feed(client)
    one = single(client, session)
    later()
    edit(session)  # save a revision and publish it, nothing changed
    edit(session, publish=False, title="A draft title nobody sees yet")
    assert feed(client) == first
    assert single(client, session) == one
    assert SessionPage.objects.get(pk=session.pk).sequence == 0


def test_non_location_edit_changes_dtstamp_but_not_sequence(client, make_session):
    session = make_session()
    edit(session, description="<p>Now with a guest from Vejle.</p>")
    session.refresh_from_db()
    event = parse_both(single(client, session))[0].walk("VEVENT")[0]
    assert event["SEQUENCE"] == 0
    assert "guest from Vejle" in str(event["DESCRIPTION"])


def test_plain_text_strips_rich_text():
    assert ical.plain_text(
        '<p>Read <a href="https://example.org/plan">the plan</a> &amp; <b>more</b>.</p>'
        '<ul><li>one</li><li>two</li></ul><p><a linktype="page" id="3">internal</a></p>'
    ) == "Read the plan (https://example.org/plan) & more.\n\n- one\n\n- two\n\ninternal"


def test_feed_window_holds_future_and_last_twelve_months(client, make_session):
    today = timezone.localdate()
    recent = make_session(date=today - datetime.timedelta(days=300))
    old = make_session(date=today - datetime.timedelta(days=400))
    future = make_session(date=today + datetime.timedelta(days=500))
    uids = set(events_by_uid(parse_both(feed(client))[0]))
    assert recent.calendar_uid in uids and future.calendar_uid in uids
    assert old.calendar_uid not in uids
    # The single-session file works for any date.
    assert parse_both(single(client, old))[0].walk("VEVENT")
