"""Moving the intervision models out of the sessions app keeps every row.

The test migrates the database back to the state before the move (the models under the app
label ``network_sessions``), writes a record with everything hanging off it through the
historical models, a group's grant and an admin log entry, migrates forward and reads it all
back through the new app's models.

Migrating needs a connection outside a transaction (SQLite's schema editor refuses to work
inside one), but a ``transactional_db`` test empties the database afterwards, under the tests
on the shared demo network that run after it. So this test runs unwrapped and removes what it
wrote itself, always migrating forward again first.
"""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.documents.models import Document
from wagtail.models import ModelLogEntry

from intervisions.models import IntervisionRecord
from network.models import MemberArea, Person

BEFORE_THE_MOVE = ("network_sessions", "0009_feed_history")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _write_old_record(old):
    """A record with participants, attendance, actions, an attachment and a consent, as before."""
    area = old.get_model("network", "MemberArea").objects.create(name="Vlaardingen", slug="vlaardingen")
    person_model = old.get_model("network", "Person")
    owner = person_model.objects.create(name="Marloes de Wit", role="centre_manager")
    peer = person_model.objects.create(name="Bram Kuipers", role="centre_manager")
    method = old.get_model("network_sessions", "IntervisionMethod").objects.get_or_create(
        name="Ten-step method")[0]
    record_model = old.get_model("network_sessions", "IntervisionRecord")
    record = record_model.objects.create(
        date=datetime.date(2026, 3, 12), area=area, case_owner=owner, method=method,
        case_question="How do we reach the owners of the empty units?", confidentiality="members")
    record_model.participants.through.objects.create(intervisionrecord=record, person=owner)
    record_model.participants.through.objects.create(intervisionrecord=record, person=peer)
    old.get_model("network_sessions", "IntervisionAttendance").objects.create(
        record=record, person=peer, area=area, present=False, sort_order=0)
    old.get_model("network_sessions", "FollowUpAction").objects.create(
        record=record, description="Call the pension fund", owner=owner, status="in_progress",
        sort_order=0)
    # A transactional test that ran before may have emptied the database, root collection
    # included (PostgreSQL runs some); the historical model has no treebeard helpers.
    collection = old.get_model("wagtailcore", "Collection").objects.get_or_create(
        depth=1, defaults={"name": "Root", "path": "0001", "numchild": 0})[0]
    document = old.get_model("wagtaildocs", "Document").objects.create(
        title="Minutes", file="documents/minutes.txt", collection=collection)
    old.get_model("network_sessions", "IntervisionAttachment").objects.create(
        record=record, document=document, title="Minutes of the meeting", sort_order=0)
    old.get_model("network_sessions", "ConsentRecord").objects.create(
        record=record, from_level="participants", to_level="members", consented_by=owner)
    return record


@pytest.fixture
def unwrapped_database(django_db_setup, django_db_blocker):
    """The test database without a test transaction; what the test wrote is removed after it."""
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            _migrate(None)
            ContentType.objects.clear_cache()
            IntervisionRecord.objects.filter(area__slug="vlaardingen").delete()
            MemberArea.objects.filter(slug="vlaardingen").delete()
            Person.objects.filter(name__in=["Marloes de Wit", "Bram Kuipers"]).delete()
            Document.objects.filter(title="Minutes").delete()
            Group.objects.filter(name="Record readers").delete()
            get_user_model().objects.filter(username="reader").delete()
            ModelLogEntry.objects.filter(label="Record").delete()


def test_moving_the_app_keeps_records_grants_and_log_entries(unwrapped_database):
    old = _migrate([BEFORE_THE_MOVE])
    old_record = _write_old_record(old)
    old_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="network_sessions", model="intervisionrecord")
    viewers = old.get_model("auth", "Group").objects.create(name="Record readers")
    viewers.permissions.add(old.get_model("auth", "Permission").objects.get(
        content_type=old_type, codename="view_intervisionrecord"))
    old.get_model("wagtailcore", "ModelLogEntry").objects.create(
        content_type=old_type, object_id=str(old_record.pk), label="Record", action="wagtail.edit",
        timestamp=datetime.datetime(2026, 3, 13, tzinfo=datetime.UTC))

    _migrate(None)
    ContentType.objects.clear_cache()

    record = IntervisionRecord.objects.get(pk=old_record.pk)
    assert record.case_question == "How do we reach the owners of the empty units?"
    assert (record.area.slug, record.method.name, record.confidentiality) == (
        "vlaardingen", "Ten-step method", "members")
    assert sorted(record.participants.values_list("name", flat=True)) == ["Bram Kuipers", "Marloes de Wit"]
    assert [(a.person.name, a.present) for a in record.attendance.all()] == [("Bram Kuipers", False)]
    assert [(a.description, a.status) for a in record.actions.all()] == [
        ("Call the pension fund", "in_progress")]
    assert [(a.title, a.document.title) for a in record.attachments.all()] == [
        ("Minutes of the meeting", "Minutes")]
    assert record.consents.get().to_level == "members"

    # The same content type row, relabelled: nothing else needs to change to follow it.
    content_type = ContentType.objects.get_for_model(IntervisionRecord)
    assert (content_type.pk, content_type.app_label) == (old_type.pk, "intervisions")
    assert not ContentType.objects.filter(app_label="network_sessions", model="intervisionrecord").exists()
    reader = get_user_model().objects.create_user("reader", "reader@example.org", "pw-for-tests-1")
    reader.groups.add(Group.objects.get(name="Record readers"))
    assert reader.has_perm("intervisions.view_intervisionrecord")
    assert ModelLogEntry.objects.for_instance(record).get().action == "wagtail.edit"
    # The tables carry the new app's names, the many-to-many tables too.
    tables = set(connection.introspection.table_names())
    assert {"intervisions_intervisionrecord", "intervisions_intervisionrecord_participants"} <= tables
    assert not {name for name in tables if name.startswith("network_sessions_intervision")}
