"""Admin forms of the sessions app: the rule from which "Generate sessions" creates a
series' draft sessions."""
from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .localtime import check_session_times
from .models import TIME_ZONE_CHOICES, SessionFormat, SessionSeries
from .recurrence import MONTHLY, WEEKDAYS, WEEKLY, RecurrenceRule


def parse_dates(text: str) -> list[date]:
    """Dates written as YYYY-MM-DD, separated by commas, spaces or new lines."""
    found = []
    bad = []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        try:
            found.append(date.fromisoformat(token))
        except ValueError:
            bad.append(token)
    if bad:
        raise forms.ValidationError(
            _("These are not dates in the form YYYY-MM-DD: %(dates)s"),
            params={"dates": ", ".join(bad[:5])}, code="invalid_date")
    return sorted(set(found))


class SeriesGeneratorForm(forms.Form):
    """The rule from which draft sessions of a series are generated."""

    WEEK_CHOICES = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")),
                    (-1, _("last"))]

    series = forms.ModelChoiceField(label=_("Series"), queryset=SessionSeries.objects.all())
    title = forms.CharField(label=_("Title of each session"), max_length=200,
                            help_text=_("The date is added to it, e.g. “Thematic session, "
                                        "12 March 2026”. Rename each session later."))
    frequency = forms.ChoiceField(label=_("Repeats"), choices=[(MONTHLY, _("Monthly")),
                                                               (WEEKLY, _("Weekly"))],
                                  initial=MONTHLY)
    interval = forms.IntegerField(label=_("Every"), min_value=1, max_value=12, initial=1,
                                  help_text=_("1 = every month (or week), 2 = every other one, …"))
    week_of_month = forms.TypedChoiceField(label=_("Which week of the month"), coerce=int,
                                           choices=WEEK_CHOICES, initial=2, required=False,
                                           help_text=_("For monthly series."))
    weekday = forms.TypedChoiceField(label=_("Day of the week"), coerce=int,
                                     choices=list(enumerate(WEEKDAYS)), initial=3)
    start_date = forms.DateField(label=_("From"), help_text=_("YYYY-MM-DD; the first session is "
                                                              "on or after this date."),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(label=_("How many times"), min_value=1, max_value=60, initial=12)
    start_time = forms.TimeField(label=_("Starts"), initial="15:00",
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Ends"), initial="16:30",
                               widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES,
                                  initial="Europe/Amsterdam")
    format = forms.ChoiceField(label=_("Format"), choices=SessionFormat.choices,
                               initial=SessionFormat.ONLINE)
    skip_dates = forms.CharField(label=_("Skip these dates"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("YYYY-MM-DD, one per line or separated by commas. "
                                             "Skipped dates count towards “how many times”, as "
                                             "in calendar apps."))

    def clean_skip_dates(self):
        return parse_dates(self.cleaned_data.get("skip_dates") or "")

    # Dates of the rule whose start or end time a daylight-saving change skips or repeats:
    # [(date, {"start_time"/"end_time": LocalTimeProblem})], filled by clean().
    time_problems = ()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The sessions must end after they start."))
        if cleaned.get("frequency") == MONTHLY and not cleaned.get("week_of_month"):
            self.add_error("week_of_month", _("Choose which week of the month."))
        if not self.errors:
            self.time_problems = dates_with_time_problems(
                self.rule().dates(), start, end, cleaned["time_zone"])
            # The preview marks these dates; creating refuses them, so that no session is
            # silently stored at a time that does not exist or that calendars read differently.
            if self.data.get("action") == "create":
                for _day, problems in self.time_problems:
                    for field, problem in problems.items():
                        self.add_error(field, problem.message)
        return cleaned

    def preview_rows(self) -> list[tuple[date, list]]:
        """Each date the rule gives, with its daylight-saving problems (usually none)."""
        problems = dict(self.time_problems)
        return [(day, list(problems.get(day, {}).values())) for day in self.rule().dates()]

    def rule(self) -> RecurrenceRule:
        data = self.cleaned_data
        return RecurrenceRule(
            frequency=data["frequency"], interval=data["interval"], weekday=data["weekday"],
            week_of_month=data.get("week_of_month") or None, start_date=data["start_date"],
            count=data["count"], skip=tuple(data["skip_dates"]),
        )


def dates_with_time_problems(dates, start_time, end_time, time_zone) -> list[tuple[date, dict]]:
    """The ``dates`` on which ``start_time`` or ``end_time`` does not exist or occurs twice in
    ``time_zone``, each with its problems (see ``sessions.localtime``)."""
    found = []
    for day in dates:
        problems = check_session_times(day, start_time, end_time, time_zone)
        if problems:
            found.append((day, problems))
    return found
