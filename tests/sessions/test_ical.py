"""The iCalendar output itself: RFC 5545 form, time zones, change tracking as clients see it."""
import datetime
import re
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule
from django.urls import reverse
from django.utils import timezone

from network.models import Theme
from sessions.calendars import ical
from sessions.models import SessionPage, SessionStatus

from .conftest import edit
from .factories import SessionSeriesFactory
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
    return feed_at(client, reverse(name, kwargs=kwargs or None))


def feed_at(client, url):
    response = client.get(url)
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


# --- text as organisers type it -------------------------------------------------------------

# Everything TEXT escaping is about (RFC 5545 section 3.3.11), and what a textarea sends. (No
# NUL: forms refuse it and PostgreSQL cannot store it.)
TYPED = ("Vacancy, empty shops; what works?\r\nLine two\nline three\rline four "
         "C:\\New folder \\n \\, \\; \\\\ end\\ tab\there bell\x07 esc\x1b del\x7f "
         "Køge 😀👩‍👩‍👧 " + "ø" * 40 + "😀" * 20)
# What a calendar reads back: line endings as LF, control characters other than TAB gone.
READ_BACK = ("Vacancy, empty shops; what works?\nLine two\nline three\nline four "
             "C:\\New folder \\n \\, \\; \\\\ end\\ tab\there bell esc del "
             "Køge 😀👩‍👩‍👧 " + "ø" * 40 + "😀" * 20)


def unescape_text(value: str) -> str:
    """RFC 5545 TEXT unescaping, for properties icalendar does not know (X-WR-CALNAME…)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_clean_text_normalises_line_endings_and_drops_controls():
    assert ical.clean_text(TYPED) == READ_BACK
    assert ical.clean_text("nul\x00 us\x1f vt\x0b ff\x0c") == "nul us vt ff"
    assert ical.Text("a, b; c\\d\r\ne\x01").to_ical() == b"a\\, b\\; c\\\\d\\ne"


def test_typed_text_in_every_field_is_escaped_and_reads_back(client, make_session):
    """A line break, comma or backslash in a textarea used to make the feed answer 500."""
    theme = Theme.objects.create(name="Vacancy; empty, shops \\ 😀", slug="vacancy",
                                 description=TYPED)
    series = SessionSeriesFactory(name="Series, 2027; \\n", slug="s", description=TYPED)
    session = make_session(title=TYPED, venue="Rådhuset, Torvet 1; 1st floor\\",
                           address="Torvet 1,\r\n4600 Køge", format="hybrid", themes=[theme],
                           series=series, description="<p>" + TYPED + "</p>")
    urls = [(reverse("sessions:calendar_all"), None),
            (reverse("sessions:calendar_session", kwargs={"pk": session.pk}), None),
            (reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"}), theme),
            (reverse("sessions:calendar_series", kwargs={"slug": "s"}), series)]
    for url, owner in urls:
        calendar, other = parse_both(feed_at(client, url))
        event = calendar.walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == other.vevent.summary.value == READ_BACK
        assert str(event["LOCATION"]) == other.vevent.location.value == (
            "Rådhuset, Torvet 1; 1st floor\\, Torvet 1,\n4600 Køge and online")
        description = other.vevent.description.value
        assert str(event["DESCRIPTION"]) == description
        assert "C:\\New folder \\n \\, \\; \\\\ end\\ tab here bell esc del Køge" in description
        if owner:
            assert unescape_text(str(calendar["X-WR-CALNAME"])).endswith(owner.name)
            assert unescape_text(str(calendar["NAME"])).endswith(owner.name)
            assert other.contents["x-wr-calname"][0].value.endswith(owner.name)
            assert str(calendar["DESCRIPTION"]) == READ_BACK
            assert unescape_text(str(calendar["X-WR-CALDESC"])) == READ_BACK
            assert other.contents["x-wr-caldesc"][0].value == READ_BACK
            assert other.contents["description"][0].value == READ_BACK


def test_plain_text_decodes_entities_once():
    """An organiser who types "&lt;" or "AT&amp;T" in the editor means those characters."""
    assert ical.plain_text("<p>AT&amp;amp;T &amp;lt;b&amp;gt; &lt;i&gt; caf&eacute;</p>") == (
        "AT&amp;T &lt;b&gt; <i> café")
