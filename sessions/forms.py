"""Forms of the sessions app: listing filters, the series generator and signing up."""
from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import MemberArea, Theme

from .localtime import check_session_times
from .models import TIME_ZONE_CHOICES, SessionFormat, SessionSeries
from .recurrence import MONTHLY, WEEKDAYS, WEEKLY, RecurrenceRule

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class SessionFilterForm(forms.Form):
    """Listing filters. Every field is optional; invalid values are reported and ignored.

    Choices are plain slugs checked against the known values, so odd input (very long strings,
    NUL bytes, lists) never reaches a database query.
    """

    UPCOMING, PAST = "upcoming", "past"

    when = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[(UPCOMING, _("Upcoming sessions")), (PAST, _("Past sessions"))])
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    series = forms.ChoiceField(label=_("Series"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", _("Any format"))] + SessionFormat.choices)
    month = forms.CharField(label=_("Month"), required=False, max_length=7,
                            help_text=_("Year and month, e.g. 2026-03"),
                            widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                          "pattern": r"\d{4}-\d{2}",
                                                          "placeholder": "2026-03"}))

    def __init__(self, *args, themes=None, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.all() if themes is None else themes
        series = SessionSeries.objects.all() if series is None else series
        self.theme_objects = {t.slug: t for t in themes}
        self.series_objects = {s.slug: s for s in series}
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (slug, t.name) for slug, t in self.theme_objects.items()]
        self.fields["series"].choices = [("", _("All series"))] + [
            (slug, s.name) for slug, s in self.series_objects.items()]

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = _MONTH_RE.match(value)
        if not match or not (1 <= int(match[2]) <= 12) or not (2000 <= int(match[1]) <= 2100):
            raise forms.ValidationError(_("Give a month as year-month, e.g. 2026-03."))
        return date(int(match[1]), int(match[2]), 1)

    def valid_filters(self) -> dict:
        """The cleaned values of the fields that were valid, ignoring the rest."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items()
                  if value not in (None, "") and name not in self.errors}
        if "theme" in values:
            values["theme"] = self.theme_objects[values["theme"]]
        if "series" in values:
            values["series"] = self.series_objects[values["series"]]
        return values

    def ignored_labels(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors]


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


class RegistrationForm(forms.Form):
    """Signing up for a session: who you are and which member area (centre) you come for."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             help_text=_("We send the confirmation, the join link and any "
                                         "changes here."))
    area = forms.ModelChoiceField(label=_("Your member area"), queryset=MemberArea.objects.none(),
                                  empty_label=_("Choose your centre"),
                                  error_messages={"invalid_choice": _(
                                      "Choose a member area from the list.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = MemberArea.objects.in_directory().order_by("name")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Tell us your name."))
        return name

    @classmethod
    def initial_for(cls, user):
        """Name, e-mail and area of the logged-in member's directory entry, to prefill."""
        if user is None or not user.is_authenticated:
            return {}
        person = getattr(user, "person", None)
        initial = {"email": user.email, "name": user.get_full_name()}
        if person is not None:
            initial["name"] = person.name
            initial["email"] = user.email or person.email
            area = person.areas.order_by("name").first()
            if area is not None:
                initial["area"] = area.pk
        return {key: value for key, value in initial.items() if value}
