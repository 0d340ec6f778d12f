"""Admin integration: the series snippet with a "Generate sessions" action, and its view."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .generator import can_generate
from .models import IntervisionMethod, IntervisionRecord, SessionSeries
from .views import GenerateSeriesView


class SeriesIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_generate(self.request.user):
            buttons.append(HeaderButton(_("Generate sessions"), url=reverse("network_sessions_generate"),
                                        icon_name="date"))
        return buttons


class SessionSeriesViewSet(SnippetViewSet):
    model = SessionSeries
    icon = "date"
    menu_label = _("Session series")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "organiser"]
    list_filter = ["kind"]
    index_view_class = SeriesIndexView


register_snippet(SessionSeriesViewSet)


class IntervisionRecordViewSet(SnippetViewSet):
    """Organisers keep intervision records here. Snippet permissions decide who may open them:
    only the Organisers group (and superusers) hold them, see migration 0003."""

    model = IntervisionRecord
    icon = "clipboard-list"
    menu_label = _("Intervision records")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["__str__", "method", "confidentiality", "case_owner"]
    list_filter = ["confidentiality", "area"]
    # Records are confidential: filter in the database rather than copy them into a search index.
    search_backend_name = None
    search_fields = ["case_question", "area__name"]
    # Not previewable: records are not pages and have no public rendering to preview.


register_snippet(IntervisionRecordViewSet)


class IntervisionMethodViewSet(SnippetViewSet):
    """The list of intervision methods and their phases; editors and organisers extend it."""

    model = IntervisionMethod
    icon = "list-ol"
    menu_label = _("Intervision methods")
    menu_order = 275
    add_to_admin_menu = True
    list_display = ["name"]


register_snippet(IntervisionMethodViewSet)


@hooks.register("register_admin_urls")
def register_generator_url():
    return [path("sessions/generate/", GenerateSeriesView.as_view(), name="network_sessions_generate")]


@hooks.register("register_snippet_listing_buttons")
def series_generate_button(snippet, user, next_url=None):
    if isinstance(snippet, SessionSeries) and can_generate(user):
        yield ListingButton(_("Generate sessions"),
                            url=reverse("network_sessions_generate") + f"?series={snippet.pk}",
                            priority=20)


class GenerateMenuItem(MenuItem):
    def is_shown(self, request):
        return can_generate(request.user)


@hooks.register("register_admin_menu_item")
def generate_menu_item():
    return GenerateMenuItem(_("Generate sessions"), reverse("network_sessions_generate"),
                            icon_name="date", order=260)
