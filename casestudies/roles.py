"""Who may write and publish case studies: contributors, network editors and the review workflow.

* **Case study contributors** (people of a member area) may add and edit case studies in the
  library, but only about their own area(s), and cannot publish: saving sends nothing live,
  "Submit for review" starts the *Editorial review* workflow.
* **Network editors** review, comment, approve (which publishes) or ask for changes, and may
  edit and publish any case study.

Wagtail's page permissions cannot express "only pages about my area", so the area rule is
enforced by the hooks in ``wagtail_hooks.py`` using the helpers below.
"""
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from network.media import shared_media_collection

CONTRIBUTORS = "Case study contributors"
EDITORS = "Network editors"
WORKFLOW = "Editorial review"
REVIEW_TASK = "Review by network editors"

# Page permissions on the library page (and so on every case study under it).
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
                           "bulk_delete_page"]
# Model permissions: admin access, choosing people for the contacts, uploading pictures/files.
CONTRIBUTOR_PERMISSIONS = [("wagtailadmin", "admin", "access_admin"),
                           ("network", "person", "view_person")]
EDITOR_PERMISSIONS = CONTRIBUTOR_PERMISSIONS
CONTRIBUTOR_COLLECTION_PERMISSIONS = [("wagtailimages", "image", "add_image"),
                                      ("wagtailimages", "image", "choose_image"),
                                      ("wagtaildocs", "document", "add_document"),
                                      ("wagtaildocs", "document", "choose_document")]
EDITOR_COLLECTION_PERMISSIONS = CONTRIBUTOR_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "image", "change_image"),
    ("wagtaildocs", "document", "change_document"),
]


def _group_names(user):
    # Cached on the user object: the hooks ask several times per admin request.
    if not hasattr(user, "_casestudy_group_names"):
        user._casestudy_group_names = set(user.groups.values_list("name", flat=True))
    return user._casestudy_group_names


def is_area_scoped(user):
    """True for contributors whose case-study rights are limited to their own member areas.

    Superusers and network editors are never limited, even if they are contributors too.
    """
    if not user or not user.is_authenticated or user.is_superuser:
        return False
    names = _group_names(user)
    return CONTRIBUTORS in names and EDITORS not in names


def own_area_ids(user):
    """Primary keys of the member areas of the directory person linked to ``user``."""
    if not hasattr(user, "_casestudy_area_ids"):
        from network.models import MemberArea

        user._casestudy_area_ids = set(
            MemberArea.objects.filter(people__user=user).values_list("pk", flat=True))
    return user._casestudy_area_ids


def case_area_ids(page):
    """The member areas of the newest version of a case study (draft included)."""
    latest = page.get_latest_revision_as_object() if page.pk else page
    return {area.pk for area in latest.areas.all()}


def may_work_on(user, page):
    """Whether ``user`` may edit/delete/move/copy ``page`` as far as areas are concerned.

    Not-area-scoped users are left to Wagtail's own permissions. Contributors may work on
    a case study only if one of its areas is theirs, and never on the library page itself.
    """
    from .models import CaseStudyPage

    if not is_area_scoped(user):
        return True
    page = page.specific_deferred
    if not isinstance(page, CaseStudyPage):
        return False
    return bool(case_area_ids(page) & own_area_ids(user))


def _permissions(triples):
    found = []
    for app_label, model, codename in triples:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename})
        found.append(permission)
    return found


@transaction.atomic
def setup_library(library):
    """Groups, permissions and the review workflow for a case-study library. Idempotent.

    Runs when a library page is created (see ``signals.py``) and from the demo command.
    """
    from wagtail.models import (
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    contributors, _created = Group.objects.get_or_create(name=CONTRIBUTORS)
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    contributors.permissions.add(*_permissions(CONTRIBUTOR_PERMISSIONS))
    editors.permissions.add(*_permissions(EDITOR_PERMISSIONS))

    # On "Shared media", not the root: restricted collections beside it stay out of reach.
    shared = shared_media_collection()
    for group, triples in ((contributors, CONTRIBUTOR_COLLECTION_PERMISSIONS),
                           (editors, EDITOR_COLLECTION_PERMISSIONS)):
        for permission in _permissions(triples):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=shared, permission=permission)

    page_ct = ContentType.objects.get(app_label="wagtailcore", model="page")
    for group, codenames in ((contributors, CONTRIBUTOR_PAGE_PERMISSIONS),
                             (editors, EDITOR_PAGE_PERMISSIONS)):
        for codename in codenames:
            permission = Permission.objects.get(content_type=page_ct, codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=library,
                                                      permission=permission)

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    if not task.groups.filter(pk=editors.pk).exists():
        task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Only assign our workflow if the library has none of its own yet: an admin's later
    # choice in Settings > Workflows is respected.
    WorkflowPage.objects.get_or_create(page=library, defaults={"workflow": workflow})
    return {"contributors": contributors, "editors": editors, "workflow": workflow}
