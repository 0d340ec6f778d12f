"""Intervisions on the member-area page, decided by intervisions.visibility.visible_records."""
import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from intervisions.models import ConfidentialityLevel, IntervisionRecord
from intervisions.visibility import public_summaries, visible_records
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(area, question, level, owner=None, participants=(), summary="", approved=False):
    rec = IntervisionRecord.objects.create(
        date=datetime.date(2026, 3, 1), area=area, case_owner=owner, method="Incident method",
        case_question=question, confidentiality=level, public_summary=summary,
        public_summary_approved=approved)
    if participants:
        rec.participants.set(participants)
        rec.save()
    return rec


@pytest.fixture
def world(site):
    area = MemberAreaFactory(name="Schiedam centre", slug="schiedam")
    owner = PersonFactory(name="Case Owner", areas=[area], user=UserFactory(username="owner"))
    peer = PersonFactory(name="Peer Participant", user=UserFactory(username="peer"))
    PersonFactory(name="Other Member", user=UserFactory(username="other"))
    records = {
        "participants": record(area, "PARTICIPANTS-ONLY question", ConfidentialityLevel.PARTICIPANTS,
                               owner=owner, participants=[peer]),
        "members": record(area, "ALL-MEMBERS question", ConfidentialityLevel.MEMBERS, owner=owner),
        "summary": record(area, "SUMMARY-LEVEL question", ConfidentialityLevel.PUBLIC_SUMMARY,
                          owner=owner, summary="An anonymised lesson.", approved=True),
    }
    return {"area": area, "records": records}


def user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def questions(client):
    html = client.get("/en/members/schiedam/").content.decode()
    return {q for q in ("PARTICIPANTS-ONLY", "ALL-MEMBERS", "SUMMARY-LEVEL") if q in html}, html


def test_anonymous_sees_nothing_of_intervisions(client, world):
    found, html = questions(client)
    assert found == set()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "intervision" not in main.lower()


def test_member_who_did_not_take_part_sees_members_records_only(client, world):
    client.force_login(user("other"))
    found, html = questions(client)
    assert found == {"ALL-MEMBERS"}
    assert "Intervisions this area brought" in html


def test_participant_sees_their_records(client, world):
    client.force_login(user("peer"))
    assert questions(client)[0] == {"PARTICIPANTS-ONLY", "ALL-MEMBERS"}


def test_case_owner_sees_all_their_records(client, world):
    client.force_login(user("owner"))
    assert questions(client)[0] == {"PARTICIPANTS-ONLY", "ALL-MEMBERS", "SUMMARY-LEVEL"}


def test_account_without_person_sees_members_records(client, world):
    client.force_login(UserFactory(username="loose"))
    assert questions(client)[0] == {"ALL-MEMBERS"}


def test_organisers_see_everything(client, world):
    organiser = UserFactory(username="coordinator")
    group, _ = Group.objects.get_or_create(name="Intervision organisers")
    group.permissions.add(Permission.objects.get(codename="change_intervisionrecord"))
    organiser.groups.add(group)
    client.force_login(organiser)
    assert len(questions(client)[0]) == 3


def test_inactive_user_sees_nothing(world):
    peer = user("peer")
    peer.is_active = False
    assert not visible_records(peer).exists()


def test_visible_records_has_no_duplicates_for_several_roles(world):
    owner = user("owner")
    rec = world["records"]["participants"]
    rec.facilitator = owner.person
    rec.participants.add(owner.person)
    rec.save()
    assert visible_records(owner).count() == 3


def test_public_summaries_only_approved_ones(world):
    unapproved = record(world["area"], "x", ConfidentialityLevel.PUBLIC_SUMMARY, summary="draft")
    summaries = list(public_summaries())
    assert world["records"]["summary"] in summaries
    assert unapproved not in summaries
