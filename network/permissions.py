"""Groups, collections and permissions: each app declares its own, one step creates them all.

An app that needs groups or permissions names a module in its ``AppConfig``::

    permissions_module = "<app>.permissions"

and that module declares, with the classes below:

* ``GRANTS``: a list of :class:`Grant` (a group and what it may do: model permissions,
  permissions on a collection, permissions on every page of one page type);
* ``COLLECTIONS`` (optional): a list of :class:`CollectionSpec`, for collections that need a
  view restriction (collections named only by a grant are created without one);
* ``set_up_page(page)`` (optional): called after the grants for every page of a type named in
  ``GRANTS`` (e.g. to give a library its review workflow);
* ``REVOKED`` (optional): a list of :class:`Grant` whose model ``permissions`` an earlier
  release granted and the group must no longer hold (taken away at every run).

:func:`apply_grants` creates all of it and is idempotent. It runs after every ``migrate``
(``post_migrate``, connected in ``NetworkConfig.ready``; tests create their databases by
migrating, so it runs there too) and, for the page grants, whenever a page of a declared type
is created (``post_save``), since such pages (a library, a programme) are added later by the
demo or by an editor. The hub never names the apps: it reads ``permissions_module`` of every
installed app.

Grants are added, never removed: a permission an admin takes away from a group in the admin
comes back at the next ``migrate`` if it is still declared here. Change the declaration instead,
and to withdraw a permission from existing databases, declare it in ``REVOKED``.
"""
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
)

from network.media import SHARED_MEDIA, child_collection

#: The network coordinators: they keep the directory, the programme and the records.
ORGANISERS = "Organisers"
#: The network's editors: they review contributions and keep shared vocabularies (several apps
#: grant them permissions, so the name lives in the hub).
EDITORS = "Network editors"


@dataclass(frozen=True)
class Grant:
    """What one group may do. Permissions are written ``"app_label.codename"``.

    ``collection_permissions`` apply to the collection named ``collection`` (a child of the
    root, created if missing). ``page_permissions`` (codenames of ``wagtailcore.page``, such as
    ``"add_page"``) apply to every page of the type ``page_type`` (``"app_label.ModelName"``).
    """

    group: str
    permissions: tuple = ()
    collection: str = ""
    collection_permissions: tuple = ()
    page_type: str = ""
    page_permissions: tuple = ()


@dataclass(frozen=True)
class CollectionSpec:
    """A collection under the root; with ``view_groups``, only those groups may view its media."""

    name: str
    view_groups: tuple = ()


def crud(app_label, *models, actions=("add", "change", "delete", "view")):
    """``"app_label.<action>_<model>"`` for every action and model: Django's model permissions."""
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


# The hub's own grants.
GRANTS = [
    Grant(ORGANISERS,
          permissions=("wagtailadmin.access_admin",)
          + crud("network", "memberarea", "organisation", "person", "theme")),
    # Pages in three languages (#15): organisers translate their sessions, editors the rest,
    # with wagtail-localize (docs/languages.md).
    Grant(ORGANISERS, permissions=("wagtail_localize.submit_translation",)),
    Grant(EDITORS, permissions=("wagtail_localize.submit_translation",)),
]


def declarations():
    """The permissions modules of the installed apps, in ``INSTALLED_APPS`` order.

    Each must define ``GRANTS`` (the hub reads it without checking)."""
    names = [getattr(config, "permissions_module", None)
             for config in global_apps.get_app_configs()]
    return [import_module(name) for name in names if name]


# Permissions that an app's data migration creates on a content type of no model: ``flush``
# (a backup restore) deletes them and no migration runs again, so they are made here.
MIGRATION_MADE_PERMISSIONS = {
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    permission = Permission.objects.filter(content_type__app_label=app_label,
                                           codename=codename).first()
    if permission is None and dotted in MIGRATION_MADE_PERMISSIONS:
        model, name = MIGRATION_MADE_PERMISSIONS[dotted]
        content_type = ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
        permission = Permission.objects.create(content_type=content_type, codename=codename,
                                               name=name)
    if permission is None:
        raise Permission.DoesNotExist(f"No permission {dotted}")
    return permission


def _group(name):
    return Group.objects.get_or_create(name=name)[0]


def _set_up_collection(spec):
    collection = child_collection(spec.name)
    if spec.view_groups and not collection.view_restrictions.exists():
        # Only when there is none yet: an admin's later change to the restriction is kept.
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.set([_group(name) for name in spec.view_groups])
    return collection


def _grant_on_pages(grant, pages):
    group = _group(grant.group)
    permissions = [_permission(f"wagtailcore.{codename}") for codename in grant.page_permissions]
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _pages_of(page_type):
    return global_apps.get_model(page_type).objects.all()


@transaction.atomic
def apply_grants():
    """Create every declared group, collection and permission. Safe to run any number of times."""
    modules = declarations()
    for module in modules:
        for spec in getattr(module, "COLLECTIONS", ()):
            _set_up_collection(spec)
    for module in modules:
        for grant in module.GRANTS:
            group = _group(grant.group)
            group.permissions.add(*[_permission(dotted) for dotted in grant.permissions])
            if grant.collection_permissions:
                collection = child_collection(grant.collection)
                for dotted in grant.collection_permissions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=_permission(dotted))
            if grant.page_type:
                _grant_on_pages(grant, _pages_of(grant.page_type))
        for revoked in getattr(module, "REVOKED", ()):
            _group(revoked.group).permissions.remove(
                *[_permission(dotted) for dotted in revoked.permissions])
        set_up_page = getattr(module, "set_up_page", None)
        if set_up_page:
            for page_type in {grant.page_type for grant in module.GRANTS if grant.page_type}:
                for page in _pages_of(page_type):
                    set_up_page(page)
    confine_root_collection_grants()


def confine_root_collection_grants():
    """Move every group's rights on the root collection to "Shared media".

    Collection permissions are inherited down the tree, so a right on the root reaches every
    restricted collection below it (intervision attachments). Wagtail's own migrations give
    its default "Editors" and "Moderators" groups image and document rights there; they keep
    the same rights on the shared collection, where everyone's public media lives.
    """
    root = Collection.get_first_root_node()
    on_root = GroupCollectionPermission.objects.filter(collection=root)
    if root is None or not on_root.exists():
        return
    shared = child_collection(SHARED_MEDIA)
    for grant in on_root:
        GroupCollectionPermission.objects.get_or_create(
            group_id=grant.group_id, collection=shared, permission_id=grant.permission_id)
    on_root.delete()


def apply_page_grants(page):
    """The declared grants (and ``set_up_page``) for one page, if its type is declared."""
    for module in declarations():
        grants = [grant for grant in module.GRANTS if grant.page_type == page._meta.label]
        for grant in grants:
            _grant_on_pages(grant, [page])
        if grants and hasattr(module, "set_up_page"):
            module.set_up_page(page)


def _fully_migrated(using):
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def grant_after_migrate(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """``post_migrate`` receiver: run :func:`apply_grants` once every migration is applied.

    It uses the current models (Wagtail's collections are a tree that only the real model can
    grow), so it skips a ``migrate`` to an older state; ``flush`` sends no plan and leaves the
    schema as it was. Wagtail's models live in the default database, hence only that one.
    """
    if using != DEFAULT_DB_ALIAS or (plan is not None and not _fully_migrated(using)):
        return
    # Django creates content types and permissions app by app after migrating, in
    # INSTALLED_APPS order, so some apps' may not exist yet when this receiver runs.
    for config in global_apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    apply_grants()


def declared_page_models():
    """The page models named by a grant's ``page_type``."""
    return {global_apps.get_model(grant.page_type) for module in declarations()
            for grant in module.GRANTS if grant.page_type}


def grant_on_new_page(sender, instance, created=False, raw=False, **kwargs):
    """``post_save`` receiver for the declared page models: grants for a newly created page."""
    if created and not raw:
        apply_page_grants(instance)
