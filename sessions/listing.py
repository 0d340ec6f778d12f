"""The session programme listing: upcoming or past sessions, filters, month view, pagination."""
from __future__ import annotations

import django_filters
from dateutil.relativedelta import relativedelta
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.filters import LenientFilterSet, listing_context
from network.models import Theme
from network.pagination import SHORT_PAGE_SIZE

from .calendars.links import subscription_links
from .forms import SessionFilterForm
from .languages import attach_texts
from .models.choices import SessionFormat
from .models.series import SessionSeries

PAST, UPCOMING = SessionFilterForm.PAST, SessionFilterForm.UPCOMING


class SessionFilter(LenientFilterSet):
    """The programme's filters, over the published sessions.

    Themes and series are checked against the lists the page loads anyway, so odd input never
    reaches a database query. The listing is always one stretch of time: a month, the past, or
    (by default) what is still to come.
    """

    # No empty choice: "upcoming" is what the listing shows without a choice.
    when = django_filters.ChoiceFilter(
        label=_("Show"), empty_label=None, method="filter_when",
        choices=[(UPCOMING, _("Upcoming sessions")), (PAST, _("Past sessions"))])
    theme = django_filters.ChoiceFilter(label=_("Theme"), field_name="themes__slug",
                                        empty_label=_("All themes"))
    series = django_filters.ChoiceFilter(label=_("Series"), field_name="series__slug",
                                         empty_label=_("All series"))
    format = django_filters.ChoiceFilter(label=_("Format"), choices=SessionFormat.choices,
                                         empty_label=_("Any format"))
    month = django_filters.CharFilter(
        label=_("Month"), max_length=7, method="filter_month",
        help_text=_("Year and month, e.g. 2026-03"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{4}-\d{2}",
                                      "placeholder": "2026-03"}))

    class Meta:
        form = SessionFilterForm

    def __init__(self, data, queryset, *, themes, series, now=None):
        super().__init__(data, queryset)
        self.now = now or timezone.now()
        self.themes = {theme.slug: theme for theme in themes}
        self.series = {one.slug: one for one in series}
        self.filters["theme"].extra["choices"] = [(s, t.localized_name) for s, t in self.themes.items()]
        self.filters["series"].extra["choices"] = [(s, o.localized_name) for s, o in self.series.items()]

    def filter_queryset(self, queryset, exclude=None):
        if not {"when", "month"} & set(self.valid_filters()):
            queryset = self.filter_when(queryset, "when", UPCOMING)
        return super().filter_queryset(queryset, exclude)

    def filter_when(self, queryset, name, value):
        if "month" in self.valid_filters():  # a month shows all of its sessions
            return queryset
        if value == PAST:
            return queryset.past(self.now).order_by("-starts_at", "-pk")
        return queryset.upcoming(self.now).order_by("starts_at", "pk")

    def filter_month(self, queryset, name, value):
        # The month of the session's own local date, as the reader sees it on the page.
        return queryset.filter(date__year=value.year, date__month=value.month).order_by(
            "starts_at", "pk")


def build_listing(request, sessions) -> dict:
    """Template context for the programme page, listing ``sessions`` (the published ones)."""
    themes = list(Theme.objects.all())
    series = list(SessionSeries.objects.all())
    filterset = SessionFilter(
        request.GET,
        sessions.with_registration_counts().select_related("series", "host_area")
        .prefetch_related("themes").defer("agenda", "join_url"),
        themes=themes, series=series)
    context = listing_context(request, filterset, per_page=SHORT_PAGE_SIZE)
    filters = context["filters"]
    # The template and the feeds want the theme and the series themselves, not their slugs.
    for name, known in (("theme", filterset.themes), ("series", filterset.series)):
        if name in filters:
            filters[name] = known[filters[name]]

    month = filters.get("month")
    feeds = [subscription_links(request, reverse("sessions:calendar_all"), _("All sessions"))]
    if "theme" in filters:
        theme = filters["theme"]
        feeds.append(subscription_links(
            request, reverse("sessions:calendar_theme", kwargs={"slug": theme.slug}),
            _("Sessions about %(theme)s") % {"theme": theme.localized_name}))
    if "series" in filters:
        one = filters["series"]
        feeds.append(subscription_links(
            request, reverse("sessions:calendar_series", kwargs={"slug": one.slug}), one.localized_name))
    return {
        **context,
        # Facts from the canonical rows; each one's title and address in the active language
        # (its translation, or the original marked with its language), from one query.
        "sessions": attach_texts(context["page_obj"].object_list),
        "showing_past": filters.get("when") == PAST and not month,
        "month": month,
        "previous_month": (month - relativedelta(months=1)) if month else None,
        "next_month": (month + relativedelta(months=1)) if month else None,
        "this_month": timezone.localdate().replace(day=1),
        "feeds": feeds,
        "theme_feeds": [(t, reverse("sessions:calendar_theme", kwargs={"slug": t.slug})) for t in themes],
        "series_feeds": [(s, reverse("sessions:calendar_series", kwargs={"slug": s.slug})) for s in series],
    }
