"""Views of the sessions app: calendar feeds (public) and the series generator (admin)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from network.models import Theme

from . import feeds
from .forms import SeriesGeneratorForm
from .generator import can_generate, create_drafts, programme_page
from .models import FeedTombstone, SessionPage, SessionSeries

MAX_ID = 2**63 - 1
# How long shared caches may keep a feed; clients revalidate cheaply with ETag afterwards.
FEED_CACHE_SECONDS = 900


def serve_feed(request, feed: feeds.Feed, *, attachment=False) -> HttpResponse:
    """Answer with the feed, or 304 if the client's copy is current.

    The validators come from one small query; the feed is built only when it must be sent.
    """
    etag = feed.etag(request)
    last_modified = feed.last_modified()
    response = get_conditional_response(
        request, etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None)
    if response is None:
        response = HttpResponse(feed.render(request), content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{feed.filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    if feed.private:
        response["Cache-Control"] = f"private, max-age={FEED_CACHE_SECONDS}"
        response["X-Robots-Tag"] = "noindex, nofollow"
    else:
        response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response


@require_safe
def session_feed(request):
    """All public sessions of the past twelve months and the future."""
    return serve_feed(request, feeds.all_sessions_feed())


@require_safe
def theme_feed(request, slug):
    """The public sessions about one theme; unknown theme: 404."""
    return serve_feed(request, feeds.theme_feed(get_object_or_404(Theme, slug=slug)))


@require_safe
def series_feed(request, slug):
    """The public sessions of one series; unknown series: 404."""
    return serve_feed(request, feeds.series_feed(get_object_or_404(SessionSeries, slug=slug)))


@require_safe
def session_ics(request, pk):
    """One live, public session as an .ics file (drafts and private sessions: 404)."""
    if pk > MAX_ID:
        # SQLite cannot even compare such numbers; no page has such an id anyway.
        raise Http404
    session = SessionPage.objects.published().filter(pk=pk).first()
    if session is None:
        # A deleted or unpublished session is kept as cancelled for a while (feed_history.py).
        tombstone = get_object_or_404(FeedTombstone, session_id=pk)
        return serve_feed(request, feeds.withdrawn_session_feed(tombstone), attachment=True)
    return serve_feed(request, feeds.single_session_feed(session), attachment=True)


class GenerateSeriesView(WagtailAdminTemplateMixin, FormView):
    """Admin: preview the dates a rule gives, then create them as draft sessions.

    The first submit ("Preview") only shows the dates; the organiser confirms with "Create".
    Only users who may add sessions under the programme page get here.
    """

    form_class = SeriesGeneratorForm
    template_name = "sessions/admin/generate_series.html"
    page_title = gettext_lazy("Generate sessions")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not can_generate(request.user):
            raise PermissionDenied
        self.index = programme_page()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_network_sessions_sessionseries:list"),
             "label": _("Session series")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        initial = super().get_initial()
        series_id = self.request.GET.get("series", "")
        if series_id.isascii() and series_id.isdigit() and len(series_id) < 10:
            initial["series"] = SessionSeries.objects.filter(pk=int(series_id)).first()
        return initial

    def form_valid(self, form):
        rule = form.rule()
        if self.request.POST.get("action") != "create":
            return self.render_to_response(self.get_context_data(
                form=form, preview=rule.dates(), skipped=rule.skipped(),
                unused_skips=rule.unused_skips()))
        data = form.cleaned_data
        pages = create_drafts(index=self.index, series=data["series"], title=data["title"],
                              dates=rule.dates(), start_time=data["start_time"],
                              end_time=data["end_time"], time_zone=data["time_zone"],
                              format=data["format"], user=self.request.user)
        messages.success(self.request, _("%(count)d draft sessions created for “%(series)s”.")
                         % {"count": len(pages), "series": data["series"].name})
        return redirect("wagtailadmin_explore", self.index.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index"] = self.index
        return context
