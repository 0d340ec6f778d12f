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


def _attachments():
    from intervisions.models import IntervisionAttachment
    return IntervisionAttachment.objects.select_related("document__collection", "record")


def test_demo_records_carry_real_attachments_in_the_restricted_collection(demo_network):
    """A few small files (a hand-written PDF, a text file) in "Intervision attachments", so the
    rule that no path but the permission-checked one reaches them is exercised on the demo."""
    import re

    attachments = list(_attachments())
    assert 2 <= len(attachments) <= 4
    kinds = set()
    for attachment in attachments:
        document = attachment.document
        assert document.collection.name == "Intervision attachments"
        assert attachment.record.confidentiality == "participants"
        with document.file.open("rb") as handle:
            content = handle.read()
        assert 0 < len(content) < 4096 and document.file_size == len(content)
        kinds.add(document.file_extension)
        if document.file_extension == "pdf":
            # A real PDF: every object the cross-reference table names starts at its offset.
            assert content.startswith(b"%PDF-1.") and content.endswith(b"%%EOF\n")
            xref = int(re.search(rb"startxref\n(\d+)", content).group(1))
            offsets = re.findall(rb"(\d{10}) 00000 n ", content[xref:])
            assert offsets
            for number, offset in enumerate(offsets, start=1):
                assert content[int(offset):].startswith(b"%d 0 obj" % number)
            assert b"(Confidential: participants only.) Tj" in content
    assert kinds == {"pdf", "txt"}


def test_loading_the_demo_intervisions_again_adds_no_attachment(demo_network):
    from io import StringIO

    from wagtail.documents import get_document_model

    from intervisions import demo

    before = (_attachments().count(), get_document_model().objects.count())
    demo.load_intervisions(StringIO())
    assert (_attachments().count(), get_document_model().objects.count()) == before
