"""Recurrence rules for generating a series' sessions, on top of dateutil's rrule (RFC 5545).

Only dates are computed here; each session keeps its wall-clock times and zone, and its UTC
instants are derived on save, so a rule that crosses a daylight-saving change keeps the same
local time ("15:00 Amsterdam") on both sides. A date on which that local time does not exist
or occurs twice (the night of a daylight-saving change) is reported by the generator form, not
created (see ``sessions.localtime``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil import rrule
from django.utils.translation import gettext_lazy as _

MONTHLY, WEEKLY = "monthly", "weekly"
WEEKDAYS = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
            _("Sunday")]
_RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]


@dataclass(frozen=True)
class RecurrenceRule:
    """E.g. monthly, interval 1, weekday 3 (Thursday), week_of_month 2: every second Thursday.

    ``week_of_month`` is 1–4 or -1 for the last one; it applies to monthly rules only.
    ``count`` is the number of occurrences of the rule; ``skip`` dates are taken out of them
    afterwards (RFC 5545 EXDATE semantics), so skipping August in a 12-month programme gives 11.
    """

    frequency: str
    interval: int
    weekday: int
    start_date: date
    count: int
    week_of_month: int | None = None
    skip: tuple[date, ...] = ()

    def _rrule(self):
        weekday = _RRULE_DAYS[self.weekday]
        if self.frequency == MONTHLY:
            freq, byweekday = rrule.MONTHLY, weekday(self.week_of_month or 1)
        else:
            freq, byweekday = rrule.WEEKLY, weekday
        start = datetime.combine(self.start_date, datetime.min.time())
        # rrule counts intervals from DTSTART's own week or month, so "every other Tuesday from
        # Friday 1 January" would skip the first Tuesday. Start at the first matching day instead.
        first = rrule.rrule(freq, count=1, byweekday=byweekday, dtstart=start)[0]
        return rrule.rrule(freq, interval=self.interval, count=self.count, byweekday=byweekday,
                           dtstart=first)

    def candidates(self) -> list[date]:
        """All dates the rule produces, before skipping."""
        return [moment.date() for moment in self._rrule()]

    def dates(self) -> list[date]:
        """The dates that get a session: the rule's dates minus the skipped ones."""
        skip = set(self.skip)
        return [day for day in self.candidates() if day not in skip]

    def skipped(self) -> list[date]:
        """Skipped dates that the rule actually produces (others had no effect)."""
        skip = set(self.skip)
        return [day for day in self.candidates() if day in skip]

    def unused_skips(self) -> list[date]:
        """Skip dates that are not among the rule's dates (probably a typing mistake)."""
        produced = set(self.candidates())
        return [day for day in sorted(self.skip) if day not in produced]
