"""The base site: home page, navigation, error pages, static assets, robots and sitemap."""
import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_home_page_renders_with_navigation(client, site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'href="/members/"' in html


def test_unknown_url_gives_friendly_404(client, site):
    response = client.get("/no-such-page/")
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

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"Traceback" not in response.content


def test_bad_request_and_csrf_failure_pages(client, site):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/account/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert b"Cookies needed" in response.content  # the test client sent no CSRF cookie
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400



def test_media_route_never_serves_document_files_directly(settings):
    """Documents (some are confidential attachments) only go through the permission-checked view."""
    import importlib

    from django.urls import Resolver404, resolve

    import network.urls

    settings.SERVE_MEDIA = True
    try:
        importlib.reload(network.urls)
        assert resolve("/media/images/photo.png", urlconf=network.urls).func.__name__ == "serve"
        with pytest.raises(Resolver404):  # no route: the visitor gets a 404
            resolve("/media/documents/plan.pdf", urlconf=network.urls)
    finally:
        settings.SERVE_MEDIA = False
        importlib.reload(network.urls)
