"""Absolute URLs come from the request in responses and from SITE_URL in e-mails.

The site is served on 127.0.0.1:8104 while its Wagtail Site record (as the demo writes it) says
127.0.0.1:8000: nothing a visitor gets may point at :8000, and the brand is the network's
name, never the host (Django's auth views put the host into the context as ``site_name``).
"""
import datetime
import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from casestudies.models import CaseStudyPage
from network.models import HomePage, Theme
from sessions.models import SessionPage, SessionSeries
from sessions.registration.places import register
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.conftest import module_data
from tests.factories import MemberAreaFactory, ThemeFactory
from tests.sessions.factories import (
    SessionIndexPageFactory,
    SessionPageFactory,
    SessionSeriesFactory,
)

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8104"
ROOT = Path(__file__).resolve().parents[2]


@module_data
def served_content():
    """The demo's Site record (port 8000) and content in every feed, made once for the module."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", 8000
    site.save()
    theme = ThemeFactory(slug="vacancy", name="Vacancy")
    series = SessionSeriesFactory(slug="working-group", name="Working group")
    library = CaseStudyIndexPageFactory(parent=HomePage.objects.get(depth=2, locale__language_code="en"))
    case = CaseStudyPageFactory(parent=library, themes=[theme])
    sessions = SessionIndexPageFactory(parent=HomePage.objects.get(depth=2, locale__language_code="en"))
    session = SessionPageFactory(parent=sessions, themes=[theme], series=series,
                                 date=timezone.localdate() + datetime.timedelta(days=60))
    return {"theme": theme.pk, "series": series.pk, "case": case.pk, "session": session.pk}


@pytest.fixture
def served(served_content, db, settings):
    """The shared content as fresh objects, SITE_URL of port 8000, and a host of 8104."""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    Site.clear_site_root_paths_cache()
    yield {"theme": Theme.objects.get(pk=served_content["theme"]),
           "series": SessionSeries.objects.get(pk=served_content["series"]),
           "case": CaseStudyPage.objects.get(pk=served_content["case"]),
           "session": SessionPage.objects.get(pk=served_content["session"])}
    Site.clear_site_root_paths_cache()


def get(client, path, **extra):
    response = client.get(path, HTTP_HOST=HOST, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def absolute_urls(text):
    """Every http(s)/webcal URL in a body, after undoing HTML escaping and URL encoding."""
    text = unquote(html.unescape(text.replace("\r\n ", "")))  # also unfold iCalendar lines
    return re.findall(r"(?:https?|webcal)://[^\s\"'<>&?#]+", text)


def assert_served_host_only(body, *, expect_some=True):
    ours = [url for url in absolute_urls(body) if url.split("://", 1)[1].startswith("127.0.0.1")]
    assert ":8000" not in unquote(html.unescape(body.replace("\r\n ", "")))
    assert all(url.split("://", 1)[1].startswith(HOST + "/") for url in ours), ours
    if expect_some:
        assert ours, "no absolute URL of the site in the body"


# --- the brand -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/account/login/", "/en/account/password-reset/",
                                  "/en/account/password-reset/sent/",
                                  "/en/account/password-reset/complete/",
                                  "/en/account/password-reset/MQ/set-password/"])
def test_account_pages_show_the_network_name_not_the_host(client, served, path):
    body = get(client, path)
    title = re.search(r"<title>(.*?)</title>", body, flags=re.S).group(1)
    brand = re.search(r'class="site-header__brand".*?<span>(.*?)</span>', body, flags=re.S).group(1)
    footer = re.search(r'id="footer-about"[^>]*>(.*?)</h2>', body, flags=re.S).group(1)
    assert title.strip().endswith("· Centre Network"), title
    assert brand == footer == "Centre Network"
    assert "127.0.0.1" not in title + brand + footer


# --- responses: the request's host -----------------------------------------------------------


def test_sitemap_and_robots_use_the_request_host(client, served):
    sitemap = get(client, "/sitemap.xml")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert f"http://{HOST}/en/" in locations
    assert any(served["case"].slug in url for url in locations)
    assert_served_host_only(sitemap)
    assert f"Sitemap: http://{HOST}/sitemap.xml" in get(client, "/robots.txt")


@pytest.mark.parametrize("path", ["/feeds/case-studies/", "/feeds/case-studies/themes/vacancy/"])
def test_rss_feeds_use_the_request_host(client, served, path):
    body = get(client, path)
    assert f"http://{HOST}/en/case-studies/{served['case'].slug}/" in body
    assert_served_host_only(body)


def test_ical_feeds_use_the_request_host(client, served):
    session = served["session"]
    for path in ["/calendar/sessions.ics", "/calendar/themes/vacancy.ics",
                 "/calendar/series/working-group.ics", f"/calendar/sessions/{session.pk}.ics"]:
        body = get(client, path)
        assert f"URL;VALUE=URI:http://{HOST}/en/sessions/{session.slug}/" in body.replace("\r\n ", "")
        assert_served_host_only(body)


def test_session_page_calendar_links_use_the_request_host(client, served):
    session = served["session"]
    body = get(client, f"/en/sessions/{session.slug}/")
    assert f'href="http://{HOST}/en/calendar/sessions/{session.pk}.ics"' in body
    google = re.search(r'href="(https://calendar\.google\.com/calendar/render\?[^"]+)"', body)
    outlook = re.search(r'href="(https://outlook\.live\.com/calendar/[^"]*compose[^"]+)"', body)
    for link in (google.group(1), outlook.group(1)):
        assert f"http://{HOST}/en/sessions/{session.slug}/" in unquote(html.unescape(link))
    assert_served_host_only(body)


@pytest.mark.parametrize("path", ["/en/", "/en/sessions/", "/en/case-studies/"])
def test_pages_name_no_other_port(client, served, path):
    assert_served_host_only(get(client, path), expect_some=path != "/en/")


def test_case_study_canonical_and_og_url_use_the_request_host(client, served):
    case = served["case"]
    body = get(client, f"/en/case-studies/{case.slug}/")
    url = f"http://{HOST}/en/case-studies/{case.slug}/"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:site_name" content="Centre Network">' in body
    assert f'<link rel="canonical" href="http://{HOST}/en/case-studies/">' in get(client, "/en/case-studies/")


def test_a_secure_request_gets_https_urls(client, served):
    body = get(client, "/sitemap.xml", secure=True)
    assert f"<loc>https://{HOST}/en/</loc>" in body


# --- outside a request: SITE_URL -------------------------------------------------------------


def test_registration_emails_use_site_url(served, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example/"
    session = served["session"]
    register(session, name="Anna", email="anna@example.org", area=MemberAreaFactory())
    body = mail.outbox[-1].body
    ours = [word for word in body.split() if "://" in word and word != session.join_url]
    assert f"https://network.example/en/sessions/{session.slug}/" in ours
    assert len(ours) >= 3 and all(url.startswith("https://network.example/") for url in ours), ours
    assert body.rstrip().endswith("Centre Network")


def test_password_reset_email_uses_site_url_and_the_network_name(client, served, settings,
                                                                 django_user_model):
    settings.WAGTAILADMIN_BASE_URL = "https://network.example"
    django_user_model.objects.create_user("anna", "anna@example.org", "pw-for-tests-1")
    response = client.post("/en/account/password-reset/", {"email": "anna@example.org"},
                           HTTP_HOST=HOST)
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "Reset your password for Centre Network"
    assert "account anna@example.org on Centre Network." in message.body
    assert re.search(r"^https://network\.example/en/account/password-reset/\S+/$", message.body,
                     flags=re.M)
    assert "127.0.0.1" not in message.body


def test_helpers(served, rf, settings):
    from network.absolute_urls import absolute_url, page_url

    settings.WAGTAILADMIN_BASE_URL = "https://network.example/"
    request = rf.get("/en/", HTTP_HOST=HOST)
    assert absolute_url("/a/", request) == f"http://{HOST}/a/"
    assert absolute_url("/a/") == "https://network.example/a/"
    assert absolute_url("https://cdn.example/x.png", request) == "https://cdn.example/x.png"
    assert absolute_url("https://cdn.example/x.png") == "https://cdn.example/x.png"
    session = served["session"]
    assert page_url(session, request) == f"http://{HOST}/en/sessions/{session.slug}/"
    assert page_url(session) == f"https://network.example/en/sessions/{session.slug}/"


def test_absolute_urls_go_through_the_helpers():
    """Wagtail's full_url / {% fullpageurl %} use the Site record's host and port; not here."""
    pattern = re.compile(r"\.(get_)?full_url\b|\{%\s*fullpageurl\s+\w")
    offenders = [str(path.relative_to(ROOT))
                 for folder in ("network", "casestudies", "sessions", "templates")
                 for path in (ROOT / folder).rglob("*")
                 if path.suffix in {".py", ".html", ".txt", ".xml"}
                 and pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
