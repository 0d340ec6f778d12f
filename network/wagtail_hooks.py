"""Admin registration of the network's core snippets, with search and filters in listings."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
    list_display = ["name", "municipality", "country", "kind", "membership_status"]
    list_filter = ["country", "kind", "membership_status", "organisation_model"]
    search_fields = ["name", "municipality", "region"]


class OrganisationViewSet(DirectoryViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PersonViewSet(DirectoryViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "listed_in_directory"]
    list_filter = ["role", "listed_in_directory"]
    search_fields = ["name", "email"]


class DirectoryGroup(SnippetViewSetGroup):
    items = (MemberAreaViewSet, OrganisationViewSet, PersonViewSet, ThemeViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryGroup)
