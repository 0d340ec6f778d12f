"""Local times at daylight-saving changes: refused when skipped or repeated, never shown without
a zone abbreviation. The change dates of 2026–2028 come from the tz database, not from a list."""
import datetime
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from sessions.calendars import ical
from sessions.localtime import GAP, OVERLAP, check_local_time, zone_abbreviation
from sessions.models import SessionPage
from sessions.templatetags.session_tags import date_zone, zone_abbr
from tests.sessions.ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db

ZONES = ("Europe/Amsterdam", "Europe/Copenhagen")


def transitions(zone_name, years=(2026, 2027, 2028)):
    """Every offset change of the zone in ``years``: (kind, local day, first and last wall-clock
    minute of the skipped or repeated hour), read from the tz database hour by hour."""
    zone = ZoneInfo(zone_name)
    found = []
    moment = datetime.datetime(years[0], 1, 1, tzinfo=UTC)
    end = datetime.datetime(years[-1] + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        before = moment.astimezone(zone).utcoffset()
        after = (moment + timedelta(hours=1)).astimezone(zone).utcoffset()
        if before != after:
            instant = moment + timedelta(hours=1)
            low, high = sorted([instant + before, instant + after])
            found.append((GAP if after > before else OVERLAP, low.date(), low.time(),
                          (high - timedelta(minutes=1)).time(), high.time()))
        moment += timedelta(hours=1)
    return found


EDGES = [(zone, *change) for zone in ZONES for change in transitions(zone)]
EDGE_IDS = [f"{zone}-{day}-{kind}" for zone, kind, day, *_rest in EDGES]


def test_the_tz_database_gives_two_changes_a_year_in_both_zones():
    assert len(EDGES) == 2 * 3 * len(ZONES)
    assert ("Europe/Amsterdam", GAP, datetime.date(2027, 3, 28), datetime.time(2),
            datetime.time(2, 59), datetime.time(3)) in EDGES
    assert ("Europe/Copenhagen", OVERLAP, datetime.date(2028, 10, 29), datetime.time(2),
            datetime.time(2, 59), datetime.time(3)) in EDGES


@pytest.mark.parametrize("zone, kind, day, first, last, after", EDGES, ids=EDGE_IDS)
def test_times_in_the_changed_hour_are_detected(zone, kind, day, first, last, after):
    for clock in (first, datetime.time(first.hour, 30), last):
        problem = check_local_time(day, clock, zone)
        assert problem is not None and problem.kind == kind, (day, clock)
        if kind == GAP:
            assert (problem.clock_from, problem.clock_to) == (first, after)
            assert (problem.name_before, problem.name_after) == ("CET", "CEST")
        else:
            assert (problem.clock_from, problem.clock_to) == (after, first)
            assert (problem.name_before, problem.name_after) == ("CEST", "CET")
    # The minutes around the hour are ordinary times.
    before = (datetime.datetime.combine(day, first) - timedelta(minutes=1)).time()
    assert check_local_time(day, before, zone) is None
    assert check_local_time(day, after, zone) is None


def session(**values):
    defaults = {"title": "Night session", "slug": "night", "time_zone": "Europe/Amsterdam",
                "format": "online", "status": "scheduled"}
    return SessionPage(**{**defaults, **values})


@pytest.mark.parametrize("zone, kind, day, first, last, after", EDGES, ids=EDGE_IDS)
def test_a_session_in_the_changed_hour_is_refused_on_the_field(zone, kind, day, first, last,
                                                               after):
    start = datetime.time(first.hour, 30)
    page = session(date=day, start_time=start, end_time=after.replace(minute=30), time_zone=zone)
    with pytest.raises(ValidationError) as error:
        page.clean()
    errors = error.value.message_dict
    assert set(errors) == {"start_time"}
    words = "does not exist" if kind == GAP else "occurs twice"
    assert f"02:30 {words} on {day:%-d %B %Y} in {zone}" in errors["start_time"][0]
    # An end time in that hour is refused too, on its own field.
    page = session(date=day, start_time=datetime.time(1), end_time=start, time_zone=zone)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"end_time"}
    # Outside the hour, the same day is fine.
    session(date=day, start_time=datetime.time(1), end_time=after, time_zone=zone).clean()


def test_the_messages_say_what_the_clocks_do():
    gap = check_local_time(datetime.date(2027, 3, 28), datetime.time(2, 30), "Europe/Amsterdam")
    assert gap.message == ("02:30 does not exist on 28 March 2027 in Europe/Amsterdam: clocks "
                           "go forward from 02:00 to 03:00.")
    overlap = check_local_time(datetime.date(2027, 10, 31), datetime.time(2, 30),
                               "Europe/Copenhagen")
    assert overlap.message.startswith(
        "02:30 occurs twice on 31 October 2027 in Europe/Copenhagen: clocks go back from 03:00 "
        "to 02:00, so it is first 02:30 CEST and then 02:30 CET.")


class Nameless(datetime.tzinfo):
    """A zone without abbreviations (tzname None), at a fixed offset."""

    def __init__(self, offset):
        self.offset = offset

    def utcoffset(self, dt):
        return self.offset

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return None


def test_zone_abbreviation_falls_back_to_the_offset():
    moment = datetime.datetime(2027, 1, 14, 15)
    assert zone_abbreviation(moment.replace(tzinfo=Nameless(timedelta(hours=1)))) == "+01:00"
    assert zone_abbreviation(moment.replace(tzinfo=Nameless(timedelta(hours=-3, minutes=-30)))) \
        == "-03:30"
    assert zone_abbreviation(moment.replace(tzinfo=ZoneInfo("Europe/Copenhagen"))) == "CET"


@pytest.mark.parametrize("zone, kind, day, first, last, after", EDGES, ids=EDGE_IDS)
def test_abbreviation_is_never_empty_at_a_change(zone, kind, day, first, last, after):
    tz = ZoneInfo(zone)
    for minutes in range(-90, 120, 15):
        moment = (datetime.datetime.combine(day, first, tzinfo=tz).astimezone(UTC)
                  + timedelta(minutes=minutes))
        local = moment.astimezone(tz)
        assert zone_abbr(local) in ("CET", "CEST")
        assert date_zone(local, "H:i").endswith(local.tzname())


def test_when_shows_the_abbreviation_in_the_repeated_hour():
    # Stored before times were checked, or moved there by a rule: 02:30 CET after the change.
    starts = datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    page = session(date=datetime.date(2027, 10, 31), starts_at=starts,
                   ends_at=starts + timedelta(minutes=20), previous_starts_at=starts,
                   previous_ends_at=starts + timedelta(minutes=20))
    html = render_to_string("sessions/includes/when.html", {"session": page})
    assert '02:30</time>–<time datetime="2027-10-31T02:50:00+01:00">02:50</time> ' \
           '<abbr title="Europe/Amsterdam">CET</abbr>' in html
    html = render_to_string("sessions/includes/previous_when.html", {"session": page})
    assert "02:30</time>–02:50 CET" in html
    html = render_to_string("sessions/admin/registration_time.html",
                            {"session": page, "moment": starts})
    assert "31 October 2027, 02:30 CET" in html  # DATETIME_FORMAT (network/formats/en)


def test_a_session_across_the_change_shows_both_abbreviations():
    page = session(date=datetime.date(2027, 3, 28), start_time=datetime.time(1, 30),
                   end_time=datetime.time(3, 30))
    page.clean()
    page.set_instants()
    assert page.ends_at - page.starts_at == timedelta(hours=1)
    html = render_to_string("sessions/includes/when.html", {"session": page})
    assert ('01:30</time> <abbr title="Europe/Amsterdam">CET</abbr>–'
            '<time datetime="2027-03-28T03:30:00+02:00">03:30</time> '
            '<abbr title="Europe/Amsterdam">CEST</abbr>') in html


def test_pages_show_moments_in_the_repeated_hour_with_the_right_abbreviation(
        client, django_user_model, make_session):
    from .factories import SessionSeriesFactory

    # Registration closes at 02:30 CET on 31 October 2027, the second 02:30 of that night.
    closes = datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    series = SessionSeriesFactory()
    page = make_session(date=datetime.date(2027, 11, 11), registration_closes=closes,
                        series=series)
    html = client.get(page.url).content.decode()
    assert "Open until 31 October 2027, 02:30 CET" in html
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw-for-tests-1")
    client.force_login(user)
    html = client.get(f"/admin/sessions/{page.pk}/registrations/").content.decode()
    assert "deadline 31 October 2027, 02:30 CET" in html
    # A session stored at that moment before times were checked (no save: it would refuse).
    SessionPage.objects.filter(pk=page.pk).update(starts_at=closes)
    html = client.get(f"/admin/snippets/network_sessions/sessionseries/edit/{series.pk}/")
    assert "Sunday 31 October 2027, 02:30 CET" in html.content.decode()
    html = client.get("/admin/sessions/registrations/").content.decode()
    assert "Sunday 31 October 2027, 02:30 CET" in html


@pytest.mark.parametrize(("zone", "kind", "day", "first", "last", "after"), EDGES, ids=EDGE_IDS)
def test_feeds_at_each_change_pass_the_strict_checks_and_both_parsers_agree(
        make_session, zone, kind, day, first, last, after):
    """Sessions around the change (across it, and starting right after it) keep their instants
    in the feed: the VTIMEZONE rules both parsers apply give the moments the site stores."""
    sessions = [
        make_session(title="Across the change", date=day, start_time=datetime.time(1, 30),
                     end_time=datetime.time(3, 30), time_zone=zone),
        make_session(title="Right after it", date=day, start_time=datetime.time(3, 0),
                     end_time=datetime.time(4, 0), time_zone=zone),
    ]
    data = ical.build_calendar(sessions, name="Edges", description="Daylight-saving edges",
                               url_for=lambda session: f"https://example.org/{session.pk}/")
    calendar, other = parse_both(data)
    ours = events_by_uid(calendar)
    theirs = {event.uid.value: event for event in other.vevent_list}
    for session in sessions:
        uid = f"session-{session.pk}@{ical.settings.CALENDAR_UID_DOMAIN}"
        for read in (ours[uid]["DTSTART"].dt, theirs[uid].dtstart.value):
            assert read == session.starts_at, (uid, read, session.starts_at)
        for read in (ours[uid]["DTEND"].dt, theirs[uid].dtend.value):
            assert read == session.ends_at, (uid, read, session.ends_at)
    # Across a spring change the session lasts one hour, across an autumn one three.
    assert sessions[0].ends_at - sessions[0].starts_at == timedelta(hours=1 if kind == GAP else 3)
