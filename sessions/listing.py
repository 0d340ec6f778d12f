"""The session programme listing: upcoming or past sessions, filters, month view, pagination."""
from __future__ import annotations

from array import array

import django_filters
from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network import memo, pagecache
from network.filters import LenientFilterSet, listing_context
from network.models import Theme
from network.pagination import SHORT_PAGE_SIZE

from .calendars.links import subscription_links
from .forms import SessionFilterForm
from .models.choices import SessionFormat
from .models.series import SessionSeries

PAST, UPCOMING = SessionFilterForm.PAST, SessionFilterForm.UPCOMING

# The filters that narrow the listing down, counted as "active" and shown as chips. "when" and
# "month" choose which stretch of time is shown: the tabs (Upcoming, Past, By month) say that.
NARROWING = ("theme", "series", "format")


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
        # A month picker where the browser has one (its value is "2026-03", and choosing a
        # month applies it at once); elsewhere a text field that takes the same.
        widget=forms.TextInput(attrs={"type": "month", "inputmode": "numeric",
                                      "pattern": r"\d{4}-\d{2}", "placeholder": "2026-03"}))

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


def _without(request, *names):
    """The listing's address with the parameters ``names`` (and the page number) left out."""
    params = request.GET.copy()
    for name in (*names, "page"):
        params.pop(name, None)
    return f"{request.path}?{params.urlencode()}" if params else request.path


def active_filters(request, filterset, filters) -> list[dict]:
    """The narrowing filters in use, for the chips above the results: dicts with ``name``,
    ``label``, ``value`` (as shown) and ``remove`` (the listing's address without it). Unlike
    the shared ``LenientFilterSet.active_filters``, the time shown (tab, month) is left out."""
    formats = dict(SessionFormat.choices)
    shown = []
    for name in NARROWING:
        if name not in filters:
            continue
        value = filters[name]
        value = formats.get(value, value) if name == "format" else value.localized_name
        shown.append({"name": name, "label": filterset.filters[name].label, "value": value,
                      "remove": _without(request, name)})
    return shown


def nearest_months(filterset, sessions, month):
    """(previous, next): the first days of the nearest months before and after ``month`` that
    have sessions matching the other filters (None where there is none). One query."""
    following = month + relativedelta(months=1)
    found = filterset.filter_queryset(sessions, exclude="month").order_by().aggregate(
        previous=Max("date", filter=Q(date__lt=month)),
        next=Min("date", filter=Q(date__gte=following)))
    return tuple(day.replace(day=1) if day else None for day in (found["previous"], found["next"]))


def listing_keys(filterset):
    """The keys of all the sessions ``filterset`` selects, in the listing's order.

    Kept per filters (network.memo.remember_tables) until a table they were read from is
    written or the next moment sessions change by the clock, when an upcoming session becomes
    past (network.pagecache.kept_next_change): counting and paging through 5,000 sessions on
    every visit was a third of the programme page (#17)."""
    criteria = tuple(sorted((name, str(value)) for name, value in filterset.valid_filters().items()))
    return memo.remember_tables(
        "sessions.listing-keys", (criteria, pagecache.kept_next_change()),
        # 8 bytes a key: a page of the listing is a slice, its length the total.
        lambda: array("q", filterset.qs.values_list("pk", flat=True)), size=32)


def build_listing(request, sessions) -> dict:
    """Template context for the programme page, listing ``sessions`` (the published ones)."""
    themes = list(Theme.objects.all())
    series = list(SessionSeries.objects.all())
    filterset = SessionFilter(request.GET, sessions, themes=themes, series=series)
    # Keys only: the cards are kept as markup (sessions.cards).
    context = listing_context(request, filterset, per_page=SHORT_PAGE_SIZE,
                              keys=listing_keys(filterset))
    filters = context["filters"]
    # The template and the feeds want the theme and the series themselves, not their slugs.
    for name, known in (("theme", filterset.themes), ("series", filterset.series)):
        if name in filters:
            filters[name] = known[filters[name]]

    month = filters.get("month")
    active = active_filters(request, filterset, filters)
    # An empty month points to the nearest months that have sessions (only then: one query).
    previous_with, next_with = (nearest_months(filterset, sessions, month)
                                if month and not context["total"] else (None, None))
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
        # The cards show facts from the canonical rows, each one's title and address in the
        # active language (its translation, or the original marked with its language).
        "session_keys": list(context["page_obj"].object_list),
        "showing_past": filters.get("when") == PAST and not month,
        "month": month,
        "active_filters": active,
        "active_count": len(active),
        "clear_url": _without(request, *NARROWING),
        "previous_with_sessions": previous_with,
        "next_with_sessions": next_with,
        "previous_month": (month - relativedelta(months=1)) if month else None,
        "next_month": (month + relativedelta(months=1)) if month else None,
        "this_month": timezone.localdate().replace(day=1),
        "feeds": feeds,
        "theme_feeds": [(t, reverse("sessions:calendar_theme", kwargs={"slug": t.slug})) for t in themes],
        "series_feeds": [(s, reverse("sessions:calendar_series", kwargs={"slug": s.slug})) for s in series],
    }
