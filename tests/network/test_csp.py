"""Content-Security-Policy (#14 item 8): every public page of the demo network carries the
strict policy (no inline script or style allowed, and none in the HTML), the Wagtail admin its
own looser one, and browsers can report violations without being able to break anything.
"""
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from network.models import MemberArea, Theme

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def directives(response, header=HEADER):
    """The policy a response carries, as {directive: [sources]}."""
    assert header in response, f"no {header} on {response.request['PATH_INFO']}"
    policy = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_public_policy(response):
    policy = directives(response)
    where = response.request["PATH_INFO"]
    assert policy["script-src"] == ["'self'"], where
    assert policy["style-src"] == ["'self'"], where
    assert policy["object-src"] == ["'none'"], where
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], where


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts without a nonce, event-handler
    attributes, javascript: URLs, style attributes and <style> elements."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name == "style":
                self.found.append(f"<{tag} style=…>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script":
            executable = attrs.get("type") in (None, "", "text/javascript", "module")
            self._script = attrs if executable and "src" not in attrs and "nonce" not in attrs else None

    def handle_data(self, data):
        if self._script is not None and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]}")
            self._script = None

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def public_pages():
    """Every live page of the page tree, plus the listings, account pages and search."""
    urls = ["/en/members/", "/en/members/people/", "/en/search/?q=centre", "/en/account/login/",
            "/en/account/password-reset/", "/en/intervisions/summaries/", "/en/intervisions/records/",
            "/en/intervisions/actions/", "/en/account/sessions/", "/en/account/profile/"]
    urls += [area.get_absolute_url() for area in MemberArea.objects.all()]
    urls += [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls


def feeds():
    return ["/feeds/case-studies/", "/calendar/sessions.ics", "/sitemap.xml", "/robots.txt"] + [
        f"/feeds/case-studies/themes/{theme.slug}/" for theme in Theme.objects.all()[:2]]


def test_every_public_page_is_served_under_the_strict_policy_and_runs_no_inline_code(demo_network, site):
    client = Client()
    client.force_login(get_user_model().objects.get(username="member"))
    urls = public_pages()
    assert len(urls) > 30  # the walk covers the demo network
    problems = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        assert_public_policy(response)
        problems += [(url, found) for found in inline_code(response.content.decode())]
    assert problems == []


def test_anonymous_visitors_and_feeds_get_the_strict_policy_too(demo_network, site):
    client = Client()
    for url in ["/en/", "/en/members/", "/en/account/login/"] + feeds():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response)
        if response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content.decode()) == [], url


def test_editors_see_their_userbar_on_public_pages_without_inline_code(demo_network, site):
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get("/en/")
    assert b"wagtail-userbar" in response.content  # the editor's userbar is on the page
    assert_public_policy(response)
    assert inline_code(response.content.decode()) == []


def test_error_pages_carry_the_public_policy(site):
    not_found = Client().get("/en/no-such-page/")
    assert not_found.status_code == 404
    assert_public_policy(not_found)
    assert inline_code(not_found.content.decode()) == []

    csrf_client = Client(enforce_csrf_checks=True)
    refused = csrf_client.post("/en/account/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    assert_public_policy(refused)
    assert inline_code(refused.content.decode()) == []


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/",
                                 "/admin/snippets/"])
def test_the_admin_has_its_own_policy_that_still_forbids_eval_and_foreign_hosts(demo_network, site, url):
    client = Client()
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get(url, follow=True)  # /admin/pages/ leads editors to their section
    assert response.status_code == 200, url
    assert response.request["PATH_INFO"].startswith("/admin/")
    policy = directives(response)
    # Wagtail's admin runs inline scripts and style attributes (date pickers, inline panels).
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response[HEADER]
    # Page previews are shown in an iframe of the admin itself, and nowhere else.
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]


def test_the_admin_login_page_is_under_the_admin_policy(site):
    policy = directives(Client().get("/admin/login/"))
    assert policy["frame-ancestors"] == ["'self'"]


def test_page_previews_get_the_public_policy_and_may_be_framed_by_the_admin(demo_network, site, rf):
    """Wagtail renders a preview by sending a made-up request for the page's own URL through the
    middleware; the admin shows the result in an iframe of its preview panel."""
    page = Page.objects.get(url_path="/home/about/").specific
    original = rf.get(f"/admin/pages/{page.pk}/edit/preview/")
    original.user = get_user_model().objects.get(username="admin")
    response = page.make_preview_request(original, page.default_preview_mode)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]  # 'none' would leave the preview panel blank
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


def test_embedded_videos_play_under_the_public_policy(site):
    """The video block embeds the provider's iframe: its host is allowed to be framed."""
    from django.conf import settings
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from network.blocks import VideoBlock

    url = "https://www.youtube.com/watch?v=csp-test"  # stored below: no request to YouTube
    Embed.objects.create(url=url, hash=get_embed_hash(url), type="video", width=480, height=270,
                         html='<iframe src="https://www.youtube.com/embed/csp-test" title="Video"></iframe>')
    block = VideoBlock()
    html = block.render(block.to_python({"video": url, "caption": "A walk"}))
    assert 'src="https://www.youtube.com/embed/csp-test"' in html
    assert inline_code(html) == []
    frame_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    assert "https://www.youtube.com" in frame_src


def test_requests_over_https_are_told_to_upgrade_insecure_links(site):
    secure = Client().get("/en/account/login/", secure=True)
    assert "upgrade-insecure-requests" in directives(secure)
    # A plain-HTTP local trial must not be sent to https:// for its own files.
    assert "upgrade-insecure-requests" not in directives(Client().get("/en/account/login/"))


def test_a_response_with_its_own_policy_keeps_it(rf):
    """Wagtail serves documents and images with "default-src 'none'": stricter, and kept."""
    from django.http import HttpResponse

    from network.csp import NetworkCSPMiddleware

    def serve_document(request):
        response = HttpResponse(b"plan", content_type="text/plain")
        response[HEADER] = "default-src 'none'"
        return response

    for path in ("/documents/1/plan.txt", "/admin/documents/1/"):
        response = NetworkCSPMiddleware(serve_document)(rf.get(path))
        assert response[HEADER] == "default-src 'none'"


def test_violation_reports_are_logged_and_answered_without_content(client, caplog):
    report = b'{"csp-report": {"document-uri": "http://testserver/", "violated-directive": "script-src"}}'
    response = client.post("/csp-report/", report, content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src" in caplog.text


@pytest.mark.parametrize("method, body, content_type, status", [
    ("get", None, None, 405),
    ("post", b"not json", "application/json", 400),
    ("post", b"\xff\xfe", "application/csp-report", 400),
    ("post", b'"just a string"', "application/json", 400),
    ("post", b"{}", "text/html", 415),
    ("post", b'{"a": "' + b"x" * 20_000 + b'"}', "application/json", 413),
])
def test_garbage_sent_to_the_report_address_gets_a_clear_4xx(client, method, body, content_type, status):
    if method == "get":
        response = client.get("/csp-report/")
    else:
        response = client.post("/csp-report/", body, content_type=content_type)
    assert response.status_code == status
