"""Journey: a Dutch and a Danish visitor read the network in their language (#15): the old
address leads to their language, the switcher keeps them on the same case study or session,
and a page nobody has translated says so instead of pretending."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TRANSLATED_CASE = "vlaardingen-golden-triangle"  # translated into Dutch and Danish by the demo
UNTRANSLATED_CASE = "valby-quarter-manager"       # English only: shown as its original


def _switch_to(page, autonym):
    page.get_by_role("navigation", name=re.compile("^(Language|Taal|Sprog)$")).get_by_role(
        "link", name=autonym, exact=True).click()


def _heading(page):
    return page.get_by_role("heading", level=1).inner_text().strip()


def test_a_dutch_visitor_follows_an_old_link_and_switches_a_case_study_to_danish(browser, live_site):
    context = browser.new_context(locale="nl-NL", base_url=live_site.url)
    try:
        page = context.new_page()
        page.goto(f"/case-studies/{TRANSLATED_CASE}/")  # a link from before there were languages
        expect(page).to_have_url(re.compile(f"/nl/case-studies/{TRANSLATED_CASE}/$"))
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        dutch_title = _heading(page)
        expect(page.locator(".notice--language")).to_have_count(0)  # a real translation

        _switch_to(page, "Dansk")
        expect(page).to_have_url(re.compile(f"/da/case-studies/{TRANSLATED_CASE}/$"))
        expect(page.locator("html")).to_have_attribute("lang", "da")
        danish_title = _heading(page)

        _switch_to(page, "English")
        expect(page).to_have_url(re.compile(f"/en/case-studies/{TRANSLATED_CASE}/$"))
        assert len({dutch_title, danish_title, _heading(page)}) == 3  # three texts, not one
    finally:
        context.close()


def test_switching_language_on_a_case_study_and_a_session(page):
    page.goto(f"/en/case-studies/{TRANSLATED_CASE}/")
    english_title = _heading(page)
    _switch_to(page, "Nederlands")
    expect(page).to_have_url(re.compile(f"/nl/case-studies/{TRANSLATED_CASE}/$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(english_title)
    # The interface speaks Dutch too, and the choice sticks for the next old link.
    expect(page.get_by_role("navigation", name="Taal")).to_be_visible()

    page.goto("/sessions/")
    expect(page).to_have_url(re.compile("/nl/sessions/$"))
    page.locator("main a[href^='/nl/sessions/'][href$='/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    session_url = page.url
    session_title = _heading(page)
    _switch_to(page, "Dansk")
    expect(page).to_have_url(re.compile("/da/sessions/[^/]+/$"))
    assert page.url.rsplit("/", 2)[-2] == session_url.rsplit("/", 2)[-2]  # the same session
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert _heading(page) != session_title


def test_an_untranslated_case_study_is_shown_marked_with_its_language(page):
    page.goto(f"/da/case-studies/{UNTRANSLATED_CASE}/")
    note = page.locator(".notice--language")
    expect(note).to_have_count(1)
    expect(note).to_have_attribute("lang", "da")
    # The English text is marked as English, for screen readers and translation tools.
    expect(page.locator("main [lang='en']").first).to_be_visible()
