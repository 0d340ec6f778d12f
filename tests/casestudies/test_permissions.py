"""The contributors' area rule lives in ``CaseStudyPage.permissions_for_user``: another area's
case study is out of reach in every admin view and button, their own area's is not, and
network editors are not limited at all."""
import pytest
from django.urls import reverse
from wagtail.models import Page

from casestudies.models import CaseStudyPage

from .adminform import edit_url

pytestmark = pytest.mark.django_db

# Admin views of one page, each refused when the user may not work on it.
PAGE_VIEWS = ["edit", "delete", "unpublish", "move", "copy", "history", "workflow_history"]


@pytest.fixture
def other_case(make_case, other_area):
    case = make_case(title="Other area case", areas=[other_area])
    case.save_revision()  # a draft on top of the live version, so there is something to compare
    return case


@pytest.fixture
def own_draft(make_case, own_area, contributor):
    """A case about the contributor's area, never published, owned by them."""
    case = make_case(title="Own area draft", areas=[own_area], live=False, owner=contributor)
    case.save_revision(user=contributor)
    return case


def url(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_contributor_may_do_nothing_with_another_areas_case(library, contributor, other_case):
    perms = CaseStudyPage.objects.get(pk=other_case.pk).permissions_for_user(contributor)
    assert not any([perms.can_edit(), perms.can_publish(), perms.can_delete(),
                    perms.can_unpublish(), perms.can_move(), perms.can_copy(), perms.can_lock(),
                    perms.can_unlock(), perms.can_submit_for_moderation(),
                    perms.can_view_revisions(), perms.can_copy_to(library),
                    perms.can_move_to(library)])
    # Asked through the plain Page too, as Wagtail's listings do.
    assert not Page.objects.get(pk=other_case.pk).permissions_for_user(contributor).can_edit()


def test_contributor_may_work_on_their_own_areas_draft(library, contributor, own_draft):
    perms = Page.objects.get(pk=own_draft.pk).permissions_for_user(contributor)
    assert perms.can_edit() and perms.can_copy() and perms.can_delete() and perms.can_move()
    assert perms.can_submit_for_moderation() and perms.can_view_revisions()
    assert not perms.can_publish()  # that stays the editors'


def test_contributor_may_only_add_to_the_library(library, contributor):
    perms = library.permissions_for_user(contributor)
    assert perms.can_add_subpage()
    assert not (perms.can_edit() or perms.can_delete() or perms.can_move() or perms.can_copy())


def test_editor_may_do_everything_with_any_case(library, editor, other_case):
    perms = other_case.permissions_for_user(editor)
    assert perms.can_edit() and perms.can_publish() and perms.can_unpublish() and perms.can_lock()
    assert library.permissions_for_user(editor).can_edit()


@pytest.mark.parametrize("view", PAGE_VIEWS)
def test_admin_refuses_every_view_of_another_areas_case(client, library, contributor, other_case, view):
    client.force_login(contributor)
    assert denied(client.get(url(view, other_case)))


def test_admin_refuses_another_areas_revisions(client, library, contributor, other_case):
    client.force_login(contributor)
    old, new = other_case.revisions.order_by("pk")[:2]
    assert denied(client.get(reverse("wagtailadmin_pages:revisions_view",
                                     args=(other_case.pk, old.pk))))
    assert denied(client.get(reverse("wagtailadmin_pages:revisions_compare",
                                     args=(other_case.pk, old.pk, new.pk))))
    assert denied(client.post(reverse("wagtailadmin_pages:revisions_revert",
                                      args=(other_case.pk, old.pk))))


@pytest.mark.parametrize("view", [view for view in PAGE_VIEWS if view != "unpublish"])
def test_admin_opens_every_view_of_the_own_areas_draft(client, library, contributor, own_draft, view):
    # (Not "unpublish": a draft is not live, and contributors may not publish or unpublish.)
    client.force_login(contributor)
    assert client.get(url(view, own_draft)).status_code == 200


def test_admin_opens_the_own_areas_revisions(client, library, contributor, own_draft):
    client.force_login(contributor)
    revision = own_draft.revisions.first()
    assert client.get(reverse("wagtailadmin_pages:revisions_view",
                              args=(own_draft.pk, revision.pk))).status_code == 200


def test_bulk_delete_leaves_another_areas_draft(client, library, contributor, make_case, other_area,
                                               own_draft):
    # A draft: Wagtail itself keeps contributors from deleting live pages.
    other_draft = make_case(title="Other area draft", areas=[other_area], live=False)
    client.force_login(contributor)
    bulk_delete = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(f"{bulk_delete}?id={other_draft.pk}&id={own_draft.pk}")
    assert Page.objects.filter(pk=other_draft.pk).exists()
    assert not Page.objects.filter(pk=own_draft.pk).exists()


@pytest.mark.search_index
def test_search_results_offer_no_buttons_for_another_areas_case(client, library, contributor,
                                                                 other_case, own_draft):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "area"}).content.decode()
    assert "Other area case" in html and "Own area draft" in html  # both found, ...
    assert edit_url(own_draft) in html
    assert edit_url(other_case) not in html  # ... but only one is the contributor's to edit


def test_editor_opens_another_areas_case(client, library, editor, other_case):
    client.force_login(editor)
    for view in PAGE_VIEWS:
        assert client.get(url(view, other_case)).status_code == 200, view
