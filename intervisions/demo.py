"""Loads the intervision app's demo content: the "How intervision works" page
(``intervisions.demo_page``) and the records (``intervisions.demo_content``).

Idempotent: records are keyed by area and date, methods by name; attendance and actions are
rewritten only when they differ from the content, and the consent is recorded once. Attachments
are keyed by record and title, their documents by title in the restricted collection.
"""
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from network.demo import area, coordinator, load_standard_page, set_m2m, theme, upsert
from network.models import Person

from .demo_content import (
    AGREEMENT,
    ATTACHMENTS,
    CONSENT,
    METHOD_TRANSLATIONS,
    PREVIOUS,
    RECORDS,
    ROLES,
)
from .demo_page import PAGE
from .models import (
    ConsentRecord,
    FollowUpAction,
    IntervisionAttachment,
    IntervisionAttendance,
    IntervisionMethod,
    IntervisionRecord,
)
from .permissions import attachment_collection


def load(stdout):
    """Create or update the demo intervision page and records (idempotent)."""
    load_standard_page(PAGE, stdout)
    load_intervisions(stdout)


def load_intervisions(stdout):
    """Create or update the demo intervision records (idempotent)."""
    people = {p.name: p for p in Person.objects.all()}
    facilitator = coordinator()
    by_area = {}
    for data in RECORDS:
        method, _, _ = upsert(IntervisionMethod, {"name": data["method"]},
                              METHOD_TRANSLATIONS.get(data["method"], {}))
        minute_taker, absent = ROLES[data["area"]]
        previous = PREVIOUS.get(data["area"])
        record, _, _ = upsert(
            IntervisionRecord, {"area": area(data["area"]), "date": data["date"]},
            {"case_owner": people[data["owner"]], "facilitator": facilitator,
             "minute_taker": people[minute_taker], "confidentiality_agreement": AGREEMENT,
             "previous_record": by_area[previous[0]] if previous else None,
             "previous_actions_check": previous[1] if previous else "",
             "method": method, "case_question": data["case_question"],
             "case_as_told": data["case_as_told"], "questions_asked": data["questions_asked"],
             "advice": data["advice"], "follow_up_report": data["follow_up_report"],
             "confidentiality": data["confidentiality"],
             "public_summary": data["public_summary"],
             "public_summary_approved": data["public_summary_approved"]},
        )
        set_m2m(record, "participants", [people[name] for name in data["participants"]])
        set_m2m(record, "themes", [theme(slug) for slug in data["themes"]])
        by_area[data["area"]] = record
        _sync_attendance(record, [people[name] for name in data["participants"]], absent)
        _sync_actions(record, [(description, people[owner].pk, due, status)
                               for description, owner, due, status in data["actions"]])
    _record_consent(by_area)
    _attach_files(by_area)
    stdout.write(f"  Intervision records: {len(RECORDS)}, attachments: {len(ATTACHMENTS)}")


def _sync_attendance(record, participants, absent):
    """The attendance list: every participant with their first area, present unless listed absent."""
    wanted = []
    for order, person in enumerate(participants):
        first_area = person.areas.order_by("pk").first()
        wanted.append((order, person.pk, first_area.pk if first_area else None,
                       person.name not in absent))
    current = list(IntervisionAttendance.objects.filter(record=record).order_by("sort_order", "pk")
                   .values_list("sort_order", "person_id", "area_id", "present"))
    if current != wanted:
        IntervisionAttendance.objects.filter(record=record).delete()
        IntervisionAttendance.objects.bulk_create([
            IntervisionAttendance(record=record, sort_order=order, person_id=person_id,
                                  area_id=area_id, present=present)
            for order, person_id, area_id, present in wanted
        ])


def _sync_actions(record, actions):
    """The follow-up actions in content order; rewritten only when they differ."""
    wanted = [(order, *action) for order, action in enumerate(actions)]
    current = list(FollowUpAction.objects.filter(record=record).order_by("sort_order", "pk")
                   .values_list("sort_order", "description", "owner_id", "due_date", "status"))
    if current != wanted:
        FollowUpAction.objects.filter(record=record).delete()
        FollowUpAction.objects.bulk_create([
            FollowUpAction(record=record, sort_order=order, description=description,
                           owner_id=owner_id, due_date=due, status=status)
            for order, description, owner_id, due, status in wanted
        ])


def _record_consent(by_area):
    """The recorded consent for the demo's widened record (written once)."""
    slug, old, new, when = CONSENT
    record = by_area[slug]
    organiser = get_user_model().objects.filter(username="organiser").first()
    if not ConsentRecord.objects.filter(record=record, from_level=old, to_level=new).exists():
        ConsentRecord.objects.create(record=record, from_level=old, to_level=new,
                                     consented_by=record.case_owner, recorded_by=organiser,
                                     recorded_at=when)


def _attach_files(by_area):
    """The demo attachments: documents in the restricted collection, attached to their records.

    Nothing is written when the record already has an attachment of that title; a document
    of that title already in the collection is reused rather than uploaded again.
    """
    collection = attachment_collection()
    Document = get_document_model()
    for data in ATTACHMENTS:
        record = by_area[data["area"]]
        if record.attachments.filter(title=data["title"]).exists():
            continue
        document = Document.objects.filter(collection=collection, title=data["title"]).first()
        if document is None:
            document = Document(title=data["title"], collection=collection)
            content = (pdf_document if data["kind"] == "pdf" else text_document)(data["lines"])
            document.file.save(data["file_name"], ContentFile(content), save=False)
            document._set_document_file_metadata()
            document.save()
        IntervisionAttachment.objects.create(record=record, document=document, title=data["title"],
                                             sort_order=record.attachments.count())


def text_document(lines):
    """A plain-text file (UTF-8, CRLF line ends so that every editor shows the lines)."""
    return "\r\n".join([*lines, ""]).encode()


def _pdf_text(line):
    # A PDF string literal in WinAnsi: backslashes and parentheses escaped.
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def pdf_document(lines):
    """A one-page A4 PDF with ``lines`` in Helvetica, written by hand: the demo needs a real,
    small PDF that any viewer opens, and no library for it."""
    text = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
    text += [b"(" + _pdf_text(line) + b") Tj T*" for line in lines]
    stream = b"\n".join([*text, b"ET"])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out
