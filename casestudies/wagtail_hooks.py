"""Admin hooks of the case-study library: the contributors' dashboard panel and listings.

Wagtail's page permissions (granted on the library page, see ``roles.GRANTS``) decide *what* a
contributor may do: add and edit, not publish. *Which* case studies (only those of their own
member areas) is decided by ``CaseStudyPage.permissions_for_user``, so every admin view and
button follows it; the hooks below only hide other areas' cases from the explorer and keep
contributors without an area from starting a case.
"""
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, WorkflowState, get_default_page_content_type

from network import hub, memo
from network.models import MemberArea
from network.translation import LANGUAGE_AUTONYMS, active_language

from . import roles
from .models import CaseStudyIndexPage, CaseStudyPage, active_case_studies
from .templatetags import casestudy_tags


@hooks.register("before_create_page")
def contributors_need_an_area(request, parent_page, page_class):
    """A contributor may only add case studies, and only once linked to a member area.

    Not part of ``LibraryPermissionTester``: the dashboard panel shows contributors without an
    area why they cannot write yet, and it appears only where ``can_add_subpage()`` is true.
    """
    user = request.user
    if roles.is_area_scoped(user):
        if page_class is not CaseStudyPage or not roles.own_area_ids(user):
            raise PermissionDenied


@hooks.register("before_create_page")
def remember_chosen_area(request, parent_page, page_class):
    """Note the area chosen with ``?area=<pk>``, which CaseStudyPageForm then ticks.

    The dashboard's "Write a case study about <area>" links add it; the form offers only the
    user's own areas, so any other value is ignored there.
    """
    try:
        request.user._casestudy_new_case_area = int(request.GET["area"])
    except (KeyError, ValueError):
        pass


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


class ContributionsPanel(Component):
    """Dashboard panel: "Write a case study about <area>" and the user's own case studies.

    Shown to users who may add case studies to the library. Contributors get one action per
    member area they may write about; others (editors) one general action. The list holds
    the case studies the user owns or last revised, newest first, with their review state; it
    takes the same number of queries however many there are.
    """

    name = "casestudies_contributions"
    template_name = "casestudies/admin/contributions_panel.html"
    order = 50  # before Wagtail's own panels (reviews, recent edits: 200 and up)
    limit = 20

    def __init__(self, library):
        super().__init__()
        self.library = library

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        add_url = reverse("wagtailadmin_pages:add",
                          args=("casestudies", "casestudypage", self.library.pk))
        if roles.is_area_scoped(user):
            areas = MemberArea.objects.filter(pk__in=roles.own_area_ids(user)).order_by("name")
            actions = [(f"{add_url}?area={area.pk}",
                        _("Write a case study about %(area)s") % {"area": area.localized_name})
                       for area in areas]
            unlinked = not actions
        else:
            actions, unlinked = [(add_url, _("Write a case study"))], False
        cases = list(own_case_studies(user)[:self.limit])
        for case in cases:
            case.contribution_status = contribution_status(case)
        return {"request": request, "actions": actions, "unlinked": unlinked, "cases": cases,
                "library": self.library, "limit": self.limit,
                "other_languages": [] if unlinked else self.other_languages(actions)}

    def other_languages(self, actions):
        """(add URL, language name in itself) in the library of each other language: a case
        written in Dutch is added to the Dutch library (docs/languages.md). The area of a
        contributor with one area is ticked there too."""
        area = actions[0][0].partition("?")[2] if len(actions) == 1 else ""
        libraries = (CaseStudyIndexPage.objects.filter(translation_key=self.library.translation_key)
                     .exclude(pk=self.library.pk).select_related("locale"))
        found = []
        for library in sorted(libraries, key=lambda page: page.locale.language_code):
            url = reverse("wagtailadmin_pages:add", args=("casestudies", "casestudypage", library.pk))
            code = library.locale.language_code
            found.append((f"{url}?{area}" if area else url, LANGUAGE_AUTONYMS.get(code, code), code))
        return found


def own_case_studies(user):
    """The case studies ``user`` owns or last revised, newest first, annotated with their review.

    ``review_status`` and ``review_task`` come from the active workflow state (in review or
    changes requested), if any: subqueries, so the list is one query.
    """
    active = (WorkflowState.objects.active()
              .filter(base_content_type=get_default_page_content_type(),
                      object_id=Cast(OuterRef("pk"), output_field=CharField()))
              .order_by("-created_at"))
    # Not the aliases in the other languages' trees: they carry the original's owner.
    return (CaseStudyPage.objects.filter(Q(owner=user) | Q(latest_revision__user=user),
                                         alias_of__isnull=True)
            .annotate(review_status=Subquery(active.values("status")[:1]),
                      review_task=Subquery(active.values("current_task_state__task__name")[:1]))
            # nulls_last: SQLite and PostgreSQL disagree about where NULL sorts.
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk"))


def contribution_status(page):
    """What the dashboard says about a case: draft, in review (which task), changes
    requested, published (with unpublished changes). Needs ``own_case_studies``' annotations."""
    if page.review_status == WorkflowState.STATUS_IN_PROGRESS:
        if page.review_task:
            return _("In review: %(task)s") % {"task": page.review_task}
        return _("In review")
    if page.review_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Changes requested")
    if page.live:
        return _("Published, with unpublished changes") if page.has_unpublished_changes \
            else _("Published")
    return _("Draft")


@hooks.register("construct_homepage_panels")
def add_contributions_panel(request, panels):
    """Put the contributions panel on the dashboard of users who may add case studies."""
    # The English library: Dutch and Danish cases are added in the library of their tree.
    library = CaseStudyIndexPage.objects.filter(locale=Locale.get_default()).first()
    if library is not None and library.permissions_for_user(request.user).can_add_subpage():
        panels.append(ContributionsPanel(library))


# hub: the library in the main navigation, case studies on the home and member-area pages
# (extension points of network/hub.py).
hub.header_link(gettext_lazy("Case studies"), page_slug="case-studies", order=10)
hub.hero_action(gettext_lazy("Browse case studies"), hub.page_link("case-studies"), order=10)


@hub.theme_counts(order=10)
def case_studies_per_theme(request):
    """The published case studies of each theme (the visitor's language's tree), one query,
    kept until a table it reads is written (a count over every case: 130 ms at 10,000); a
    theme's tile links to the library filtered by it."""
    def count():
        rows = (active_case_studies().filter(themes__isnull=False).order_by()
                .values("themes").annotate(n=Count("pk", distinct=True)))
        return {row["themes"]: row["n"] for row in rows}

    return hub.ThemeCount(
        counts=memo.remember_tables("casestudies-theme-counts", active_language(), count),
        url=hub.page_url(request, "case-studies") or "",
        label=lambda n: ngettext("%(count)s case study", "%(count)s case studies", n)
        % {"count": n})


@hub.home_section("casestudies/includes/home_section.html", order=20,
                  stylesheet="css/casestudies.css")
def latest_case_studies_section(request):
    return casestudy_tags.latest_case_studies({"request": request}, 4)


@hub.area_section("casestudies/includes/area_section.html", order=10)
def area_case_studies_section(request, area):
    return casestudy_tags.area_case_studies({"request": request}, area)
