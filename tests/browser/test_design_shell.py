"""The page shell of #16 in a real browser: a header that stays compact on a phone, no sideways
scrolling, and the listing filter panel (open on wide screens, folded on a phone, applied as soon
as a choice changes, with a searchable tag list). axe checks every page on the way."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
# The shell is on every page: no axe violation of any impact is allowed on it.
AXE_IMPACTS = ("minor", "moderate", "serious", "critical")


def test_header_is_compact_and_nothing_scrolls_sideways(page, width):
    page.goto("/en/")
    header = page.locator("header.site-header")
    height = header.bounding_box()["height"]
    if width == 390:
        # Brand and login, languages and search, then the navigation: three short rows.
        assert height <= 160, f"header is {height}px high at {width}px"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    expect(header.get_by_role("link", name="Centre Network")).to_be_visible()
    expect(header.get_by_role("searchbox", name="Search the site")).to_be_visible()
    expect(header.get_by_role("link", name="Member login")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    # On a phone the navigation scrolls sideways: its last link is reachable all the same.
    last = nav.get_by_role("link").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_filter_panel_is_open_on_wide_screens_folded_on_a_phone_and_applies_on_change(page, width):
    page.goto("/en/case-studies/")
    panel = page.locator("details[data-filter-panel]")
    country = panel.get_by_label("Country", exact=True)
    if width == 1280:
        expect(panel.locator("summary")).to_be_hidden()
        expect(country).to_be_visible()
    else:
        expect(country).to_be_hidden()
        panel.locator("summary").click()
        expect(country).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The tag list narrows down as one types, and says so when nothing is left.
    tag_search = panel.locator("input[data-filter-list]")
    if tag_search.count():
        tag_list = page.locator("#" + tag_search.get_attribute("data-filter-list"))
        options = tag_list.locator("li")
        total = options.count()
        tag_search.fill(options.nth(total - 1).inner_text().split("(")[0].strip())
        assert 0 < tag_list.locator("li:visible").count() < total
        tag_search.fill("")
        expect(options.locator("visible=true")).to_have_count(total)

    # Choosing a country applies it at once (no button press), with a clean address.
    value = country.locator("option").nth(1).get_attribute("value")
    with page.expect_navigation():
        country.select_option(value)
    expect(page).to_have_url(re.compile(rf"\?(?:[^&]*&)*country={value}(?:&|$)"))
    assert "=&" not in page.url and not page.url.endswith("=")
    # Focus lands on the results' count, so a screen reader hears what changed.
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.locator("details[data-filter-panel] .filter-panel__count")).to_contain_text("1")
