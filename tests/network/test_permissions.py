"""The one permissions step: every app's declared groups, collections and permissions exist after
``migrate`` (test databases are created by migrating), running it again changes nothing, and an
app plugs in by naming its module in its AppConfig."""
import sys
import types

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.permissions import policy_registry

from network import permissions
from network.models import StandardPage
from network.permissions import ORGANISERS, CollectionSpec, Grant, crud
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def has(group, dotted):
    app_label, codename = dotted.split(".")
    return Group.objects.get(name=group).permissions.filter(
        content_type__app_label=app_label, codename=codename).exists()


def declared_grants():
    return [grant for module in permissions.declarations() for grant in module.GRANTS]


def snapshot():
    """Everything the step creates, counted."""
    return {model.__name__: model.objects.count()
            for model in (Group, Group.permissions.through, Collection, CollectionViewRestriction,
                          GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage)}


def test_organisers_may_keep_the_directory_after_migrate():
    for dotted in ("wagtailadmin.access_admin", "network.change_person", "network.add_memberarea",
                   "network.delete_organisation", "network.view_theme"):
        assert has(ORGANISERS, dotted), dotted


def test_every_declared_model_and_collection_permission_exists_after_migrate():
    grants = declared_grants()
    assert len({grant.group for grant in grants}) >= 3  # the hub's and at least two apps'
    for grant in grants:
        for dotted in grant.permissions:
            assert has(grant.group, dotted), (grant.group, dotted)
        for dotted in grant.collection_permissions:
            assert GroupCollectionPermission.objects.filter(
                group__name=grant.group, collection__name=grant.collection,
                permission__codename=dotted.split(".")[1]).exists(), (grant.group, dotted)


def test_a_new_page_of_a_declared_type_gets_its_page_permissions(home_page):
    page_grants = [grant for grant in declared_grants() if grant.page_type]
    assert page_grants
    pages = {}
    for page_type in {grant.page_type for grant in page_grants}:
        model = apps.get_model(page_type)
        pages[page_type] = home_page.add_child(
            instance=model(title=f"New {model.__name__}", slug=f"new-{model.__name__.lower()}"))
    for grant in page_grants:
        page = pages[grant.page_type]
        granted = set(GroupPagePermission.objects.filter(group__name=grant.group, page=page)
                      .values_list("permission__codename", flat=True))
        assert set(grant.page_permissions) <= granted, grant


def test_running_the_step_again_changes_nothing(home_page):
    # With the pages the page grants are for, so those are counted too.
    for grant in declared_grants():
        if grant.page_type:
            model = apps.get_model(grant.page_type)
            if not model.objects.exists():
                home_page.add_child(instance=model(title=model.__name__,
                                                   slug=model.__name__.lower()))
    before = snapshot()
    assert before["GroupPagePermission"] > 0 and before["Workflow"] > 0
    permissions.apply_grants()
    permissions.apply_grants()
    assert snapshot() == before


def test_migrate_again_changes_nothing():
    before = snapshot()
    call_command("migrate", verbosity=0)
    assert snapshot() == before


@pytest.fixture
def plugin(monkeypatch):
    """An app that declares a group, a restricted collection and grants on standard pages."""
    module = types.ModuleType("plugin_permissions")
    module.COLLECTIONS = [CollectionSpec("Plug-in files", view_groups=("Plug-in keepers",))]
    module.GRANTS = [
        Grant("Plug-in keepers", permissions=crud("network", "theme", actions=("view",)),
              collection="Plug-in files", collection_permissions=("wagtaildocs.add_document",),
              page_type="network.StandardPage", page_permissions=("change_page",)),
    ]
    monkeypatch.setitem(sys.modules, "plugin_permissions", module)
    monkeypatch.setattr(apps.get_app_config("wagtaildocs"), "permissions_module",
                        "plugin_permissions", raising=False)
    return module


def test_an_app_plugs_in_by_naming_its_module(plugin, home_page):
    page = home_page.add_child(instance=StandardPage(title="About", slug="about-plugin"))
    permissions.apply_grants()
    assert has("Plug-in keepers", "network.view_theme")
    collection = Collection.objects.get(name="Plug-in files")
    assert collection.get_parent() == Collection.get_first_root_node()
    restriction = collection.view_restrictions.get()
    assert list(restriction.groups.values_list("name", flat=True)) == ["Plug-in keepers"]
    assert GroupCollectionPermission.objects.filter(
        group__name="Plug-in keepers", collection=collection,
        permission=Permission.objects.get(codename="add_document")).exists()
    assert GroupPagePermission.objects.filter(group__name="Plug-in keepers", page=page).exists()
    # The home page is of another type: no grant there.
    assert not GroupPagePermission.objects.filter(group__name="Plug-in keepers",
                                                  page=Page.objects.get(pk=home_page.pk)).exists()


def test_new_pages_of_undeclared_types_get_nothing(home_page):
    before = GroupPagePermission.objects.count()
    home_page.add_child(instance=StandardPage(title="Plain", slug="plain"))
    assert GroupPagePermission.objects.count() == before


def test_no_group_holds_rights_on_the_root_collection_so_restricted_collections_stay_closed():
    """Wagtail's migrations give its default Editors and Moderators document rights on the root
    collection, which every collection below inherits, intervision attachments included. After
    migrate they hold them on "Shared media" instead, and cannot reach the attachments."""
    permission_policy = policy_registry.get_by_type(get_document_model())
    root = Collection.get_first_root_node()
    assert not GroupCollectionPermission.objects.filter(collection=root).exists()
    attachments = Collection.objects.get(name="Intervision attachments")
    for name in ("Editors", "Moderators"):
        user = UserFactory(username=f"wagtail-{name.lower()}", is_staff=True)
        user.groups.add(Group.objects.get(name=name))
        usable = set(permission_policy.collections_user_has_permission_for(user, "choose"))
        assert Collection.objects.get(name="Shared media") in usable  # they keep their work
        assert attachments not in usable

    # Run again, as after every migrate: nothing comes back on the root, nothing is doubled.
    before = GroupCollectionPermission.objects.count()
    permissions.apply_grants()
    assert GroupCollectionPermission.objects.count() == before
    assert not GroupCollectionPermission.objects.filter(collection=root).exists()
