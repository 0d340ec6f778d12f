"""Admin registration of the network's core snippets, with search and filters in listings,
plus the directory's import/export and personal-data views."""
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import account as account_views
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.users.views import users as user_views

from . import admin_views, hub, personal_data
from .forms import AccountEmailForm, UserCreationForm, UserEditForm
from .ids import is_valid_id
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
    search_fields = ["name", "name_nl", "name_da", "search_terms"]


class MemberAreaViewSet(DirectoryViewSet):
    model = MemberArea
    icon = "site"
    menu_label = _("Member areas")
    list_display = ["name", "municipality", "country", "region", "kind", "membership_status"]
    list_filter = ["country", "kind", "membership_status", "organisation_model", "population_band"]
    search_fields = ["name", "name_nl", "name_da", "slug", "municipality", "region"]


class OrganisationViewSet(DirectoryViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "area"]
    list_filter = ["kind", "area"]
    search_fields = ["name"]


#: Holding it makes a user a keeper of the directory (organisers, superusers): they list,
#: search and open every person, with contact details. Nobody else gets the people admin.
PEOPLE_ADMIN_PERMISSION = "network.view_person"


def choosable_people(user):
    """The people ``user`` may pick in the admin's person chooser (a case study's contact).

    Keepers of the directory pick anyone; contributors and editors only people listed in
    the directory, as members see them on the site: someone who opted out is not offered,
    not even by name.
    """
    people = Person.objects.all()
    return people if user.has_perm(PEOPLE_ADMIN_PERMISSION) else people.in_directory()


def _ids(values):
    """The well-formed ids among ``values`` (from the query string or the URL)."""
    ids = (int(value) for value in map(str, values) if value.isascii() and value.isdigit())
    return [value for value in ids if is_valid_id(value)]


class ChoosablePeopleMixin:
    def get_object_list(self):
        return choosable_people(self.request.user)


class PersonChooseView(ChoosablePeopleMixin, ChooseView):
    pass


class PersonChooseResultsView(ChoosablePeopleMixin, ChooseResultsView):
    pass


class PersonChosenView(SnippetChosenView):
    def get_object(self, pk):
        # A person the user may not choose is a 404, like a person who does not exist.
        return choosable_people(self.request.user).get(pk__in=_ids([pk])[:1])


class PersonChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return choosable_people(self.request.user).filter(pk__in=_ids(pks))


class PersonChooserViewSet(SnippetChooserViewSet):
    """The chooser lists names only (``str(person)``): never contact details."""

    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView


class PersonViewSet(DirectoryViewSet):
    """People, with their contact details, for the keepers of the directory only: the listing,
    search, edit and inspect views need ``network.view_person`` or more (organisers; see
    network/permissions.py). Contributors and editors only choose contacts for their case
    studies, through ``PersonChooserViewSet``."""

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "email", "listed_in_directory"]
    list_filter = ["role", "listed_in_directory", "areas", "expertise"]
    search_fields = ["name", "email", "job_title"]
    chooser_viewset_class = PersonChooserViewSet


class PersonDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of people: Wagtail would list every requested person by name, as "no
    permission", to any admin user; here only people the user may choose appear at all."""

    models = [Person]

    def get_queryset(self, model, object_ids):
        return list(choosable_people(self.request.user).filter(pk__in=_ids(object_ids)))


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
# After Wagtail's own snippet bulk actions (registered later, by wagtail.snippets), so that this
# one replaces the generic delete for people.
hooks.register("register_bulk_action", PersonDeleteBulkAction, order=100)


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


# --- Locked logins (#14): organisers and superusers lift locks under Settings.

class LockedAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_unlock(request.user)


@hooks.register("register_admin_urls")
def register_locked_accounts_url():
    return [path("locked-accounts/", admin_views.LockedAccountsView.as_view(),
                 name="network_locked_accounts")]


@hooks.register("register_settings_menu_item")
def register_locked_accounts_menu_item():
    return LockedAccountsMenuItem(_("Locked accounts"), reverse("network_locked_accounts"),
                                  name="locked-accounts", icon_name="lock", order=900)


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
# The home hero's last button: how to join for visitors, the people listing for members.
hub.hero_action(_("Become a member"), hub.page_link("about"), order=30, audience=hub.ANONYMOUS)
hub.hero_action(_("Find a colleague"), "people_index", order=30, audience=hub.MEMBERS)


# --- e-mail addresses of accounts (network/identity.py) --------------------------------------
# Every admin form that sets User.email refuses an address another account uses, and sends a
# confirmation link to a new one: nothing is matched on an address until it is confirmed.


class AccountEmailSettingsPanel(account_views.BaseSettingsPanel):
    """The account page's e-mail address, in its own panel beside Wagtail's name panel (which
    no longer shows the address: ``WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False``)."""

    name = "email"
    title = _("Email")
    order = 110
    form_class = AccountEmailForm

    def get_form(self):
        kwargs = {"instance": self.user, "prefix": self.name, "request": self.request}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


@hooks.register("register_account_settings_panel")
def register_account_email_panel(request, user, profile):
    return AccountEmailSettingsPanel(request, user, profile)


class _RequestFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class UserCreateView(_RequestFormMixin, user_views.CreateView):
    pass


class UserEditView(_RequestFormMixin, user_views.EditView):
    pass


class UserViewSet(user_views.UserViewSet):
    """Wagtail's user admin with our create and edit forms (named as ``user_viewset`` by
    ``network.apps.WagtailUsersConfig``, the Wagtail 6+ way to customise these forms)."""

    add_view_class = UserCreateView
    edit_view_class = UserEditView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
