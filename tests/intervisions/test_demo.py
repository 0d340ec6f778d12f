"""The demo network's intervisions: levels, follow-up states, the recorded widening."""
import pytest

from intervisions.models import ConsentRecord, IntervisionAttendance, IntervisionRecord

pytestmark = pytest.mark.django_db


def test_demo_intervisions(demo_network, site):
    records = IntervisionRecord.objects.all()
    assert records.count() >= 3
    assert len(set(records.values_list("confidentiality", flat=True))) == 3
    assert {"open", "in_progress", "done"} <= set(records.values_list("actions__status", flat=True))
    assert all(r.minute_taker_id and r.confidentiality_agreement for r in records)
    assert IntervisionAttendance.objects.filter(present=False).exists()
    consent = ConsentRecord.objects.get()
    assert (consent.from_level, consent.to_level) == ("participants", "members")
    assert consent.record.area.slug == "vlaardingen"
    assert records.exclude(previous_record=None).exists()
