"""Wall-clock times in a session's own zone, and the ones a daylight-saving change breaks.

On the day clocks go forward, local times in the skipped hour do not exist (02:30 on 28 March
2027 in Amsterdam); on the day they go back, those in the repeated hour occur twice (02:30 on
31 October 2027). Python silently picks one reading (``fold=0``), and calendar clients pick
differently (RFC 5545 says "the first occurrence", ical.js and others do not all follow it), so
sessions refuse both: see ``check_local_time``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

GAP, OVERLAP = "gap", "overlap"


def long_date(value) -> str:
    """"Thursday 14 May 2026", "donderdag 14 mei 2026", "torsdag 14. maj 2026": the weekday
    and the active language's ``DATE_FORMAT`` (Django's locale formats, ``network.formats``)."""
    return f"{date_format(value, 'l')} {date_format(value, 'DATE_FORMAT')}"


def clock(value) -> str:
    """A time of day in the active language's ``TIME_FORMAT`` ("15:00")."""
    return time_format(value, "TIME_FORMAT")


def zone_abbreviation(moment: datetime) -> str:
    """The zone's abbreviation at an aware ``moment`` (CET, CEST…), never empty.

    Falls back to the UTC offset ("+01:00") when the zone has no name for that moment. (Django's
    ``date:"T"`` renders nothing for a moment in a repeated hour, so templates use this.)
    """
    name = moment.tzname()
    if name:
        return name
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _round_trips(local: datetime) -> bool:
    """Whether a local time survives local → UTC → local unchanged, i.e. exists on the clock."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None, fold=0) == local.replace(tzinfo=None, fold=0)


def _transition_instant(naive: datetime, zone: ZoneInfo, before: timedelta,
                        after: timedelta) -> datetime:
    """The UTC instant at which ``zone`` goes from offset ``before`` to ``after`` around the
    wall-clock time ``naive`` (binary search to the second; the tz database is the source)."""
    low = (naive - max(before, after) - timedelta(hours=1)).replace(tzinfo=UTC)
    high = (naive - min(before, after) + timedelta(hours=1)).replace(tzinfo=UTC)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


@dataclass(frozen=True)
class LocalTimeProblem:
    """A local time that a daylight-saving change skips (GAP) or repeats (OVERLAP).

    ``clock_from``/``clock_to`` are what the clocks show just before and just after the change
    (02:00 → 03:00 going forward, 03:00 → 02:00 going back); ``name_before``/``name_after`` the
    zone's abbreviations on either side (CET/CEST).
    """

    kind: str
    day: date
    time: time
    zone: str
    clock_from: time
    clock_to: time
    name_before: str
    name_after: str

    @property
    def message(self) -> str:
        """A sentence for the organiser, in the active language."""
        params = {"time": clock(self.time), "date": date_format(self.day, "DATE_FORMAT"),
                  "zone": self.zone, "from": clock(self.clock_from),
                  "to": clock(self.clock_to), "first": self.name_before,
                  "second": self.name_after}
        if self.kind == GAP:
            return _("%(time)s does not exist on %(date)s in %(zone)s: clocks go forward from "
                     "%(from)s to %(to)s.") % params
        return _("%(time)s occurs twice on %(date)s in %(zone)s: clocks go back from %(from)s "
                 "to %(to)s, so it is first %(time)s %(first)s and then %(time)s %(second)s. "
                 "Calendar apps do not agree which one is meant: choose a time before %(to)s "
                 "or from %(from)s on.") % params

    def __str__(self):
        return self.message


def check_local_time(day: date, clock: time, zone_name: str) -> LocalTimeProblem | None:
    """None if ``clock`` on ``day`` is one unambiguous instant in ``zone_name``; otherwise why not.

    Both readings of the time (``fold`` 0 and 1) are taken to UTC and back: a time in a gap
    comes back as another time; a time in an overlap comes back unchanged from two different
    instants.
    """
    zone = ZoneInfo(zone_name)
    earlier = datetime.combine(day, clock, tzinfo=zone)
    later = earlier.replace(fold=1)
    before, after = earlier.utcoffset(), later.utcoffset()
    if _round_trips(earlier) and _round_trips(later):
        if earlier.astimezone(UTC) == later.astimezone(UTC):
            return None
        kind = OVERLAP
    else:
        kind = GAP
    naive = earlier.replace(tzinfo=None)
    instant = _transition_instant(naive, zone, before, after)
    return LocalTimeProblem(
        kind=kind, day=day, time=clock, zone=zone_name,
        clock_from=(instant + before).time(), clock_to=(instant + after).time(),
        name_before=zone_abbreviation((instant - timedelta(seconds=1)).astimezone(zone)),
        name_after=zone_abbreviation(instant.astimezone(zone)))


def check_session_times(day: date, start: time, end: time,
                        zone_name: str) -> dict[str, LocalTimeProblem]:
    """Problems of a session's start and end time, keyed "start_time"/"end_time" (may be empty)."""
    problems = {}
    for field, clock in (("start_time", start), ("end_time", end)):
        problem = check_local_time(day, clock, zone_name)
        if problem is not None:
            problems[field] = problem
    return problems
