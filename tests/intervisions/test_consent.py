"""Confidentiality levels: narrowing is free, widening needs the case owner's recorded consent;
and the case owner's follow-up form."""
import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from intervisions.models import (
    ConfidentialityLevel,
    ConsentRecord,
    FollowUpAction,
    IntervisionMethod,
    IntervisionRecord,
    IntervisionRecordForm,
    is_widening,
)
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
L = ConfidentialityLevel


@pytest.fixture
def record(site):
    area = MemberAreaFactory()
    owner = PersonFactory(name="Case Owner", areas=[area], user=UserFactory(username="owner"))
    rec = IntervisionRecord.objects.create(
        date=datetime.date(2026, 3, 12), area=area, case_owner=owner,
        method=IntervisionMethod.objects.get(name="Ten-step method"), case_question="Q?",
        public_summary="A lesson.", confidentiality=L.PARTICIPANTS)
    FollowUpAction.objects.create(record=rec, description="Call the owners", owner=owner)
    return rec


@pytest.mark.parametrize("old,new,widens", [
    (L.PARTICIPANTS, L.MEMBERS, True), (L.PARTICIPANTS, L.PUBLIC_SUMMARY, True),
    (L.MEMBERS, L.PUBLIC_SUMMARY, True), (L.PUBLIC_SUMMARY, L.MEMBERS, True),
    (L.MEMBERS, L.PARTICIPANTS, False), (L.PUBLIC_SUMMARY, L.PARTICIPANTS, False),
    (L.MEMBERS, L.MEMBERS, False), (None, L.MEMBERS, False)])
def test_what_counts_as_widening(old, new, widens):
    assert is_widening(old, new) is widens


def test_widening_without_consent_is_refused(record):
    record.confidentiality = L.MEMBERS
    with pytest.raises(ValidationError):
        record.full_clean()
    with pytest.raises(ValidationError):
        record.save()
    assert IntervisionRecord.objects.get(pk=record.pk).confidentiality == L.PARTICIPANTS
    assert not ConsentRecord.objects.exists()


def test_widening_with_consent_is_recorded(record):
    organiser = UserFactory(username="org")
    record.widen(L.MEMBERS, recorded_by=organiser)
    consent = ConsentRecord.objects.get(record=record)
    assert (consent.from_level, consent.to_level) == (L.PARTICIPANTS, L.MEMBERS)
    assert consent.consented_by == record.case_owner and consent.recorded_by == organiser
    assert consent.recorded_at is not None
    # The consent was for this change only: the next widening needs consent again.
    record.confidentiality = L.PUBLIC_SUMMARY
    with pytest.raises(ValidationError):
        record.save()


def test_narrowing_is_always_allowed(record):
    record.widen(L.MEMBERS)
    record.confidentiality = L.PARTICIPANTS
    record.full_clean()
    record.save()
    assert ConsentRecord.objects.count() == 1  # only the widening is recorded


def _admin_form(record, **changes):
    from wagtail.snippets.models import get_snippet_models  # noqa: F401 (registers viewsets)

    form_class = IntervisionRecord.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=record, for_user=None)
    data = {}
    for name, _field in form.fields.items():
        if name in form.formsets or name == "owner_consent":
            continue
        value = form[name].value()
        if value is not None and value is not False:
            data[name] = [str(v) for v in value] if isinstance(value, list) else value
    for prefix, _formset in form.formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    return form_class(data, instance=record, for_user=UserFactory(username="org2"))


def test_admin_form_requires_and_records_consent(record):
    assert issubclass(IntervisionRecord.snippet_viewset.get_edit_handler().get_form_class(),
                      IntervisionRecordForm)
    form = _admin_form(record, confidentiality=L.MEMBERS)
    assert not form.is_valid()
    assert "confidentiality" in form.errors
    form = _admin_form(IntervisionRecord.objects.get(pk=record.pk), confidentiality=L.MEMBERS,
                       owner_consent="on")
    assert form.is_valid(), form.errors
    form.save()
    assert ConsentRecord.objects.get(record=record).recorded_by.username == "org2"


def test_admin_edit_page_offers_the_consent_box(client, record):
    organiser = UserFactory(username="organiser", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(organiser)
    url = f"/admin/snippets/intervisions/intervisionrecord/edit/{record.pk}/"
    body = client.get(url).content.decode()
    assert 'name="owner_consent"' in body


def test_case_owner_follow_up_form(client, record):
    url = f"/en/intervisions/records/{record.pk}/follow-up/"
    client.force_login(UserFactory(username="stranger"))
    assert client.get(url).status_code == 404
    client.force_login(record.case_owner.user)
    assert client.get(url).status_code == 200
    action = record.actions.get()
    # Invalid status: the form answers with errors and keeps the typed report.
    response = client.post(url, {"follow_up_report": "We called them all.", f"action_{action.pk}": "bogus"})
    assert response.status_code == 200
    assert "We called them all." in response.content.decode()
    assert IntervisionRecord.objects.get(pk=record.pk).follow_up_report == ""
    response = client.post(url, {"follow_up_report": "We called them all.", f"action_{action.pk}": "done",
                                 "public_summary_approved": "on"})
    assert response.status_code == 302
    record.refresh_from_db()
    action.refresh_from_db()
    assert record.follow_up_report == "We called them all." and record.public_summary_approved
    assert action.status == "done"
    assert record.confidentiality == L.PARTICIPANTS  # the form cannot change the level


def test_participant_who_is_not_owner_cannot_report(client, record):
    peer = PersonFactory(user=UserFactory(username="peer"))
    record.participants.add(peer)
    record.save()
    client.force_login(peer.user)
    assert client.get(f"/en/intervisions/records/{record.pk}/").status_code == 200
    assert client.get(f"/en/intervisions/records/{record.pk}/follow-up/").status_code == 404


def test_free_text_methods_become_method_rows():
    # Migration 0005 created the network's methods with their phases.
    method = IntervisionMethod.objects.get(name="Incident method")
    assert len(method.phase_list()) >= 4
    assert {"Ten-step method", "Balint method", "Gossip method"} <= set(
        IntervisionMethod.objects.values_list("name", flat=True))
