"""Drafts may be incomplete; submitting for review and publishing check everything (issue #11).

Through the admin's own forms, as a contributor uses them: each POST sends what the browser
sends for the form the GET rendered (see ``adminform.py``), plus what the contributor types.
"""
import html

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from casestudies import roles
from casestudies.models import CaseStudyPage
from network.models import Theme
from tests.factories import MemberAreaFactory

from .adminform import add_url, browser_form_data, edit_url, stream_widgets, type_title
from .factories import user_in

pytestmark = pytest.mark.django_db

TITLE = "Pop-up shops in empty units"

#: What "Submit for review" must say is missing from a title-only draft, field by field.
MISSING = [
    "Summary: Write a summary: two or three plain sentences.",
    "Member areas: Choose the member area(s) the case comes from.",
    "Themes: Choose at least one theme.",
    "Started: Give the date the case started.",
    "Ended: Give an end date, or tick 'still running'.",
    "Body: Add a “Context (why)” section. Add a “Result” section.",
    "Add at least one contact person from the directory.",
]


def text_of(response):
    return html.unescape(response.content.decode())


def save_title_only_draft(client, library):
    form = client.get(add_url(library))
    assert form.status_code == 200
    response = client.post(add_url(library), type_title(browser_form_data(form.content.decode()),
                                                         TITLE))
    assert response.status_code == 302, response.context["form"].errors
    return CaseStudyPage.objects.get(title=TITLE)


def test_add_form_has_no_empty_rows_and_no_errors_before_typing(client, library, contributor):
    client.force_login(contributor)
    response = client.get(add_url(library))
    page = text_of(response)
    assert "This field is required" not in page
    assert "minimum number" not in page
    data = browser_form_data(response.content.decode())
    assert data["contacts-TOTAL_FORMS"] == ["0"]  # no empty contact row to fill in
    body = stream_widgets(response.content.decode())["body"]
    assert body.value == [] and body.errors is None
    # The admin's JavaScript shows minNum/blockCounts minimums as errors on an empty body.
    assert body.meta["minNum"] is None
    assert not any(counts.get("min_num") for counts in body.meta["blockCounts"].values())
    # A new Result (Approach) section starts without an empty key figure (step).
    assert body.new_block_states["result"]["figures"] == []
    assert body.new_block_states["approach"]["steps"] == []
    # No background autosave: it posted half-typed titles (errors while typing) and raced
    # "Save draft" into creating the page twice.
    assert "w-autosave#save" not in response.content.decode()


def test_title_only_draft_then_submit_names_what_is_missing_then_succeeds(client, library, contributor,
                                                                           own_area):
    client.force_login(contributor)
    page = save_title_only_draft(client, library)
    assert not page.live and page.owner == contributor
    assert page.get_latest_revision().as_object().title == TITLE
    # Its preview renders, with no start date or body yet.
    assert client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,))).status_code == 200

    # The contributor reopens their draft (it names no area yet) and submits it as it is.
    form = client.get(edit_url(page))
    assert form.status_code == 200
    data = browser_form_data(form.content.decode())
    assert data["title"] == [TITLE]
    response = client.post(edit_url(page), {**data, "action-submit": ["1"]})
    assert response.status_code == 200
    page_text = text_of(response)
    for message in MISSING:
        assert message in page_text, message
    assert f'value="{TITLE}"' in page_text  # nothing typed is lost
    form = response.context["form"]  # each also marked on its field
    assert {"summary", "areas", "themes", "period_start", "period_end", "body"} <= set(form.errors)
    assert form.formsets["contacts"].non_form_errors()
    assert page.current_workflow_state is None

    # Completed as the contributor would, the same draft goes to review.
    theme = Theme.objects.create(slug="vacancy", name="Vacancy")
    data = browser_form_data(response.content.decode())
    data.update(nested_form_data({
        "summary": "Empty units became pop-up shops for three months.",
        "period_start": "2024-03-01", "ongoing": "on",
        "body": streamfield([
            ("context", {"text": rich_text("<p>Eleven empty units.</p>")}),
            ("result", {"text": rich_text("<p>Four stayed.</p>"), "figures": streamfield([])}),
        ]),
        "contacts": inline_formset([{"person": contributor.person.pk, "role_in_case": ""}]),
    }))
    data.update({"areas": [own_area.pk], "themes": [theme.pk], "action-submit": ["1"]})
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live


def test_submitting_straight_from_the_add_form_names_what_is_missing(client, library, contributor):
    client.force_login(contributor)
    form = client.get(add_url(library))
    data = type_title(browser_form_data(form.content.decode()), TITLE)
    response = client.post(add_url(library), {**data, "action-submit": ["1"]})
    assert response.status_code == 200
    page_text = text_of(response)
    for message in MISSING:
        assert message in page_text, message
    assert f'value="{TITLE}"' in page_text
    assert not CaseStudyPage.objects.filter(title=TITLE).exists()


def test_a_draft_about_another_area_is_still_refused(client, library, contributor, other_area):
    client.force_login(contributor)
    form = client.get(add_url(library))
    data = type_title(browser_form_data(form.content.decode()), TITLE)
    response = client.post(add_url(library), {**data, "areas": [other_area.pk]})
    assert response.status_code == 200
    assert "areas" in response.context["form"].errors
    assert not CaseStudyPage.objects.filter(title=TITLE).exists()


def test_a_contributor_cannot_open_another_contributors_draft_without_area(client, library, contributor):
    client.force_login(contributor)
    page = save_title_only_draft(client, library)
    colleague = user_in(roles.CONTRIBUTORS, "colleague", [MemberAreaFactory()])
    client.force_login(colleague)
    response = client.get(edit_url(page))
    assert response.status_code == 302  # refused: back to the dashboard


def test_contributor_fills_the_one_line_result_and_last_checked_date_in_the_admin(client, library,
                                                                                    contributor):
    """The card's result line and the page head's "Last updated" (#16) are the contributor's to
    fill, on the admin's own form; a malformed date is named and nothing typed is lost."""
    client.force_login(contributor)
    page = save_title_only_draft(client, library)
    data = browser_form_data(client.get(edit_url(page)).content.decode())
    assert "result_line" in data and "last_updated" in data
    data.update({"result_line": ["Four of eleven empty units let within a year"],
                 "last_updated": ["2025-13-40"]})
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "last_updated" in response.context["form"].errors
    assert 'value="Four of eleven empty units let within a year"' in text_of(response)

    data = browser_form_data(response.content.decode())
    data["last_updated"] = ["2025-06-30"]
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    draft = CaseStudyPage.objects.get(pk=page.pk).get_latest_revision().as_object()
    assert draft.result_line == "Four of eleven empty units let within a year"
    assert str(draft.last_updated) == "2025-06-30"
