"""Journey 5: an organiser generates a monthly series in the admin, publishes one session, and
sees it in the programme listing and the calendar feed."""
import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_log_in, open_admin_menu_item

pytestmark = pytest.mark.browser

# Far enough ahead to be upcoming whenever CI runs; each width its own year, so the two runs
# of the journey create distinct sessions.
YEARS = {1280: 2029, 390: 2030}


def second_tuesday(year, month):
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)


def test_organiser_generates_a_series_and_publishes_a_session(page, width):
    site = page.site
    year = YEARS[width]
    title = f"Evening walk-through {width}"
    admin_log_in(page, "organiser")
    open_admin_menu_item(page, "Generate sessions")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Generate")

    page.get_by_label("Series").select_option(label="Learning programme 2027")
    page.get_by_label("Title of each session").fill(title)
    page.get_by_label("Repeats").select_option("monthly")
    page.get_by_label("Which week of the month").select_option(label="second")
    page.get_by_label("Day of the week").select_option(label="Tuesday")
    page.get_by_label("From").fill(f"{year}-01-01")
    page.get_by_label("How many times").fill("3")
    page.get_by_label("Starts").fill("19:00")
    page.get_by_label("Ends").fill("20:30")
    page.get_by_label("Time zone").select_option("Europe/Copenhagen")
    page.get_by_role("button", name="Preview dates").click()

    preview = page.locator(".generate-preview li")
    expect(preview).to_have_count(3)
    # The second Tuesday of January, February and March.
    for number, month in enumerate((1, 2, 3)):
        day = second_tuesday(year, month)
        expect(preview.nth(number)).to_contain_text(f"Tuesday {day.day} {day:%B %Y}, 19:00–20:30")
    january = second_tuesday(year, 1)
    page.get_by_role("button", name="Create 3 draft sessions").click()
    expect(page.locator(".messages")).to_contain_text("3 draft sessions created")

    drafts = page.get_by_role("link", name=re.compile(re.escape(title)))
    expect(drafts.first).to_be_visible()
    first = drafts.filter(has_text="January").first
    first.click()
    expect(page.locator("#id_title")).to_have_value(re.compile(re.escape(title)))
    first_title = page.locator("#id_title").input_value()

    # Publish is in the footer's action menu.
    publish = page.locator("button[name='action-publish']")
    if not publish.is_visible():
        page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    publish.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("published", re.I))

    page.goto("/en/sessions/")
    # On a phone the filters are under a toggle after the results; choosing applies at once.
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("details => details.open"):
        panel.locator("summary").click()
    page.get_by_label("Series").select_option(label="Learning programme 2027")
    expect(page).to_have_url(re.compile(r"[?&]series="))
    if not panel.evaluate("details => details.open"):
        panel.locator("summary").click()
    page.get_by_label("Month").fill(f"{year}-01")
    expect(page).to_have_url(re.compile(rf"[?&]month={year}-01"))
    expect(page.locator("main")).to_contain_text(f"in January {year}")
    card = page.locator(".session-card", has_text=first_title)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("19:00")
    # Its siblings are drafts: in no listing.
    expect(page.locator(".session-card", has_text=title)).to_have_count(1)

    status, headers, body = site.fetch("/calendar/sessions.ics")
    feed = body.decode().replace("\r\n ", "")
    assert status == 200
    assert f"SUMMARY:{first_title.replace(',', chr(92) + ',')}" in feed
    assert f"DTSTART;TZID=Europe/Copenhagen:{january:%Y%m%d}T190000" in feed
    assert feed.count(title) == 1
    series = site.sql("SELECT slug FROM network_sessions_sessionseries WHERE name = ?",
                      "Learning programme 2027")[0][0]
    status, headers, body = site.fetch(f"/calendar/series/{series}.ics")
    assert status == 200 and first_title.replace(",", "\\,") in body.decode().replace("\r\n ", "")
