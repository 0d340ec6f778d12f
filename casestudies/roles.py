"""Who may write and publish case studies: contributors, network editors and the review workflow.

* **Case study contributors** (people of a member area) may add and edit case studies in the
  library, but only about their own area(s), and cannot publish: saving sends nothing live,
  "Submit for review" starts the *Editorial review* workflow.
* **Network editors** review, comment, approve (which publishes) or ask for changes, and may
  edit and publish any case study.

``GRANTS`` and ``set_up_page`` declare the groups, their permissions and the workflow; the
hub's one permissions step creates them (``network.permissions``, after ``migrate`` and when a
library page is created). Wagtail's page permissions cannot express "only pages about my
area", so ``CaseStudyPage.permissions_for_user`` narrows them with :func:`may_work_on`.
"""
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from network.media import SHARED_MEDIA
from network.models import MemberArea
from network.permissions import EDITORS, Grant

CONTRIBUTORS = "Case study contributors"
WORKFLOW = "Editorial review"
REVIEW_TASK = "Review by network editors"
LIBRARY_PAGE = "casestudies.CaseStudyIndexPage"

# Model permissions: admin access. Choosing people for the contacts needs none (the person
# chooser offers them the people listed in the directory); "view person" would open the
# directory's people admin, opted-out people and contact details included.
_MODEL_PERMISSIONS = ("wagtailadmin.access_admin",)
# Uploading and choosing pictures and files, on "Shared media", not the root: restricted
# collections beside it (such as intervision attachments) stay out of reach.
_CONTRIBUTOR_MEDIA = ("wagtailimages.add_image", "wagtailimages.choose_image",
                      "wagtaildocs.add_document", "wagtaildocs.choose_document")
_EDITOR_MEDIA = _CONTRIBUTOR_MEDIA + ("wagtailimages.change_image", "wagtaildocs.change_document")

GRANTS = [
    # Page permissions on the library page, and so on every case study under it.
    Grant(CONTRIBUTORS, permissions=_MODEL_PERMISSIONS,
          collection=SHARED_MEDIA, collection_permissions=_CONTRIBUTOR_MEDIA,
          page_type=LIBRARY_PAGE, page_permissions=("add_page", "change_page")),
    Grant(EDITORS, permissions=_MODEL_PERMISSIONS,
          collection=SHARED_MEDIA, collection_permissions=_EDITOR_MEDIA,
          page_type=LIBRARY_PAGE,
          page_permissions=("add_page", "change_page", "publish_page", "lock_page",
                            "unlock_page", "bulk_delete_page")),
]


# Granted by earlier releases: taken away from existing databases at the next ``migrate``.
REVOKED = [Grant(CONTRIBUTORS, permissions=("network.view_person",)),
           Grant(EDITORS, permissions=("network.view_person",))]


def set_up_page(library):
    """The *Editorial review* workflow (reviewed by the network editors) for ``library``.

    Only if the library has no workflow yet: an admin's later choice in Settings > Workflows
    is respected.
    """
    editors = Group.objects.get(name=EDITORS)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    if not task.groups.filter(pk=editors.pk).exists():
        task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=library, defaults={"workflow": workflow})


def _group_names(user):
    # Cached on the user object: permission checks ask several times per admin request.
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
        user._casestudy_area_ids = set(
            MemberArea.objects.filter(people__user=user).values_list("pk", flat=True))
    return user._casestudy_area_ids


def case_area_ids(case):
    """The member areas of the newest version of a case study (draft included)."""
    latest = case.get_latest_revision_as_object() if case.pk else case
    return {area.pk for area in latest.areas.all()}


def may_work_on(user, case):
    """Whether ``user`` may work on the case study ``case`` as far as areas are concerned.

    Users who are not area-scoped are left to Wagtail's own permissions. A contributor may
    work on a case about one of their areas, and on their own draft that names no area yet:
    drafts may be saved with only a title, and the form requires one of their areas before it
    can be submitted.
    """
    if not is_area_scoped(user):
        return True
    areas = case_area_ids(case)
    if not areas:
        return case.owner_id == user.pk
    return bool(areas & own_area_ids(user))
