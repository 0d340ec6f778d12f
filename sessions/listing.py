"""The session programme listing: upcoming or past sessions, filters, month view, pagination."""
from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import Theme
from network.views import paginate

from .forms import SessionFilterForm
from .links import subscription_links
from .models import SessionPage, SessionSeries

PAGE_SIZE = 12


def filtered_sessions(filters: dict, now=None):
    """The public sessions matching ``filters`` (as SessionFilterForm.valid_filters gives)."""
    now = now or timezone.now()
    sessions = SessionPage.objects.published()
    if "theme" in filters:
        sessions = sessions.filter(themes=filters["theme"])
    if "series" in filters:
        sessions = sessions.filter(series=filters["series"])
    if "format" in filters:
        sessions = sessions.filter(format=filters["format"])
    month = filters.get("month")
    if month:
        # The month of the session's own local date, as the reader sees it on the page.
        return sessions.filter(date__year=month.year, date__month=month.month).order_by(
            "starts_at", "pk")
    if filters.get("when") == SessionFilterForm.PAST:
        return sessions.past(now).order_by("-starts_at", "-pk")
    return sessions.upcoming(now).order_by("starts_at", "pk")


def build_listing(request, index_page) -> dict:
    """Template context for the programme page."""
    themes = list(Theme.objects.all())
    series = list(SessionSeries.objects.all())
    form = SessionFilterForm(request.GET or None, themes=themes, series=series)
    filters = form.valid_filters() if request.GET else {}
    sessions = (filtered_sessions(filters).with_registration_counts()
                .select_related("series", "host_area")
                .prefetch_related("themes")
                .defer("agenda", "join_url"))
    page = paginate(request, sessions, per_page=PAGE_SIZE)

    month = filters.get("month")
    feeds = [subscription_links(request, reverse("sessions:calendar_all"), _("All sessions"))]
    if "theme" in filters:
        theme = filters["theme"]
        feeds.append(subscription_links(
            request, reverse("sessions:calendar_theme", kwargs={"slug": theme.slug}),
            _("Sessions about %(theme)s") % {"theme": theme.name}))
    if "series" in filters:
        one = filters["series"]
        feeds.append(subscription_links(
            request, reverse("sessions:calendar_series", kwargs={"slug": one.slug}), one.name))
    return {
        "form": form,
        "filters": filters,
        "ignored": form.ignored_labels() if request.GET else [],
        "page_obj": page,
        "sessions": page.object_list,
        "total": page.paginator.count,
        "showing_past": filters.get("when") == SessionFilterForm.PAST and not month,
        "month": month,
        "previous_month": (month - relativedelta(months=1)) if month else None,
        "next_month": (month + relativedelta(months=1)) if month else None,
        "this_month": timezone.localdate().replace(day=1),
        "feeds": feeds,
        "theme_feeds": [(t, reverse("sessions:calendar_theme", kwargs={"slug": t.slug})) for t in themes],
        "series_feeds": [(s, reverse("sessions:calendar_series", kwargs={"slug": s.slug})) for s in series],
    }
