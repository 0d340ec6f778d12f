"""Backup and restore: ``export_network`` writes the whole network to one archive, and
``import_network`` brings it back into an empty instance, or refuses.

The round trip runs on the whole demo network (with real commits: the import empties and
reloads every table), with uploaded files in a temporary MEDIA_ROOT, never the real one.
"""
import io
import json
import stat
import tarfile
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.models import Page

from casestudies.models import CaseStudyPage
from intervisions.models import IntervisionAttachment, IntervisionRecord
from intervisions.permissions import attachment_collection
from network import backup
from network.models import MemberArea, Person
from sessions.models import Participant, Registration, SessionPage

# The import rebuilds the reference index, as a restored instance needs.
pytestmark = pytest.mark.reference_index


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files on disk in a temporary folder (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def rows(model, *fields):
    """Every row of ``model`` (all fields unless named), in primary-key order."""
    return list(model._base_manager.order_by("pk").values(*fields))


def files_under(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def attachment_present():
    """The demo's intervision attachments, or one added now if the demo has none."""
    if not IntervisionAttachment.objects.exists():
        document = get_document_model()(title="Confidential notes", collection=attachment_collection())
        document.file.save("intervision-notes.txt", ContentFile(b"Only for the participants.\n"))
        IntervisionAttachment.objects.create(record=IntervisionRecord.objects.first(),
                                             document=document, title="Notes")
    return list(IntervisionAttachment.objects.select_related("document").order_by("pk"))


def everything():
    """What a user of the restored site would look for, and every row the archive keeps."""
    return {
        "pages": rows(Page, "pk", "url_path", "title", "live", "content_type__model"),
        "people": rows(Person),
        "areas": rows(MemberArea),
        "records": rows(IntervisionRecord),
        "attachments": [(a.record_id, a.title, a.document.title, a.document.file.name,
                         a.document.collection.name, a.document.file.read())
                        for a in IntervisionAttachment.objects.select_related("document")],
        "sessions": rows(SessionPage),
        "participants": rows(Participant),  # with their calendar and manage tokens
        "registrations": rows(Registration),
        "users": rows(get_user_model()),
        "tables": {model._meta.label: rows(model) for model in backup.backed_up_models()},
    }


def export(path):
    out, err = StringIO(), StringIO()
    call_command("export_network", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.whole_database
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_network_comes_back_whole_from_an_archive(client, media_root, tmp_path):
    call_command("load_demo_network", stdout=StringIO())
    attachments = attachment_present()
    before = everything()
    media_before = files_under(media_root)
    assert before["people"] and before["registrations"] and before["participants"]
    assert any(attachment.document.file.name in media_before for attachment in attachments)

    archive = tmp_path / "network.tar.gz"
    out, err = export(archive)
    assert "Exported" in out
    assert "personal data" in err and "intervision" in err and "encrypted" in err
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    # A new instance: migrated (flush leaves what migrate creates), and no uploaded files.
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not Person.objects.exists()

    call_command("import_network", str(archive), stdout=StringIO())

    after = everything()
    for key in before:
        assert after[key] == before[key], key
    assert files_under(media_root) == media_before  # byte for byte, attachments included

    # The restored site serves its pages and finds them again.
    assert client.get("/en/").status_code == 200
    case_study = CaseStudyPage.objects.live().public().first()
    response = client.get(case_study.url)
    assert response.status_code == 200 and case_study.title in response.content.decode()
    # The search index was rebuilt: a word of the title finds the page (its link, not the query).
    word = max(case_study.title.split(), key=len)
    assert f'href="{case_study.url}"' in client.get("/en/search/", {"q": word}).content.decode()

    # Now that it holds the network, a second import is refused and changes nothing.
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_network", str(archive))
    assert everything()["tables"] == before["tables"]


# ------------------------------------------------------------------------------------------
# Refusals, on a small network (no commits needed: the import nests in the test's transaction)
# ------------------------------------------------------------------------------------------

@pytest.fixture
def small_archive(db, media_root, tmp_path, django_user_model):
    django_user_model.objects.create_user("kept", "kept@example.org", "pw-for-tests-1")
    archive = tmp_path / "small.tar.gz"
    export(archive)
    return archive


def rewritten(archive, tmp_path, **changes):
    """A copy of ``archive`` with members replaced (name → bytes)."""
    copy = tmp_path / "changed.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = changes.get(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


def manifest_of(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile(backup.MANIFEST))


def test_import_into_a_database_with_content_is_refused(small_archive):
    with pytest.raises(CommandError, match="already holds content.*--replace"):
        call_command("import_network", str(small_archive))


def test_import_with_replace_swaps_the_content(small_archive, django_user_model):
    django_user_model.objects.filter(username="kept").delete()
    django_user_model.objects.create_user("added-later", "later@example.org", "pw-for-tests-1")
    call_command("import_network", str(small_archive), "--replace", stdout=StringIO())
    assert list(django_user_model.objects.values_list("username", flat=True)) == ["kept"]


def test_an_archive_from_another_schema_version_is_refused(small_archive, tmp_path, django_user_model):
    manifest = manifest_of(small_archive)
    manifest["migrations"].append("network.9999_from_the_future")
    other = rewritten(small_archive, tmp_path, **{backup.MANIFEST: json.dumps(manifest).encode()})
    with pytest.raises(CommandError, match="another version of the site.*9999_from_the_future"):
        call_command("import_network", str(other), "--replace")
    assert django_user_model.objects.filter(username="kept").exists()


def test_a_failed_import_leaves_the_database_as_it_was(small_archive, tmp_path, django_user_model):
    django_user_model.objects.create_user("still-here", "here@example.org", "pw-for-tests-1")
    broken = json.dumps([{"model": "auth.user", "pk": 1, "fields": {"username": None}}]).encode()
    other = rewritten(small_archive, tmp_path, **{backup.DATABASE: broken})
    with pytest.raises(CommandError, match="could not be restored, nothing was changed"):
        call_command("import_network", str(other), "--replace")
    assert django_user_model.objects.filter(username="still-here").exists()


def test_a_file_that_is_not_an_archive_is_refused_clearly(small_archive, tmp_path):
    not_archive = tmp_path / "notes.tar.gz"
    not_archive.write_text("hello")
    with pytest.raises(CommandError, match="not a readable .tar.gz archive"):
        call_command("import_network", str(not_archive))
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(small_archive.read_bytes()[:200])
    with pytest.raises(CommandError, match="not a readable .tar.gz archive|not a network archive"):
        call_command("import_network", str(damaged))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_network", str(tmp_path / "missing.tar.gz"))


def test_backed_up_models_leave_out_sessions_search_index_and_renditions():
    labels = {model._meta.label for model in backup.backed_up_models()}
    assert "sessions.Session" not in labels
    assert "wagtailsearch.IndexEntry" not in labels
    assert "wagtailcore.ReferenceIndex" not in labels
    assert "wagtailimages.Rendition" not in labels
    # The site's own content is all there, many-to-many tables included.
    assert {"network.Person", "network.Person_areas", "wagtailcore.Page", "wagtaildocs.Document",
            "auth.User", "auth.Group_permissions"} <= labels
    assert any(model._meta.app_label == "network_sessions" for model in backup.backed_up_models())
    assert apps.get_model("network_sessions", "Registration") in backup.backed_up_models()


def test_an_app_can_leave_models_of_its_own_out_of_the_archive(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("network"), "backup_skip_models", ["Person"], raising=False)
    labels = {model._meta.label for model in backup.backed_up_models()}
    assert "network.Person" not in labels
    assert "network.Person_areas" not in labels  # its many-to-many tables go with it
    assert "network.Theme" in labels
