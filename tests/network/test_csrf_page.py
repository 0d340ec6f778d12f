"""The page for a refused form (CSRF failure) says what actually happened, and nothing more."""
import re

import pytest
from django.middleware import csrf
from django.test import Client

from network.csrf import failure_cause

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
LOGIN = "/en/account/login/"


@pytest.mark.parametrize(("reason", "cause"), [
    (csrf.REASON_BAD_ORIGIN % "null", "origin"),
    (csrf.REASON_BAD_ORIGIN % "https://evil.example", "origin"),
    (csrf.REASON_NO_REFERER, "origin"),
    (csrf.REASON_BAD_REFERER % "https://evil.example/form", "origin"),
    (csrf.REASON_MALFORMED_REFERER, "origin"),
    (csrf.REASON_INSECURE_REFERER, "origin"),
    (csrf.REASON_NO_CSRF_COOKIE, "cookie"),
    (csrf.REASON_CSRF_TOKEN_MISSING, "token"),
    ("CSRF token from POST incorrect.", "token"),
    ("CSRF token from POST has incorrect length.", "token"),
    ("CSRF token from the 'X-Csrftoken' HTTP header has invalid characters.", "token"),
    ("CSRF cookie has incorrect length.", "token"),
    ("", "token"),
])
def test_every_django_reason_has_a_cause(reason, cause):
    assert failure_cause(reason) == cause


def token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def refused(response):
    assert response.status_code == 403
    html = response.content.decode()
    assert '<main id="main"' in html  # the site's layout (base.html)
    return html


def test_form_from_another_site_is_explained_without_echoing_it(site):
    browser = Client(enforce_csrf_checks=True)
    token = token_of(browser.get(LOGIN))
    evil = "https://evil.example/<b>steal</b>"
    response = browser.post(LOGIN, {"username": "anna-secret-name", "password": "y",
                                    "csrfmiddlewaretoken": token}, HTTP_ORIGIN=evil)
    html = refused(response)
    assert "Form not accepted" in html and "did not come from a page of this site" in html
    assert "cookie" not in html.lower()
    for echo in ("evil.example", "steal", "anna-secret-name", "trusted origins", "Origin checking"):
        assert echo not in html


def test_https_form_without_origin_or_referer_is_an_unknown_origin(site):
    browser = Client(enforce_csrf_checks=True)
    token = token_of(browser.get(LOGIN, secure=True))
    html = refused(browser.post(LOGIN, {"username": "x", "password": "y",
                                        "csrfmiddlewaretoken": token}, secure=True))
    assert "Form not accepted" in html and "Referer" not in html


def test_missing_cookie_says_cookies_are_blocked(site):
    browser = Client(enforce_csrf_checks=True)
    token = token_of(browser.get(LOGIN))
    browser.cookies.clear()
    html = refused(browser.post(LOGIN, {"username": "x", "password": "y",
                                        "csrfmiddlewaretoken": token}, HTTP_ORIGIN=ORIGIN))
    assert "Cookies needed" in html and "Allow cookies for this site" in html
    # The page sets a fresh cookie, so reloading and sending again can work.
    assert "csrftoken" in browser.cookies


def test_token_from_before_logging_in_elsewhere_says_the_form_expired(site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    browser = Client(enforce_csrf_checks=True)
    old_token = token_of(browser.get(LOGIN))  # one tab keeps the form open
    other_tab = token_of(browser.get(LOGIN))
    login = browser.post(LOGIN, {"username": "anna", "password": "a-long-passphrase-1",
                                 "csrfmiddlewaretoken": other_tab}, HTTP_ORIGIN=ORIGIN)
    assert login.status_code == 302  # logging in gives the browser a new CSRF secret

    html = refused(browser.post("/en/account/logout/", {"csrfmiddlewaretoken": old_token},
                                HTTP_ORIGIN=ORIGIN))
    assert "Form expired" in html and "logged in or out" in html
    assert "cookie" not in html.lower()

