"""What only a real server shows: HEAD requests under gunicorn send headers and no body (the
test client drops bodies by itself, gunicorn logs the app's mistake), and the brand is the
site's name whatever host and port serve it."""
import re
import socket
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def raw_request(site, method, path):
    """Send ``method path`` exactly as written, over a plain socket (no client normalises the
    path), and return everything the server wrote back."""
    host = urlsplit(site.url)
    with socket.create_connection((host.hostname, host.port), timeout=30) as connection:
        connection.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host.netloc}\r\nConnection: close\r\n\r\n"
                           .encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def raw_head(site, path):
    """Send HEAD over a plain socket and return everything the server wrote back."""
    return raw_request(site, "HEAD", path)


def test_head_requests_get_headers_and_no_body(live_site):
    document = live_site.sql("SELECT id, file FROM wagtaildocs_document ORDER BY id LIMIT 1")
    paths = ["/en/", "/en/case-studies/", "/calendar/sessions.ics", "/feeds/case-studies/", "/en/members/"]
    if document:
        doc_id, file_name = document[0]
        paths.append(f"/documents/{doc_id}/{file_name.rsplit('/', 1)[-1]}")
    log_start = live_site.log.stat().st_size
    for path in paths:
        answer = raw_head(live_site, path)
        head, _, body = answer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        assert status < 500, (path, head)
        assert body == b"", f"HEAD {path} sent {len(body)} body bytes"
        get_status, headers, get_body = live_site.fetch(path)
        assert get_status == status
        length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        if length:
            # Same length as the GET would send: a client may rely on it.
            assert int(length.group(1)) == len(get_body), path
    with open(live_site.log, "rb") as log:
        log.seek(log_start)
        assert b"no-body response" not in log.read()


def test_the_brand_is_the_site_name_not_the_host(page):
    page.goto("/en/account/login/")
    host = urlsplit(page.site.url).netloc
    assert page.title().endswith("· Centre Network")
    assert host not in page.locator("header").inner_text()
    assert host not in page.locator("footer").inner_text()


def raw_get(site, path):
    """GET ``path`` exactly as written and return status and body."""
    head, _, body = raw_request(site, "GET", path).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_served_media_never_hands_out_a_document_file(live_site):
    """Under gunicorn with SERVE_MEDIA=1 (the README's serve command), a document file in
    MEDIA_ROOT is unreachable through /media/ by any spelling of its path; images still load."""
    media = live_site.workdir / "media"
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "served-secret.txt").write_bytes(b"SERVEDSECRET")
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "images" / "served-public.txt").write_bytes(b"SERVEDPUBLIC")
    for path in ["/media/documents/served-secret.txt", "/media//documents/served-secret.txt",
                 "/media/./documents/served-secret.txt", "/media/images/../documents/served-secret.txt",
                 "/media/%2e/documents/served-secret.txt", "/media/images/%2e%2e/documents/served-secret.txt",
                 "/media/images%2F..%2Fdocuments/served-secret.txt", "/media/Documents/served-secret.txt",
                 "//media/documents/served-secret.txt"]:
        status, body = raw_get(live_site, path)
        assert status == 404, path
        assert b"SERVEDSECRET" not in body, path
    assert raw_get(live_site, "/media/images/served-public.txt") == (200, b"SERVEDPUBLIC")


def test_served_demo_attachment_is_refused_by_every_path_spelling(live_site):
    """The demo's real intervision attachments (restricted collection), as gunicorn serves
    them: no spelling of their media path and not Wagtail's document view hand them to an
    anonymous visitor (tests/intervisions/test_attachment_paths.py covers the logged-in roles)."""
    rows = live_site.sql("SELECT d.id, d.file FROM wagtaildocs_document d JOIN wagtailcore_collection c "
                         "ON c.id = d.collection_id WHERE c.name = 'Intervision attachments'")
    assert rows, "the demo network has no intervision attachment"
    for doc_id, file_name in rows:
        content = (live_site.workdir / "media" / file_name).read_bytes()
        name = file_name.rsplit("/", 1)[-1]
        for path in [f"/media/{file_name}", f"/media//documents/{name}", f"/media/./documents/{name}",
                     f"/media/images/../documents/{name}", f"/media/%2e/documents/{name}",
                     f"/media/DOCUMENTS/{name}", f"/documents/{doc_id}/{name}"]:
            status, body = raw_get(live_site, path)
            assert status in (302, 404), path
            assert content not in body, path
