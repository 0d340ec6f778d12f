"""Journeys 2, 3 and 6: signing up for sessions, the links in the e-mails, cancelling, the
personal calendar, deleting one's data, and moving up from the waiting list."""
import re

import pytest
from playwright.sync_api import expect

from . import state
from .conftest import log_in

pytestmark = pytest.mark.browser

# Each width runs as its own person, so the two runs of a journey do not meet in one session.
MEMBERS = {1280: "member", 390: "medlem"}


def manage_link(site, address, subject_words):
    """The registrations-page link from the newest e-mail to an address about a subject."""
    for message in reversed(site.mails(to=address)):
        if re.search(subject_words, message["Subject"] or "", re.I):
            text = site.mail_text(message)
            match = re.search(r"https?://[^/\s]+((?:/(?:en|nl|da))?/registrations/[A-Za-z0-9_-]+/)\s", text)
            assert match, f"no registrations link in the e-mail {message['Subject']!r}:\n{text}"
            return match.group(1)
    subjects = [m["Subject"] for m in site.mails(to=address)]
    raise AssertionError(f"no e-mail about {subject_words!r} to {address}; got {subjects}")


def confirm_from_email(page, site, address, title):
    """A visitor's sign-up holds the place until they confirm it from the e-mail (#14): open
    the newest "please confirm" link to the address and press the button."""
    for message in reversed(site.mails(to=address)):
        if "confirm" in (message["Subject"] or "").lower() and title in (message["Subject"] or ""):
            text = site.mail_text(message)
            match = re.search(
                r"https?://[^/\s]+((?:/(?:en|nl|da))?/registrations/[A-Za-z0-9_-]+/\d+/confirm/)\s", text)
            assert match, f"no confirmation link in the e-mail {message['Subject']!r}:\n{text}"
            break
    else:
        raise AssertionError(f"no e-mail asking {address} to confirm {title!r}")
    page.goto(match.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your registration")
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registrations")


def cancel_from_manage_page(page, title):
    page.get_by_role("link", name=re.compile(r"(Cancel my place|Leave the waiting list) – "
                                             + re.escape(title))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel registration")
    page.get_by_role("button", name=re.compile("Yes, (cancel my place|leave the waiting list)")).click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Your registration for “{title}” is cancelled")


def register_on(page, session, expect_text):
    page.goto(state.page_path(session))
    form = page.locator("form.registration-form")
    form.get_by_role("button", name=re.compile("^(Register|Join the waiting list)$")).click()
    expect(page.locator("#register")).to_contain_text(expect_text)


def test_member_registers_cancels_registers_again_and_deletes_their_data(page, width):
    site = page.site
    username = MEMBERS[width]
    address = state.user_email(site, username)
    area_id, area_name = state.account_area(site, username)
    session = state.session_with_room(site, address, area_id)
    title = session["title"]

    log_in(page, username)
    expect(page.get_by_role("banner").get_by_role("link", name="My sessions")).to_be_visible()
    page.goto("/en/sessions/")
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    # What matters comes first, on a phone too: date, time and places on the first screen.
    facts = page.locator("dl.session-facts")
    expect(facts).to_be_in_viewport()
    expect(facts).to_contain_text("places left")
    # The calendar options are one control, and it opens without a script of ours.
    calendar = page.locator("details.calendar-menu").first
    expect(calendar.get_by_role("link", name="Add to Google Calendar", exact=True)).not_to_be_visible()
    calendar.locator("summary").click()
    expect(calendar.get_by_role("link", name="Add to Google Calendar", exact=True)).to_be_visible()
    calendar.locator("summary").click()
    form = page.locator("form.registration-form")
    # The member's own details are filled in; nothing to type.
    expect(form.get_by_label("E-mail address")).to_have_value(address)
    expect(form.get_by_label("Your member area").locator("option:checked")).to_have_text(area_name)
    form.get_by_role("button", name="Register").click()
    expect(page.locator("#register")).to_contain_text("You are registered for this session.")
    expect(page.locator("#register").get_by_role("link", name="Join the meeting")).to_be_visible()
    assert state.registration(site, session["id"], address)[1] == "confirmed"

    # The confirmation e-mail's link leads to the registrations page.
    page.goto(manage_link(site, address, re.escape(title)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registrations")
    card = page.locator(".session-card", has_text=title)
    expect(card).to_contain_text("You have a place.")

    cancel_from_manage_page(page, title)
    expect(page.locator(".session-card", has_text=title)).to_have_count(0)
    assert state.registration(site, session["id"], address)[1] == "cancelled"
    assert any("cancel" in (m["Subject"] or "").lower() for m in site.mails(to=address))

    # The place comes back by registering again.
    register_on(page, session, "You are registered for this session.")
    assert state.registration(site, session["id"], address)[1] == "confirmed"

    # A new personal calendar address; the old one stops working at once.
    page.get_by_role("banner").get_by_role("link", name="My sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registrations")
    old_feed = _personal_feed_path(page)
    assert site.fetch(old_feed)[0] == 200
    page.get_by_role("button", name="Make a new calendar address").click()
    expect(page.locator("main")).to_contain_text("Your personal calendar has a new address.")
    new_feed = _personal_feed_path(page)
    assert new_feed != old_feed
    assert site.fetch(old_feed)[0] == 404
    status, headers, body = site.fetch(new_feed)
    assert status == 200 and title.encode() in body.replace(b"\r\n ", b"")

    # Deleting everything: places are given up and the participant is gone.
    page.get_by_role("link", name="Delete my registrations and data").click()
    expect(page.get_by_role("list").filter(has_text=title)).to_be_visible()
    page.get_by_role("button", name="Yes, delete my registrations and data").click()
    expect(page.locator("main")).to_contain_text(
        "Your registrations and the data we kept for them are deleted.")
    assert site.sql("SELECT COUNT(*) FROM network_sessions_participant WHERE lower(email) = lower(?)",
                    address)[0][0] == 0
    assert site.fetch(new_feed)[0] == 404


def _personal_feed_path(page):
    link = page.locator("a[href*='/calendar/personal/'][href$='.ics']").first
    return re.sub(r"^(webcal|https?)://[^/]+", "", link.get_attribute("href"))


def test_visitor_without_account_registers_confirms_and_cancels_from_the_email(page, width):
    site = page.site
    address = f"visitor-{width}@example.org"
    area_id, area_name = site.sql("SELECT id, name FROM network_memberarea WHERE slug = 'valby'")[0]
    session = state.session_with_room(site, address, area_id)
    title = session["title"]

    page.goto("/en/sessions/")
    page.get_by_role("link", name=title, exact=True).first.click()
    form = page.locator("form.registration-form")
    # Sending it empty says what is missing, on the fields.
    form.get_by_role("button", name="Register").click()
    expect(page.locator("#register-errors")).to_contain_text("You are not registered yet.")
    assert state.registration(site, session["id"], address) is None
    form = page.locator("form.registration-form")
    form.get_by_label("Your name").fill("Ida Visitor")
    form.get_by_label("E-mail address").fill(address)
    form.get_by_label("Your member area").select_option(label=area_name)
    form.get_by_role("button", name="Register").click()
    # The same answer for any address; the place is held until the address is confirmed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail to confirm")
    expect(page.locator("main")).to_contain_text(f"We have sent an e-mail to {address}")
    assert state.registration(site, session["id"], address)[1] == "pending"

    confirm_from_email(page, site, address, title)
    expect(page.locator("main")).to_contain_text(f"Your place at “{title}” is confirmed")
    assert state.registration(site, session["id"], address)[1] == "confirmed"
    confirmation = [m for m in site.mails(to=address) if title in (m["Subject"] or "")][-1]
    assert any(part.get_content_type() == "text/calendar" for part in confirmation.walk())
    page.goto(manage_link(site, address, re.escape(title)))
    expect(page.locator("main")).to_contain_text("Registered as Ida Visitor")
    cancel_from_manage_page(page, title)
    expect(page.locator("main")).to_contain_text("You have no registrations for upcoming sessions.")
    assert state.registration(site, session["id"], address)[1] == "cancelled"


def _full_session(site):
    """The first open session with a capacity whose places are all taken."""
    for session in state.open_sessions(site):
        taken = state.counts(site, session["id"])
        if session["capacity"] and taken["confirmed"] >= session["capacity"]:
            return session
    pytest.fail("the demo network should have a fully booked session")


def _fill_free_places(page, site, session, width):
    """Visitors from areas under the limit take any free places, as the public would."""
    free = session["capacity"] - state.counts(site, session["id"])["confirmed"]
    areas = site.sql("SELECT id, name FROM network_memberarea ORDER BY name")
    for number in range(free):
        area_name = next(name for area_id, name in areas if session["max_per_area"] is None
                         or state.area_load(site, session["id"], area_id) < session["max_per_area"])
        page.goto(state.page_path(session))
        form = page.locator("form.registration-form")
        form.get_by_label("Your name").fill(f"Filler {number}")
        form.get_by_label("E-mail address").fill(f"filler-{width}-{number}@example.org")
        form.get_by_label("Your member area").select_option(label=area_name)
        form.get_by_role("button", name="Register").click()
        expect(page.locator("main")).to_contain_text("Check your e-mail to confirm")
        confirm_from_email(page, site, f"filler-{width}-{number}@example.org", session["title"])
        expect(page.locator("main")).to_contain_text("is confirmed")


def test_waiting_list_member_is_promoted_when_someone_cancels(page, browser, width):
    site = page.site
    username = MEMBERS[width]
    address = state.user_email(site, username)
    session = _full_session(site)
    title = session["title"]

    mine = state.registration(site, session["id"], address)
    if mine and mine[1] != "cancelled":
        # The demo gives the member a place here; giving it up first puts them in the queue.
        log_in(page, username)
        page.get_by_role("banner").get_by_role("link", name="My sessions").click()
        cancel_from_manage_page(page, title)
        page.context.clear_cookies()
    # Someone from the public takes any place that came free.
    _fill_free_places(page, site, session, width)
    assert state.counts(site, session["id"])["confirmed"] == session["capacity"]

    log_in(page, username)
    page.goto(state.page_path(session))
    expect(page.locator("#register")).to_contain_text("All places are taken.")
    page.locator("form.registration-form").get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("main")).to_contain_text("you are on the waiting list")
    position = int(re.search(r"You are number (\d+) on the waiting list",
                             page.locator("#register").inner_text()).group(1))
    assert state.registration(site, session["id"], address)[1] == "waiting"

    # People with places cancel through the links in their own e-mails, in another browser.
    others = site.sql("""SELECT p.manage_token, r.id FROM network_sessions_registration r
                         JOIN network_sessions_participant p ON p.id = r.participant_id
                         WHERE r.session_id = ? AND r.status = 'confirmed' AND p.user_id IS NULL
                         ORDER BY r.seat DESC LIMIT ?""", session["id"], position)
    assert len(others) == position
    other_context = browser.new_context(base_url=site.url)
    try:
        other = other_context.new_page()
        for token, registration_id in others:
            other.goto(f"/en/registrations/{token}/{registration_id}/cancel/")
            other.get_by_role("button", name="Yes, cancel my place").click()
            expect(other.locator("main")).to_contain_text("is cancelled")
    finally:
        other_context.close()

    assert state.registration(site, session["id"], address)[1] == "confirmed"
    assert state.counts(site, session["id"])["confirmed"] == session["capacity"]
    page.get_by_role("banner").get_by_role("link", name="My sessions").click()
    expect(page.locator(".session-card", has_text=title)).to_contain_text("You have a place.")
    promoted = [m for m in site.mails(to=address) if title in (m["Subject"] or "")]
    assert promoted and re.search(r"place", promoted[-1]["Subject"], re.I)
