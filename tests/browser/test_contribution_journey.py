"""Journey 4: a contributor saves a title-only draft, completes it and submits it for review;
an editor publishes it; it appears in the library and the RSS feed."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_log_in, check_accessibility

pytestmark = pytest.mark.browser

AREA = "Vlaardingen city centre"
CONTACT = "Marloes de Wit"


def footer_action(page, name):
    """Click an action of the editor's footer, opening its menu when the action is inside it."""
    button = page.locator("footer").get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    button.click()


def add_block(page, kind):
    """Add a block at the end of the case study's body and return it."""
    before = page.locator("#body-root [data-streamfield-child]").count()
    page.locator("#body-root .c-sf-add-button").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    blocks = page.locator("#body-root [data-streamfield-child]")
    expect(blocks).to_have_count(before + 1)
    return blocks.last


def type_into_editor(page, block, text):
    block.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type(text)


def dashboard_row(page, title):
    """The row of a case study in the dashboard's "Your case studies" panel."""
    panel = page.locator("section").filter(has=page.get_by_role("heading", name="Your case studies"))
    return panel.get_by_role("row").filter(has=page.get_by_role("link", name=title))


def page_row(site, title):
    # The original, not the aliases publishing makes in the other languages' trees (#15).
    rows = site.sql("SELECT id, live, has_unpublished_changes FROM wagtailcore_page "
                    "WHERE title = ? AND alias_of_id IS NULL", title)
    assert len(rows) == 1, rows
    return rows[0]


def test_contributor_drafts_and_submits_then_editor_publishes(page, width):
    site = page.site
    title = f"Pop-up shops fill empty units on the market street ({width})"

    admin_log_in(page, "contributor")
    page.get_by_role("link", name=f"Write a case study about {AREA}").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/casestudies/casestudypage/"))
    # Nothing typed yet, so nothing may be marked wrong.
    expect(page.locator(".error-message")).to_have_count(0)
    page.locator("#id_title").click()
    page.keyboard.type(title)
    # The admin fills the slug from the title as a person types; a person takes a moment.
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' created.")
    page_id, live, _ = page_row(site, title)
    assert not live

    # The dashboard lists the draft with its state.
    page.goto("/admin/")
    row = dashboard_row(page, title)
    expect(row).to_contain_text("Draft")
    row.get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(rf"/admin/pages/{page_id}/edit/"))

    # Submitting the bare draft says what is missing and keeps what was typed.
    footer_action(page, "Submit to Editorial review")
    expect(page.locator(".messages")).to_contain_text(re.compile("could not be|validation", re.I))
    expect(page.locator("main")).to_contain_text("Add at least one contact person")
    expect(page.locator("#id_title")).to_have_value(title)
    assert site.sql("SELECT COUNT(*) FROM wagtailcore_workflowstate WHERE object_id = ? "
                    "AND status = 'in_progress'", str(page_id))[0][0] == 0

    # Completing it.
    page.get_by_role("textbox", name="Summary").fill(
        "Six empty units on the market street were let for a year to starters, with the "
        "landlords' association paying the first three months' rent.")
    expect(page.get_by_role("checkbox", name=AREA)).to_be_checked()
    page.get_by_role("checkbox", name="Vacancy", exact=True).check()
    page.get_by_role("checkbox", name="Still running").check()
    page.get_by_role("textbox", name="Started").fill("2025-03-01")
    # The date picker is open now: its buttons must have names too.
    expect(page.locator(".xdsoft_datetimepicker .xdsoft_datepicker").filter(visible=True)).to_have_count(1)
    check_accessibility(page)
    page.keyboard.press("Tab")  # leaves the date field; its calendar pop-up closes
    context = add_block(page, "Context (why)")
    type_into_editor(page, context, "One in five units on the market street stood empty.")
    result = add_block(page, "Result")
    type_into_editor(page, result, "Four of the six starters signed a regular lease.")
    page.get_by_role("button", name=re.compile("Add contact", re.I)).click()
    page.get_by_role("button", name="Choose person").click()
    modal = page.locator(".modal-dialog, [role=dialog]").filter(has_text="Choose")
    modal.get_by_role("textbox", name="Search term").fill(CONTACT.split()[0])
    modal.get_by_role("link", name=CONTACT).click()
    expect(page.locator("main")).to_contain_text(CONTACT)
    footer_action(page, "Submit to Editorial review")
    expect(page.locator(".messages")).to_contain_text(re.compile("submitted", re.I))
    assert site.sql("SELECT COUNT(*) FROM wagtailcore_workflowstate WHERE object_id = ? "
                    "AND status = 'in_progress'", str(page_id))[0][0] == 1
    page.goto("/admin/")
    expect(dashboard_row(page, title)).to_contain_text("In review")

    # The editor, in their own browser, approves it, which publishes it.
    page.context.clear_cookies()
    admin_log_in(page, "editor")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{page_id}/edit/"))
    footer_action(page, "Approve and Publish")
    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been")
    assert page_row(site, title)[1] == 1
    assert site.sql("SELECT status FROM wagtailcore_workflowstate WHERE object_id = ? "
                    "ORDER BY id DESC LIMIT 1", str(page_id))[0][0] == "approved"

    # Everyone can read it now.
    page.context.clear_cookies()
    page.goto("/en/case-studies/")
    search = page.get_by_role("search", name="Search the case studies")
    search.get_by_label("Search", exact=True).fill("pop-up shops market street")
    search.get_by_role("button", name="Search").click()
    # The new case is also the library's first card: wait for the results before clicking.
    expect(page.locator("#results-heading")).to_contain_text("“pop-up shops market street”")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text("Four of the six starters signed a regular lease.")
    expect(page.locator("main")).to_contain_text(CONTACT)
    status, headers, body = site.fetch("/feeds/case-studies/")
    assert status == 200 and f"<title>{title}</title>" in body.decode()
