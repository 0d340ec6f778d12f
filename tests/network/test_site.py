"""The base site: home page, navigation, error pages, static assets, robots and sitemap."""
import pytest
from django.test import Client, override_settings

from tests.media import media_served_from

pytestmark = pytest.mark.django_db


def test_home_page_renders_with_navigation(client, site):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'href="/en/members/"' in html


def test_unknown_url_gives_friendly_404(client, site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Traceback" not in response.content


def test_robots_and_sitemap(client, site):
    assert b"Disallow: /admin/" in client.get("/robots.txt").content
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<urlset" in response.content


def test_admin_shows_login_page(client, site):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert b'name="password"' in response.content


@override_settings(DEBUG=False)
def test_server_error_page_leaks_nothing(rf):
    from network.views import server_error

    response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"Traceback" not in response.content


def test_bad_request_and_csrf_failure_pages(client, site):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/en/account/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert b"Cookies needed" in response.content  # the test client sent no CSRF cookie
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400



@pytest.fixture
def served_media(settings, tmp_path):
    """The media route as the README's serve command has it (SERVE_MEDIA=1), over files on disk:
    an image and a confidential document."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.txt").write_bytes(b"PUBLICPHOTO")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "minutes.txt").write_bytes(b"CONFIDENTIALMINUTES")
    with media_served_from(settings, tmp_path):
        yield tmp_path


@pytest.mark.parametrize("path", [
    "/media/documents/minutes.txt",
    "/media//documents/minutes.txt",
    "/media/./documents/minutes.txt",
    "/media/images/../documents/minutes.txt",
    "/media/%2e/documents/minutes.txt",
    "/media/%2E/documents/minutes.txt",
    "/media/images/%2e%2e/documents/minutes.txt",
    "/media/images%2f..%2fdocuments/minutes.txt",
    "/media/images/..%5cdocuments/minutes.txt",
    "/media/Documents/minutes.txt",
    "/media/documents",
    "/media/documents/",
])
def test_media_route_never_serves_documents_by_any_spelling(client, served_media, path):
    """Documents (some are confidential intervision attachments) only go through Wagtail's
    permission-checked document view; the plain media route answers 404, as for a missing file."""
    response = client.get(path)
    assert response.status_code == 404
    assert b"CONFIDENTIALMINUTES" not in b"".join(getattr(response, "streaming_content", [])) + (
        b"" if response.streaming else response.content)


def test_media_route_serves_images(client, served_media):
    response = client.get("/media/images/photo.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PUBLICPHOTO"
