"""HEAD requests get the headers of a GET and no body, at the WSGI level where gunicorn sees it.

Django's test client drops HEAD bodies itself (as runserver does), so these tests call the WSGI
application directly, the way gunicorn does, wsgi.file_wrapper included.
"""
from io import BytesIO
from wsgiref.util import FileWrapper, setup_testing_defaults

import pytest
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from wagtail.documents.models import Document
from wagtail.models import Collection

from network.middleware import HeadWithoutBodyMiddleware

pytestmark = pytest.mark.django_db

DOCUMENT_BYTES = b"Minutes of the working group on vacancy.\n" * 50


@pytest.fixture
def wsgi(site):
    """Call the WSGI application like a server: returns (status, headers, body bytes)."""
    # As Django's test client does: the handler's connection housekeeping would otherwise
    # close the connection inside the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    application = WSGIHandler()

    def call(method, path):
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "testserver",
                   "SERVER_NAME": "testserver", "wsgi.input": BytesIO(),
                   "wsgi.file_wrapper": FileWrapper}
        setup_testing_defaults(environ)
        started = {}

        def start_response(status, headers, exc_info=None):
            started.update(status=status, headers=headers)

        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()
        return started["status"], started["headers"], body

    yield call
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def comparable(headers):
    # The CSRF cookie (set by pages with a form) is new on every response. Header names are
    # case-insensitive (Wagtail's document view sends "Content-length").
    return sorted((name.lower(), value) for name, value in headers if name != "Set-Cookie")


def make_document(name="minutes.txt"):
    document = Document(title="Minutes", collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(DOCUMENT_BYTES), save=False)
    document.save()
    return document


@pytest.fixture
def on_disk(settings, tmp_path):
    """Documents in files on disk, as in production: Wagtail's serve view needs a real path
    (with the test settings' in-memory storage it answers 404)."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)}}}


def assert_head_is_get_without_body(wsgi, path, content_type):
    get_status, get_headers, get_body = wsgi("GET", path)
    head_status, head_headers, head_body = wsgi("HEAD", path)

    assert get_status == head_status == "200 OK"
    assert get_body and head_body == b""
    assert comparable(head_headers) == comparable(get_headers)
    headers = dict(comparable(get_headers))
    assert headers["content-type"].startswith(content_type)
    return headers, get_body


def test_head_of_a_page_has_no_body(wsgi):
    headers, body = assert_head_is_get_without_body(wsgi, "/en/", "text/html")
    assert headers["content-length"] == str(len(body))


def test_head_of_a_calendar_feed_has_no_body(wsgi):
    headers, body = assert_head_is_get_without_body(wsgi, "/calendar/sessions.ics", "text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")
    assert headers["content-length"] == str(len(body)) and "etag" in headers


def test_head_of_a_document_has_no_body(wsgi, on_disk):
    document = make_document()
    headers, body = assert_head_is_get_without_body(wsgi, document.url, "text/plain")
    assert body == DOCUMENT_BYTES
    assert headers["content-length"] == str(len(DOCUMENT_BYTES))


# --- the middleware on its own ---------------------------------------------------------------


def run(method, response):
    return HeadWithoutBodyMiddleware(lambda request: response)(RequestFactory().generic(method, "/"))


def test_head_closes_the_file_of_a_file_response_at_once(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7 plan")
    file = path.open("rb")
    response = run("HEAD", FileResponse(file))
    assert file.closed
    assert response.file_to_stream is None  # so no wsgi.file_wrapper sends the file after all
    assert b"".join(response) == b""
    assert response["Content-Length"] == str(len(b"%PDF-1.7 plan"))


def test_head_empties_streaming_responses_and_keeps_headers():
    response = run("HEAD", StreamingHttpResponse(iter([b"a", b"b"]), content_type="text/csv"))
    assert b"".join(response) == b"" and response["Content-Type"] == "text/csv"
    assert not response.has_header("Content-Length")  # a GET would not send one either


def test_other_methods_keep_their_body(tmp_path):
    assert run("GET", HttpResponse(b"hello")).content == b"hello"
    assert run("POST", HttpResponse(b"hello")).content == b"hello"
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF")
    assert b"".join(run("GET", FileResponse(path.open("rb")))) == b"%PDF"


def test_head_of_an_old_address_redirects_like_get(wsgi):
    get_status, get_headers, _body = wsgi("GET", "/")
    head_status, head_headers, head_body = wsgi("HEAD", "/")
    assert get_status == head_status == "302 Found"
    assert dict(get_headers)["Location"] == dict(head_headers)["Location"] == "/en/"
    assert head_body == b""
