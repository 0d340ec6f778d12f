"""Admin view of the sessions app: generate a series' draft sessions from a rule."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_forms import SeriesGeneratorForm
from .generator import can_generate, create_drafts, programme_page
from .models import SessionSeries


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
                         % {"count": len(pages), "series": data["series"].localized_name})
        return redirect("wagtailadmin_explore", self.index.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index"] = self.index
        return context
