"""Journey 1: a visitor filters the case-study library by theme and country, searches, and
opens a case study."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _choose_option_with_results(select):
    """Pick the first option of a facet that promises results; return its label and count."""
    for option in select.locator("option").all():
        match = re.search(r"\((\d+)\)$", option.inner_text().strip())
        if option.get_attribute("value") and match and int(match.group(1)) > 0:
            select.select_option(option.get_attribute("value"))
            return option.inner_text().strip(), int(match.group(1))
    raise AssertionError("no option with results in " + select.inner_html())


def _open_filters(page):
    """The filter panel: folded under its "Filters" toggle on a phone, a sidebar when wide."""
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("details => details.open"):
        page.locator("summary.filter-panel__toggle").click()
    return panel


def _result_count(page):
    heading = page.locator("#results-heading").inner_text()
    return int(re.match(r"\d+", heading).group(0))


def test_visitor_filters_searches_and_opens_a_case_study(page):
    page.goto("/en/")
    page.get_by_role("navigation", name=re.compile("main", re.I)).get_by_role(
        "link", name="Case studies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("case stud", re.I))
    everything = _result_count(page)
    assert everything >= 10

    # The results come first; a filter applies as soon as it is chosen (filters.js).
    _open_filters(page)
    theme_label, theme_count = _choose_option_with_results(page.get_by_label("Theme", exact=True))
    expect(page).to_have_url(re.compile(r"[?&]theme="))
    assert _result_count(page) == theme_count < everything
    expect(page.locator(".filter-panel__count")).to_have_text("1 active")

    # The country facet now counts within the chosen theme; its promise must hold.
    _open_filters(page)
    country_label, country_count = _choose_option_with_results(page.get_by_label("Country", exact=True))
    expect(page).to_have_url(re.compile(r"theme=.*country=|country=.*theme="))
    assert _result_count(page) == country_count <= theme_count
    cards = page.locator(".case-card")
    assert cards.count() == country_count
    active = page.get_by_role("list", name="Active filters")
    expect(active).to_contain_text(theme_label.rsplit(" (", 1)[0])
    expect(active).to_contain_text(country_label.rsplit(" (", 1)[0])

    # Search for a word of the first card's title, from a clean slate.
    title = cards.first.locator(".card__title").inner_text().strip()
    word = max(re.findall(r"\w{5,}", title), key=len)
    page.get_by_role("link", name="Clear all filters").click()
    assert _result_count(page) == everything
    search = page.get_by_role("search", name="Search the case studies")
    search.get_by_label("Search", exact=True).fill(word)
    search.get_by_role("button", name="Search").click()
    expect(page.locator("#results-heading")).to_contain_text(f"“{word}”")
    found = page.locator(".case-card .card__title a", has_text=title)
    expect(found).to_have_count(1)

    found.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_title(re.compile(re.escape(title)))


def test_site_search_shows_clean_snippets_types_and_session_dates(page):
    page.goto("/en/")
    page.get_by_role("search", name="Site search").get_by_role("searchbox").fill("vacancy")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    results = page.locator(".search-results > li")
    expect(results.first).to_be_visible()
    # Each result says what it is (a badge) and, for a session, when it is.
    kinds = [result.locator(".search-result__type").inner_text().strip()
             for result in results.all()]
    assert any(kind.startswith("Case study") for kind in kinds), kinds
    sessions = [result.locator(".card__meta").inner_text() for result, kind
                in zip(results.all(), kinds, strict=True) if kind.startswith("Session")]
    # A session says when it is: a date and a time.
    assert sessions and all(re.search(r"\d{1,2} \w+ 20\d\d, \d\d:\d\d", meta) for meta in sessions), sessions
    for snippet in results.locator(".search-results__snippet").all_inner_texts():
        assert snippet.strip() and "<" not in snippet and "&lt;" not in snippet, snippet

