"""Journeys 7 and 8 (#14): a locked login lifted by the organiser, and a new e-mail address
confirmed from its mailbox before anything is matched on it."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, admin_log_in, log_in, open_admin_menu_item

pytestmark = pytest.mark.browser


def test_organiser_unlocks_an_account_locked_by_wrong_passwords(page, width):
    """The editor mistypes the password until the login locks; the organiser lifts the lock
    under Settings → Locked accounts; the right password then works."""
    page.watch.expect_status(429, "POST", "/en/account/login/")
    for attempt in range(1, 7):
        log_in(page, "editor", password=f"wrong-{attempt}")
        if page.get_by_role("heading", name="Login locked").count():
            break
    expect(page.get_by_role("heading", level=1)).to_have_text("Login locked")
    expect(page.locator("main")).to_contain_text("Too many failed attempts")
    # Even the right password does not open a locked account.
    log_in(page, "editor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Login locked")

    admin_log_in(page, "organiser")
    open_admin_menu_item(page, "Locked accounts", submenu="Settings")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Locked accounts")
    page.get_by_role("button", name="Unlock editor").click()
    expect(page.locator(".messages")).to_contain_text("editor can log in again.")
    expect(page.get_by_role("button", name="Unlock editor")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, "editor", password=PASSWORD)
    expect(page.get_by_role("heading", name="Login locked")).to_have_count(0)
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_contributor_changes_their_address_and_confirms_it_from_the_mailbox(page, width):
    """The new address is saved but not trusted until the link sent to it is followed."""
    site = page.site
    address = f"contributor.{width}@vlaardingen.example"
    admin_log_in(page, "contributor")
    page.goto("/admin/account/")
    page.locator("#id_email-email").fill(address)
    page.get_by_role("button", name=re.compile("^Save", re.I)).click()
    expect(page.locator(".messages")).to_contain_text(f"We have sent a confirmation link to {address}")
    expect(page.locator("#id_email-email")).to_have_value(address)
    expect(page.locator("main")).to_contain_text("Not confirmed yet")

    (message,) = [m for m in site.mails(to=address) if "Confirm your e-mail" in (m["Subject"] or "")]
    link = re.search(r"https?://[^/\s]+((?:/(?:en|nl|da))?/account/email/confirm/\S+/)",
                     site.mail_text(message)).group(1)
    # Up to 15 s of that goes to holding the navigation until axe has checked the admin page
    # (conftest's guard), which on a busy 2-core CI machine can leave too little of the default.
    page.goto(link, timeout=30_000)  # opening the link (as a mail scanner would) confirms nothing yet
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")
    assert site.sql("SELECT COUNT(*) FROM network_verifiedemail WHERE email = ?", address) == [(0,)]
    page.get_by_role("button", name="Confirm this address").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail address confirmed")
    assert site.sql("SELECT COUNT(*) FROM network_verifiedemail WHERE email = ?", address) == [(1,)]
    page.goto("/admin/account/")
    expect(page.locator("main")).to_contain_text("Confirmed.")
