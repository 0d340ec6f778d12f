"""Admin hooks that keep contributors to case studies about their own member areas.

Wagtail's page permissions (granted on the library page by ``roles.setup_library``) decide
*what* a contributor may do: add and edit, not publish. These hooks decide *which* case
studies: only those whose areas include one of the contributor's own.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail import hooks

from . import roles
from .models import CaseStudyIndexPage, CaseStudyPage


def _check(request, page):
    if not roles.may_work_on(request.user, page):
        raise PermissionDenied


@hooks.register("before_edit_page")
def limit_edit_to_own_areas(request, page):
    _check(request, page)


@hooks.register("before_delete_page")
def limit_delete_to_own_areas(request, page):
    _check(request, page)


@hooks.register("before_copy_page")
def limit_copy_to_own_areas(request, page):
    _check(request, page)


@hooks.register("before_move_page")
def limit_move_to_own_areas(request, page, destination):
    _check(request, page)


@hooks.register("before_unpublish_page")
def limit_unpublish_to_own_areas(request, page):
    _check(request, page)


@hooks.register("before_create_page")
def contributors_need_an_area(request, parent_page, page_class):
    """A contributor may only add case studies, and only once linked to a member area."""
    user = request.user
    if roles.is_area_scoped(user):
        if page_class is not CaseStudyPage or not roles.own_area_ids(user):
            raise PermissionDenied


@hooks.register("before_bulk_action")
def limit_bulk_actions_to_own_areas(request, action_type, objects, action_class_instance):
    if action_type == "page":
        for page in objects:
            _check(request, page)


@hooks.register("construct_explorer_page_queryset")
def hide_other_areas_in_explorer(parent_page, pages, request):
    """Contributors see the library's case studies of their own areas (and their own drafts)."""
    user = request.user
    if not roles.is_area_scoped(user) or not isinstance(parent_page.specific_deferred,
                                                        CaseStudyIndexPage):
        return pages
    visible = CaseStudyPage.objects.child_of(parent_page).filter(
        Q(areas__in=roles.own_area_ids(user)) | Q(owner=user)).values("pk")
    return pages.filter(pk__in=visible)
