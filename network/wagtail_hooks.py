"""Admin registration of the network's core snippets, with search and filters in listings,
plus the directory's import/export and personal-data views."""
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, hub, personal_data
from .models import MemberArea, Organisation, Person, Theme


class DirectoryViewSet(SnippetViewSet):
    # Plain database filtering (icontains) rather than the search index: the directory is
    # small, organisers search by email too, and contact details stay out of the index.
    search_backend_name = None


class ThemeViewSet(DirectoryViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "search_terms"]


class MemberAreaViewSet(DirectoryViewSet):
    model = MemberArea
    icon = "site"
    menu_label = _("Member areas")
    list_display = ["name", "municipality", "country", "region", "kind", "membership_status"]
    list_filter = ["country", "kind", "membership_status", "organisation_model", "population_band"]
    search_fields = ["name", "slug", "municipality", "region"]


class OrganisationViewSet(DirectoryViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "area"]
    list_filter = ["kind", "area"]
    search_fields = ["name"]


class PersonViewSet(DirectoryViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "email", "listed_in_directory"]
    list_filter = ["role", "listed_in_directory", "areas", "expertise"]
    search_fields = ["name", "email", "job_title"]


class ToolsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_use_tools(request.user)


class DirectoryGroup(SnippetViewSetGroup):
    items = (MemberAreaViewSet, OrganisationViewSet, PersonViewSet, ThemeViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"

    def get_submenu_items(self):
        return super().get_submenu_items() + [
            ToolsMenuItem(_("Import and export"), reverse("network_directory_tools"),
                          name="directory-import-export", icon_name="download", order=900)]


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def register_directory_urls():
    return [
        path("directory/tools/", admin_views.DirectoryToolsView.as_view(),
             name="network_directory_tools"),
        path("directory/import/<str:kind>/", admin_views.ImportView.as_view(),
             name="network_directory_import"),
        path("directory/export/<str:kind>.csv", admin_views.export_csv,
             name="network_directory_export"),
        path("directory/people/<int:pk>/personal-data.json", admin_views.personal_data_export,
             name="network_personal_data_export"),
        path("directory/people/<int:pk>/erase/", admin_views.EraseView.as_view(),
             name="network_person_erase"),
    ]


@hooks.register("register_snippet_listing_buttons")
def person_personal_data_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Person):
        return
    if admin_views.can_export_personal_data(user):
        yield ListingButton(_("Export personal data (JSON)"),
                            url=reverse("network_personal_data_export", args=[snippet.pk]),
                            icon_name="download", priority=60)
    if admin_views.can_erase(user):
        yield ListingButton(_("Erase personal data"),
                            url=reverse("network_person_erase", args=[snippet.pk]),
                            icon_name="warning", priority=70)


@hooks.register("register_log_actions")
def register_personal_data_actions(actions):
    actions.register_action(personal_data.EXPORT_ACTION, _("Export personal data"),
                            _("Personal data exported"))
    actions.register_action(personal_data.ERASE_ACTION, _("Erase personal data"),
                            _("Personal data erased"))


@hooks.register("insert_global_admin_css")
def admin_accessibility_css():
    """Accessibility fixes to the admin's own styles (see the stylesheet)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def editor_field_labels():
    """Accessible names for the rich-text editors, tag fields and date pickers on every edit
    form (see the script), in the editor's language."""
    return format_html(
        '<script src="{}" data-previous-month="{}" data-next-month="{}" data-today="{}" '
        'data-earlier-times="{}" data-later-times="{}"></script>',
        static("js/admin-editor-labels.js"), _("Previous month"), _("Next month"), _("Today"),
        _("Earlier times"), _("Later times"))


# The hub's own entries in its extension points (network/hub.py); other apps add theirs.
hub.header_link(_("Members"), url_name="area_index", order=30)
hub.header_link(_("About"), page_slug="about", order=50)
hub.member_link(_("People"), "people_index", order=10)
hub.member_link(_("Your profile"), "account_profile", order=20)
