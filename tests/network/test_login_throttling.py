"""#14 item 4: logins and password-reset requests are throttled (django-axes + network/throttling.py).

An account locks after 5 failed logins (whichever spelling was typed) for 15 minutes, on every
login form; one client address only after 50, so an office is not locked out by one person;
organisers unlock in the admin; password-reset requests are limited per address and per client.
"""
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.utils import timezone

from casestudies.roles import CONTRIBUTORS
from network.permissions import ORGANISERS
from network.throttling import client_ip

PASSWORD = "right-passphrase-1"  # noqa: S105
LOGIN_FORMS = ["/en/account/login/", "/admin/login/"]


@pytest.fixture
def alice(django_user_model, site):
    user = django_user_model.objects.create_user("alice", "Alice@Example.org", PASSWORD)
    # In the Organisers group, so that the admin's login lets her in too.
    user.groups.add(Group.objects.get(name=ORGANISERS))
    return user


def post_login(client, path, username, password):
    return client.post(path, {"username": username, "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


def fail(client, path, username, times):
    for _ in range(times):
        post_login(client, path, username, "wrong-password")


# --- accounts lock -----------------------------------------------------------------------------

SPELLINGS = ["alice", "ALICE@example.ORG"]


def test_forty_wrong_passwords_then_the_right_one_does_not_log_in(client, alice):
    """On both login forms, by username and by e-mail address (10 wrong passwords each)."""
    for path in LOGIN_FORMS:
        for spelling in SPELLINGS:
            fail(client, path, spelling, 10)
    for path in LOGIN_FORMS:
        for spelling in SPELLINGS:
            response = post_login(client, path, spelling, PASSWORD)
            assert response.status_code == 429
            assert "Too many failed attempts; try again in 15 minutes" in response.content.decode()
            assert not logged_in(client)


@pytest.mark.parametrize("path", LOGIN_FORMS)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_five_wrong_passwords_lock_the_account_on_every_login_form(client, alice, path, spelling):
    fail(client, path, spelling, 5)
    assert post_login(client, path, spelling, PASSWORD).status_code == 429
    assert not logged_in(client)


def test_username_and_email_spellings_count_for_the_same_account(client, alice):
    fail(client, "/en/account/login/", "alice", 3)
    fail(client, "/admin/login/", "alice@EXAMPLE.org", 2)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 429
    assert post_login(client, "/en/account/login/", "Alice@Example.org", PASSWORD).status_code == 429
    assert not logged_in(client)


def test_a_few_wrong_passwords_do_not_lock_and_a_success_starts_the_count_again(client, alice):
    fail(client, "/en/account/login/", "alice", 4)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 302
    client.logout()
    fail(client, "/en/account/login/", "alice", 4)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 302


def test_the_lock_page_says_what_happened_and_what_to_do_in_the_site_layout(client, alice):
    fail(client, "/en/account/login/", "alice", 5)
    response = post_login(client, "/en/account/login/", "alice", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Login locked</h1>" in html
    assert "Too many failed attempts; try again in 15 minutes." in html
    assert "ask an organiser of the network to unlock your account" in html
    assert 'href="/en/account/password-reset/"' in html
    assert '<a class="skip-link"' in html or "<header" in html  # the site's base layout


def test_the_admin_login_shows_the_same_lock_page(client, alice):
    fail(client, "/admin/login/", "alice", 5)
    response = post_login(client, "/admin/login/", "alice", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts; try again in 15 minutes." in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still sent to the login


def test_the_lock_lapses_after_the_cool_off(client, alice, monkeypatch):
    fail(client, "/en/account/login/", "alice", 5)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 429
    later = timezone.now() + timedelta(minutes=16)
    monkeypatch.setattr("axes.handlers.proxy.now", lambda: later)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 302
    assert logged_in(client)


# --- one address, many people -------------------------------------------------------------------

def test_other_accounts_from_the_same_address_still_log_in(client, alice, django_user_model):
    """An office behind one address: a colleague's lock does not lock the others out."""
    django_user_model.objects.create_user("bob", "bob@example.org", PASSWORD)
    fail(client, "/en/account/login/", "bob", 6)
    fail(client, "/en/account/login/", "someone-else", 4)
    assert post_login(client, "/en/account/login/", "bob", PASSWORD).status_code == 429
    assert post_login(client, "/en/account/login/", "alice@example.org", PASSWORD).status_code == 302
    assert logged_in(client)


def test_an_address_is_locked_after_many_failures_over_many_accounts(client, alice, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10  # 50 by default: the same rule, fewer requests
    for number in range(5):  # 2 per invented account: no account is locked
        fail(client, "/en/account/login/", f"guess-{number}", 2)
    response = post_login(client, "/en/account/login/", "alice", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    # Another address (another office) is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert post_login(other, "/en/account/login/", "alice", PASSWORD).status_code == 302


def test_logging_in_to_ones_own_account_does_not_wipe_the_address_count(client, alice, settings,
                                                                        django_user_model):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    django_user_model.objects.create_user("mallory", "mallory@example.org", PASSWORD)
    for number in range(4):
        fail(client, "/en/account/login/", f"guess-{number}", 2)
    assert post_login(client, "/en/account/login/", "mallory", PASSWORD).status_code == 302
    client.logout()
    fail(client, "/en/account/login/", "guess-last", 2)
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 429


def test_client_address_is_taken_from_the_proxy_only_when_one_is_configured(settings):
    request = RequestFactory().get("/en/", REMOTE_ADDR="10.0.0.2",
                                   HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # the header is anyone's to send
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what the proxy appended, not the client's claim
    garbled = RequestFactory().get("/en/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbled) == "10.0.0.2"


def test_behind_the_proxy_each_client_address_counts_on_its_own(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(10):
        client.post("/en/account/login/", {"username": f"guess-{number}", "password": "x"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.9", **proxy)
    attacker = client.post("/en/account/login/", {"username": "alice", "password": PASSWORD},
                           HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.9", **proxy)
    assert attacker.status_code == 429  # inventing left-hand entries does not help
    colleague = Client()
    assert colleague.post("/en/account/login/", {"username": "alice", "password": PASSWORD},
                          HTTP_X_FORWARDED_FOR="192.0.2.10", **proxy).status_code == 302


# --- organisers unlock ----------------------------------------------------------------------------

def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_an_organiser_unlocks_an_account_and_the_right_password_works_again(client, alice,
                                                                           django_user_model):
    fail(client, "/en/account/login/", "alice", 5)
    organiser = Client(enforce_csrf_checks=True)
    organiser.force_login(_staff(django_user_model, "olga", ORGANISERS))
    # The Settings menu (Wagtail's sidebar, given as JSON) links to the list.
    assert '"url": "/admin/locked-accounts/"' in organiser.get("/admin/").content.decode()
    page = organiser.get("/admin/locked-accounts/")
    html = page.content.decode()
    assert page.status_code == 200 and "alice" in html and "Unlock alice" in html
    assert organiser.post("/admin/locked-accounts/", {"username": "alice"}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    unlocked = organiser.post("/admin/locked-accounts/", {"username": "alice",
                                                           "csrfmiddlewaretoken": token}, follow=True)
    assert "alice can log in again." in unlocked.content.decode()
    assert "No account is locked." in unlocked.content.decode()
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 302


def test_an_organiser_unlocks_a_client_address(client, alice, django_user_model, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 10
    for number in range(5):
        fail(client, "/en/account/login/", f"guess-{number}", 2)
    organiser = Client()
    organiser.force_login(_staff(django_user_model, "olga", ORGANISERS))
    assert "Unlock 127.0.0.1" in organiser.get("/admin/locked-accounts/").content.decode()
    garbage = organiser.post("/admin/locked-accounts/", {"ip_address": "not-an-ip"}, follow=True)
    assert "Choose an account or an address to unlock." in garbage.content.decode()
    organiser.post("/admin/locked-accounts/", {"ip_address": "127.0.0.1"})
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 302


def test_a_contributor_can_neither_see_nor_use_the_unlock_view(client, alice, django_user_model):
    fail(client, "/en/account/login/", "alice", 5)
    contributor = Client()
    contributor.force_login(_staff(django_user_model, "carl", CONTRIBUTORS))
    assert "/admin/locked-accounts/" not in contributor.get("/admin/").content.decode()
    listing = contributor.get("/admin/locked-accounts/")
    assert listing.status_code in (302, 403) and "alice" not in listing.content.decode()
    contributor.post("/admin/locked-accounts/", {"username": "alice"})
    assert post_login(client, "/en/account/login/", "alice", PASSWORD).status_code == 429


# --- password reset requests ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/en/account/password-reset/", "/admin/password_reset/"])
def test_password_reset_mails_stop_after_three_requests_per_address_with_the_same_answer(
        client, alice, mailoutbox, path):
    answers = [client.post(path, {"email": "alice@example.org"}) for _ in range(5)]
    assert len(mailoutbox) == 3
    # The same answer before and past the limit: nobody learns whether the account exists.
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {
        (302, answers[0]["Location"])}


def test_password_reset_requests_from_one_client_stop_with_a_clear_page(client, alice, mailoutbox):
    for number in range(20):
        assert client.post("/en/account/password-reset/",
                           {"email": f"someone-{number}@example.org"}).status_code == 302
    response = client.post("/en/account/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 429
    assert "Too many password reset requests came from your network" in response.content.decode()
    assert mailoutbox == []
    assert Client(REMOTE_ADDR="192.0.2.77").post(
        "/en/account/password-reset/", {"email": "alice@example.org"}).status_code == 302
    assert len(mailoutbox) == 1
