"""Admin integration (the records and methods as snippets) and this app's entries in the
hub's extension points (the "How intervision works" page in the main navigation, the records
an area brought on its page)."""
from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network import hub

from .admin_views import RecordChooserViewSet, RecordDeleteBulkAction
from .models import IntervisionMethod, IntervisionRecord
from .templatetags import intervision_tags


class IntervisionRecordViewSet(SnippetViewSet):
    """Organisers keep intervision records here. Snippet permissions decide who may open them:
    only the Organisers group (and superusers) hold them, see intervisions.permissions."""

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
    # The chooser ("previous record") shows only records the user may see on the site.
    chooser_viewset_class = RecordChooserViewSet
    # Not previewable: records are not pages and have no public rendering to preview.


register_snippet(IntervisionRecordViewSet)
# After Wagtail's own snippet bulk actions (registered later, by wagtail.snippets), so that
# this one replaces the generic delete for records.
hooks.register("register_bulk_action", RecordDeleteBulkAction, order=100)


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
def register_old_snippet_urls():
    """Send admin addresses from before the move out of the sessions app to the new ones.

    The snippets' addresses contain the app label, which changed from ``network_sessions``
    to ``intervisions``; bookmarks and links in old e-mails keep working this way.
    """
    return [re_path(r"^snippets/network_sessions/(?P<rest>(intervision|consent|followup)\w*/.*)$",
                    RedirectView.as_view(url="/admin/snippets/intervisions/%(rest)s", query_string=True),
                    name="intervisions_old_snippet_urls")]


# hub: "How intervision works" in the main navigation, the records an area brought on its
# page, and the records related to a session or case study on theirs (extension points of
# network/hub.py).
hub.header_link(_("Intervision"), page_slug="intervision", order=40)


@hub.area_section("intervisions/area_intervisions.html", order=30)
def area_intervisions_section(request, area):
    return intervision_tags.area_intervisions({"request": request}, area)



@hub.page_section("intervisions/related_intervisions.html", order=30)
def related_intervisions_section(request, page):
    return intervision_tags.related_intervisions({"request": request}, page)
