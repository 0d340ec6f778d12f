"""The contribution workflow, through the admin views: contributors draft and submit cases
about their own area; network editors review and publish."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies import roles
from casestudies.models import CaseStudyPage
from network.models import Theme

from .adminform import add_url, edit_url
from .factories import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_case(make_case, own_area):
    return make_case(title="Own area case", areas=[own_area])


@pytest.fixture
def other_case(make_case, other_area):
    return make_case(title="Other area case", areas=[other_area])


def form_data(title, areas, contacts, **extra):
    data = {
        "title": title, "slug": slugify(title), "summary": "What we did.",
        "tags": "",
        "period_start": "2023-01-01", "period_end": "2024-01-01", "written_in": "en",
        "budget_currency": "EUR",
        "body": streamfield([
            ("context", {"text": rich_text("<p>Why we started.</p>")}),
            ("result", {"text": rich_text("<p>What came of it.</p>"), "figures": {"count": "0"}}),
        ]),
        "contacts": inline_formset([{"person": person.pk, "role_in_case": ""} for person in contacts]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    data = nested_form_data(data)
    # Multiple-choice fields post one value per choice (nested_form_data would number them).
    data["areas"] = [area.pk for area in areas]
    data["themes"] = [Theme.objects.get_or_create(slug="vacancy", defaults={"name": "Vacancy"})[0].pk]
    return data


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")




def test_library_gets_groups_permissions_and_review_workflow(library):
    workflow = library.get_workflow()
    assert workflow.name == roles.WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITORS]
    assert Group.objects.filter(name=roles.CONTRIBUTORS).exists()


def test_contributor_drafts_a_case_about_their_own_area(client, library, contributor, own_area, other_area):
    client.force_login(contributor)
    response = client.get(add_url(library))
    assert response.status_code == 200
    areas_field = response.context["form"].fields["areas"]
    assert list(areas_field.queryset) == [own_area]  # Schiedam is not on offer

    person = contributor.person
    response = client.post(add_url(library), form_data("Our pop-up shops", [own_area], [person]))
    assert response.status_code == 302, response.context["form"].errors
    page = CaseStudyPage.objects.get(title="Our pop-up shops")
    assert not page.live and page.owner == contributor


def test_contributor_cannot_publish(client, library, contributor, own_area):
    client.force_login(contributor)
    data = form_data("Trying to publish", [own_area], [contributor.person], **{"action-publish": "1"})
    client.post(add_url(library), data)
    page = CaseStudyPage.objects.get(title="Trying to publish")
    assert not page.live
    assert not page.permissions_for_user(contributor).can_publish()
    # The edit form offers "Submit for review", not "Publish".
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html


def test_contributor_submits_and_editor_approves_which_publishes(client, library, contributor, editor,
                                                                 own_area):
    client.force_login(contributor)
    data = form_data("For review", [own_area], [contributor.person], **{"action-submit": "1"})
    assert client.post(add_url(library), data).status_code == 302
    page = CaseStudyPage.objects.get(title="For review")
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and not page.live

    client.force_login(editor)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Clear and useful, thank you."})
    assert response.status_code == 302  # the form was valid: back to where the editor was
    task_state.refresh_from_db()
    assert task_state.comment == "Clear and useful, thank you."  # the contributor reads it
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_editor_can_publish_directly(client, library, editor, own_case, own_area):
    client.force_login(editor)
    person = own_case.contacts.first().person
    data = form_data("Own area case, updated", [own_area], [person], slug=own_case.slug,
                     **{"action-publish": "1"})
    assert client.post(edit_url(own_case), data).status_code == 302
    own_case.refresh_from_db()
    assert own_case.live and own_case.title == "Own area case, updated"


def test_contributor_cannot_choose_another_area(client, library, contributor, other_area):
    client.force_login(contributor)
    response = client.post(add_url(library), form_data("About Schiedam", [other_area], [contributor.person]))
    assert response.status_code == 200  # the form again, with an error
    assert "areas" in response.context["form"].errors
    assert not CaseStudyPage.objects.filter(title="About Schiedam").exists()


def test_contributor_can_edit_own_area_but_not_another_area(client, library, contributor, own_case,
                                                            other_case, other_area):
    client.force_login(contributor)
    assert client.get(edit_url(own_case)).status_code == 200
    assert denied(client.get(edit_url(other_case)))
    person = other_case.contacts.first().person
    response = client.post(edit_url(other_case), form_data("Hijacked", [other_area], [person],
                                                            slug=other_case.slug))
    assert denied(response)
    other_case.refresh_from_db()
    assert other_case.title == "Other area case"
    assert other_case.get_latest_revision().as_object().title == "Other area case"
    delete_url = reverse("wagtailadmin_pages:delete", args=(other_case.pk,))
    assert denied(client.post(delete_url))
    assert Page.objects.filter(pk=other_case.pk).exists()


def test_contributor_cannot_edit_the_library_page(client, library, contributor):
    client.force_login(contributor)
    assert denied(client.get(edit_url(library)))


def test_explorer_shows_contributors_only_their_areas(client, library, contributor, own_case, other_case):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_explore", args=(library.pk,))).content.decode()
    assert "Own area case" in html and "Other area case" not in html


def test_editor_sees_and_edits_every_case(client, library, editor, own_case, other_case):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=(library.pk,))).content.decode()
    assert "Own area case" in html and "Other area case" in html
    assert client.get(edit_url(other_case)).status_code == 200


def test_contributor_without_an_area_cannot_add(client, library):
    user = user_in(roles.CONTRIBUTORS, "lonely")
    client.force_login(user)
    assert denied(client.get(add_url(library)))


def test_contributor_with_a_joint_case_keeps_the_other_area(client, library, contributor, make_case,
                                                              own_area, other_area):
    joint = make_case(title="Joint case", areas=[own_area, other_area])
    client.force_login(contributor)
    response = client.get(edit_url(joint))
    assert set(response.context["form"].fields["areas"].queryset) == {own_area, other_area}
    person = joint.contacts.first().person
    data = form_data("Joint case, new draft", [own_area, other_area], [person], slug=joint.slug)
    assert client.post(edit_url(joint), data).status_code == 302
    draft = CaseStudyPage.objects.get(pk=joint.pk).get_latest_revision_as_object()
    assert draft.title == "Joint case, new draft"
    assert {a.pk for a in draft.areas.all()} == {own_area.pk, other_area.pk}


def test_a_draft_may_lack_a_contact_but_submitting_needs_one(client, library, contributor, own_area):
    client.force_login(contributor)
    response = client.post(add_url(library), form_data("No contact yet", [own_area], []))
    assert response.status_code == 302  # a draft may be incomplete
    page = CaseStudyPage.objects.get(title="No contact yet")
    response = client.post(edit_url(page), form_data("No contact yet", [own_area], [],
                                                     **{"action-submit": "1"}))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.formsets["contacts"].non_form_errors() or form.non_field_errors()
    assert page.current_workflow_state is None


@pytest.mark.parametrize("who", ["contributor", "editor"])
def test_restricted_documents_stay_out_of_contributors_and_editors_choosers(client, request, who):
    """Their rights are on "Shared media", so a restricted collection beside it is not theirs."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from network.media import shared_media_collection

    user = request.getfixturevalue(who)
    private = Collection.get_first_root_node().add_child(name="Restricted")
    for title, collection in (("PUBLICPLAN", shared_media_collection()), ("SECRETMINUTES", private)):
        document = Document(title=title, collection=collection)
        document.file.save(f"{title}.txt", ContentFile(b"x"), save=False)
        document.save()
    client.force_login(user)
    listing = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "PUBLICPLAN" in listing
    assert "SECRETMINUTES" not in listing
