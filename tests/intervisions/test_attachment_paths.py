"""A real intervision attachment of the demo network is reachable only through the
permission-checked views (#14 item 2).

The demo's records carry small files in the restricted "Intervision attachments" collection.
With the README's serve command (``SERVE_MEDIA=1``) the media route serves MEDIA_ROOT: no
spelling of a document's path may lead there, whoever asks, and Wagtail's own document view
refuses the file to everybody outside the Organisers group. Organisers download it from the
record's attachment address (and from Wagtail's document view).
"""

import pytest
from django.urls import reverse

from intervisions.models import IntervisionAttachment
from tests.media import media_served_from

SPELLINGS = [
    "/media/documents/{name}",
    "/media//documents/{name}",
    "/media/./documents/{name}",
    "/media/images/../documents/{name}",
    "/media/%2e/documents/{name}",
    "/media/%2E%2E/media/documents/{name}",
    "/media/images/%2e%2e/documents/{name}",
    "/media/DOCUMENTS/{name}",
    "/media/Documents/{name}",
]


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def attachment(demo_network):
    """The demo's first attachment of a "participants only" record, with its file's bytes."""
    found = (IntervisionAttachment.objects.select_related("document", "record")
             .filter(record__confidentiality="participants").order_by("record__date", "sort_order")
             .first())
    assert found is not None, "the demo network has no intervision attachment"
    with found.document.file.open("rb") as handle:
        found.content = handle.read()
    return found


@pytest.fixture
def served_media(settings, tmp_path, attachment):
    """The media route as the README's serve command has it, over MEDIA_ROOT on disk holding
    the demo attachment where Wagtail stored it (``documents/<name>``) and a public image."""
    target = tmp_path / attachment.document.file.name
    target.parent.mkdir(parents=True)
    target.write_bytes(attachment.content)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.txt").write_bytes(b"PUBLICPHOTO")
    with media_served_from(settings, tmp_path):
        yield tmp_path


def _log_in(client, django_user_model, username):
    if username:
        client.force_login(django_user_model.objects.get(username=username))
    return client


@pytest.mark.parametrize("username", [None, "member", "contributor"])
def test_no_media_path_spelling_serves_the_demo_attachment(client, django_user_model, attachment,
                                                           served_media, username):
    _log_in(client, django_user_model, username)
    # The route does serve MEDIA_ROOT: the refusals below are not a missing file.
    assert _body(client.get("/media/images/photo.txt")) == b"PUBLICPHOTO"
    name = attachment.document.file.name.rsplit("/", 1)[-1]
    for spelling in SPELLINGS:
        path = spelling.format(name=name)
        response = client.get(path)
        assert response.status_code == 404, path
        assert attachment.content not in _body(response), path


@pytest.mark.parametrize("username", [None, "member", "contributor"])
def test_wagtail_document_view_and_record_address_refuse_the_attachment(
        client, django_user_model, attachment, username):
    _log_in(client, django_user_model, username)
    document = attachment.document
    response = client.get(document.url)  # /documents/<id>/<name>
    assert response.status_code in (302, 403, 404), document.url
    assert attachment.content not in _body(response)
    # Neither is a participant of the record: its own download address is a 404 too.
    record_url = reverse("intervisions:attachment", args=[attachment.record.pk, 1])
    response = client.get(record_url)
    assert response.status_code in (302, 404), record_url
    assert attachment.content not in _body(response)


def test_the_organiser_downloads_the_attachment_through_the_checked_views(
        client, django_user_model, attachment, served_media):
    # (served_media puts the file on disk too: Wagtail's view sends it from its local path.)
    _log_in(client, django_user_model, "organiser")
    record_url = reverse("intervisions:attachment", args=[attachment.record.pk, 1])
    response = client.get(record_url)
    assert response.status_code == 200
    assert _body(response) == attachment.content
    assert "no-store" in response["Cache-Control"]
    response = client.get(attachment.document.url)
    assert response.status_code == 200
    assert _body(response) == attachment.content
