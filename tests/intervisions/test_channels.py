"""Who sees what of an intervision record, on every channel, for every audience.

Each record carries a distinctive marker phrase in its confidential fields; the tests assert
where each marker appears and where it must not. The audiences: anonymous visitors, a member
who did not take part, a participant, the case owner and an organiser.
"""
import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.documents.models import Document

from intervisions.models import (
    ConfidentialityLevel,
    FollowUpAction,
    IntervisionAttachment,
    IntervisionAttendance,
    IntervisionMethod,
    IntervisionRecord,
)
from intervisions.permissions import attachment_collection
from network.models import HomePage, MemberArea, Person
from sessions.models import SessionPage
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.conftest import module_data
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory
from tests.sessions.factories import SessionIndexPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db

MARKERS = {
    "participants": "ZEBRAQUILL participants-only",
    "members": "OTTERLANTERN all-members",
    "summary": "HERONKETTLE summary-level",
}
PUBLIC_SUMMARY = "PUBLICLESSON shared with consent"
ATTACHMENT_BYTES = b"ATTACHMENTSECRET minutes of the intervision"


def make_record(level, marker, area, owner, participants, session=None, **extra):
    record = IntervisionRecord.objects.create(
        date=datetime.date(2026, 3, 12), area=area, case_owner=owner, session=session,
        method=IntervisionMethod.objects.get(name="Incident method"),
        case_question=f"{marker} question", case_as_told=f"{marker} case", advice=f"{marker} advice",
        confidentiality=level, **extra)
    record.participants.set(participants)
    record.save()
    FollowUpAction.objects.create(record=record, description=f"{marker} action", owner=owner,
                                  due_date=datetime.date(2026, 6, 1))
    return record


@module_data
def shared_world():
    """The records, people and pages every test here reads, made once for the module (ids)."""
    area = MemberAreaFactory(name="Schiedam centre", slug="schiedam")
    owner = PersonFactory(name="Case Owner", areas=[area], user=UserFactory(username="owner"))
    peer = PersonFactory(name="Peer Participant", user=UserFactory(username="peer"))
    PersonFactory(name="Other Member", user=UserFactory(username="other"))
    organiser = UserFactory(username="organiser", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organisers"))
    programme = SessionIndexPageFactory(parent=HomePage.objects.get(depth=2, locale__language_code="en"))
    session = SessionPageFactory(parent=programme, title="Linked session")
    records = {
        "participants": make_record(ConfidentialityLevel.PARTICIPANTS, MARKERS["participants"], area,
                                    owner, [peer], session=session),
        "members": make_record(ConfidentialityLevel.MEMBERS, MARKERS["members"], area, owner, [peer]),
        "summary": make_record(ConfidentialityLevel.PUBLIC_SUMMARY, MARKERS["summary"], area, owner,
                               [peer], public_summary=PUBLIC_SUMMARY, public_summary_approved=True),
    }
    document = Document(title="Minutes", collection=attachment_collection())
    document.file.save("minutes.txt", ContentFile(ATTACHMENT_BYTES), save=False)
    document.save()
    IntervisionAttachment.objects.create(record=records["participants"], document=document)
    return {"area": area.pk, "records": {key: record.pk for key, record in records.items()},
            "session": session.pk, "document": document.pk, "owner": owner.pk, "peer": peer.pk}


@pytest.fixture
def world(shared_world, site):
    """The shared world as fresh objects: what one test changes in memory stays in that test."""
    ids = shared_world
    return {"area": MemberArea.objects.get(pk=ids["area"]),
            "records": {key: IntervisionRecord.objects.get(pk=pk) for key, pk in ids["records"].items()},
            "session": SessionPage.objects.get(pk=ids["session"]),
            "document": Document.objects.get(pk=ids["document"]),
            "owner": Person.objects.get(pk=ids["owner"]), "peer": Person.objects.get(pk=ids["peer"])}


def login(client, username):
    from django.contrib.auth import get_user_model

    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


# Exactly which records each audience may read in full.
EXPECTED = {
    None: set(),
    "other": {"members"},
    "peer": {"participants", "members", "summary"},
    "owner": {"participants", "members", "summary"},
    "organiser": {"participants", "members", "summary"},
}


def markers_in(body):
    return {key for key, marker in MARKERS.items() if marker in body}


@pytest.mark.parametrize("username", list(EXPECTED))
def test_record_pages(client, world, username):
    login(client, username)
    for key, record in world["records"].items():
        response = client.get(f"/en/intervisions/records/{record.pk}/")
        if key in EXPECTED[username]:
            assert response.status_code == 200
            assert MARKERS[key] in response.content.decode()
            assert "no-store" in response["Cache-Control"]
        else:
            # 404, not 403 and not a login redirect: the record's existence is not revealed;
            # and the error page contains nothing of the record.
            assert response.status_code == 404
            assert markers_in(response.content.decode()) == set()


@pytest.mark.parametrize("username", list(EXPECTED))
def test_list_and_area_page(client, world, username):
    login(client, username)
    listing = client.get("/en/intervisions/records/")
    area_page = client.get("/en/members/schiedam/").content.decode()
    if username is None:
        assert listing.status_code == 302 and "/en/account/login/" in listing["Location"]
        assert markers_in(area_page) == set()
    else:
        assert markers_in(listing.content.decode()) == EXPECTED[username]
        assert markers_in(area_page) == EXPECTED[username]


@pytest.mark.parametrize("username", list(EXPECTED))
@pytest.mark.search_index
def test_public_channels_never_show_record_text(client, world, username):
    """Search, feeds, sitemap and the summaries page: records never, for nobody."""
    login(client, username)
    for _key, marker in MARKERS.items():
        word = marker.split()[0]
        body = client.get(f"/en/search/?q={word}").content.decode()
        # The search page repeats the query itself; nothing else of the record may appear.
        assert marker not in body and f"{word} question" not in body
    # (The session page itself shows a related-intervisions block to those allowed: tested below.)
    for url in ("/calendar/sessions.ics", "/feeds/case-studies/", "/sitemap.xml",
                f"/calendar/sessions/{world['session'].pk}.ics"):
        body = client.get(url).content.decode()
        assert markers_in(body) == set(), url
        assert "/en/intervisions/records/" not in body, url
    summaries = client.get("/en/intervisions/summaries/").content.decode()
    assert PUBLIC_SUMMARY in summaries
    assert markers_in(summaries) == set()
    assert "Schiedam" not in summaries and "Case Owner" not in summaries


def test_unapproved_summary_is_not_public(client, world):
    record = world["records"]["summary"]
    record.public_summary_approved = False
    record.save()
    assert PUBLIC_SUMMARY not in client.get("/en/intervisions/summaries/").content.decode()


@pytest.mark.parametrize("username,expected", [
    (None, None), ("other", set()), ("peer", set()), ("owner", set(MARKERS)), ("organiser", set(MARKERS))])
def test_open_actions_overview(client, world, username, expected):
    login(client, username)
    response = client.get("/en/intervisions/actions/")
    if expected is None:
        assert response.status_code == 302
    else:
        assert markers_in(response.content.decode()) == expected


@pytest.mark.parametrize("username,allowed", [
    (None, False), ("other", False), ("peer", True), ("owner", True), ("organiser", True)])
def test_attachment_download(client, world, username, allowed):
    login(client, username)
    record = world["records"]["participants"]
    response = client.get(f"/en/intervisions/records/{record.pk}/attachments/1/")
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == ATTACHMENT_BYTES
    else:
        assert response.status_code == 404
    # Wagtail's own document address is restricted to organisers: nobody else gets the file.
    document = world["document"]
    served = client.get(f"/documents/{document.pk}/{document.filename}")
    content = b"".join(served.streaming_content) if served.streaming else served.content
    if username != "organiser":
        assert served.status_code != 200
        assert ATTACHMENT_BYTES not in content


def test_attachment_outside_the_private_collection_is_refused(world):
    from django.core.exceptions import ValidationError
    from wagtail.models import Collection

    document = Document(title="Loose", collection=Collection.get_first_root_node())
    document.file.save("loose.txt", ContentFile(b"x"), save=False)
    document.save()
    attachment = IntervisionAttachment(record=world["records"]["members"], document=document)
    with pytest.raises(ValidationError):
        attachment.clean()


@pytest.mark.parametrize("url", [
    "/en/intervisions/records/0/", "/en/intervisions/records/99999999999999999999/",
    "/en/intervisions/records/abc/", "/en/intervisions/records/1/attachments/0/",
    "/en/intervisions/records/1/attachments/99999999999999999999/",
    "/en/intervisions/records/?theme=nope&area=%00",
    "/en/intervisions/summaries/?page=zzz"])
def test_malformed_addresses_never_fail(client, world, url):
    login(client, "organiser")
    assert client.get(url).status_code in (200, 404)


def test_list_filters_by_theme_and_area(client, world):
    from tests.factories import ThemeFactory

    theme = ThemeFactory(slug="vacancy")
    world["records"]["members"].themes.set([theme])
    world["records"]["members"].save()
    other_area = MemberAreaFactory(slug="elsewhere")
    login(client, "organiser")
    assert markers_in(client.get("/en/intervisions/records/?theme=vacancy").content.decode()) == {"members"}
    assert markers_in(client.get("/en/intervisions/records/?area=elsewhere").content.decode()) == set()
    assert other_area.slug  # the area exists: an empty result, not an ignored filter
    assert len(markers_in(client.get("/en/intervisions/records/?area=schiedam").content.decode())) == 3


def test_attendance_list_grants_access_and_is_shown(client, world):
    latecomer = PersonFactory(name="Late Comer", user=UserFactory(username="late"))
    record = world["records"]["participants"]
    IntervisionAttendance.objects.create(record=record, person=latecomer, area=world["area"], present=False)
    login(client, "late")
    body = client.get(f"/en/intervisions/records/{record.pk}/").content.decode()
    assert MARKERS["participants"] in body and "Late Comer" in body


def test_previous_actions_are_shown_only_when_visible(client, world):
    later = make_record(ConfidentialityLevel.MEMBERS, "LATERMARK", world["area"], world["owner"], [],
                        previous_record=world["records"]["participants"])
    login(client, "other")
    body = client.get(f"/en/intervisions/records/{later.pk}/").content.decode()
    assert "LATERMARK question" in body
    assert MARKERS["participants"] not in body  # the previous record is not theirs to see
    client.logout()
    login(client, "peer")
    body = client.get(f"/en/intervisions/records/{later.pk}/").content.decode()
    assert f"{MARKERS['participants']} action" in body


@pytest.mark.parametrize("username,expected", [
    (None, set()), ("other", set()), ("peer", {"participants"}), ("organiser", {"participants"})])
def test_related_intervisions_block_filters(world, username, expected):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/en/")
    request.user = get_user_model().objects.get(username=username) if username else AnonymousUser()
    html = Template("{% load intervision_tags %}{% related_intervisions session %}").render(
        Context({"request": request, "session": world["session"]}))
    assert markers_in(html) == expected


@pytest.mark.parametrize("username,shown", [(None, False), ("other", False), ("peer", True),
                                             ("owner", True), ("organiser", True)])
def test_session_page_shows_related_intervisions_only_to_those_allowed(client, world, username, shown):
    if username:
        login(client, username)
    html = client.get(world["session"].url).content.decode()
    assert ("Related intervisions" in html) is shown
    assert (MARKERS["participants"] in html) is shown


@pytest.mark.parametrize("username,shown", [(None, False), ("other", False), ("peer", True),
                                             ("organiser", True)])
def test_case_study_page_shows_related_intervisions_only_to_those_allowed(client, world, username,
                                                                           shown):
    """The case-study page knows nothing of intervision: the block arrives through the hub's
    page sections, with the same visibility rule as every other channel."""
    library = CaseStudyIndexPageFactory(parent=HomePage.objects.get(depth=2, locale__language_code="en"))
    case = CaseStudyPageFactory(parent=library, title="A related case")
    record = world["records"]["participants"]
    record.related_case_studies.add(case)
    record.save()  # a ParentalManyToManyField is written when its record is saved
    if username:
        login(client, username)
    html = client.get(case.url).content.decode()
    assert ("Related intervisions" in html) is shown
    assert (MARKERS["participants"] in html) is shown
    assert MARKERS["members"] not in html  # not linked to this case
