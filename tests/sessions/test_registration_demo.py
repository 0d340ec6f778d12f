"""The demo registrations: realistic sign-ups within the rules, and a second load changes nothing.

Loading the whole demo network is slow, so one test looks at everything in the network the
suite loads once (``demo_network``, including what the demo member sees when logged in), then
loads it again.
"""
import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from sessions.models import Participant, Registration, RegistrationStatus, SessionPage

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_network", stdout=out)
    return out.getvalue()


def state():
    """Everything the registration demo writes, including the participants' secret tokens."""
    return {
        "participants": sorted(Participant.objects.values_list(
            "email", "name", "area_id", "user_id", "language", "manage_token", "calendar_token",
            "created_at")),
        "registrations": sorted(Registration.objects.values_list(
            "session_id", "participant__email", "name", "area_id", "status", "seat",
            "created_at", "status_changed_at", "added_by_id", "cancelled_by_id")),
        "sessions": sorted(SessionPage.objects.values_list(
            "pk", "capacity", "max_per_area", "sequence", "notified_sequence", "changed_at",
            "latest_revision_id")),
    }


def test_demo_registrations_follow_the_rules_and_load_once(demo_network, site, client, mailoutbox):
    output = demo_network.output
    now = timezone.now()
    assert "registrations:" in output and "waiting" in output
    assert demo_network.mails == ()  # the demo signs people up without e-mailing them

    registered = [s for s in SessionPage.objects.order_by("starts_at") if s.registrations.exists()]
    assert len(registered) >= 4
    assert all(s.starts_at > now for s in registered)  # live sign-ups are for coming sessions
    # Varied numbers, not the same list everywhere.
    assert len({s.registrations.active().count() for s in registered}) >= 4

    full = [s for s in registered if s.capacity and s.seats_left() == 0]
    assert len(full) == 1
    assert full[0].registrations.waiting().count() >= 2
    assert full[0].max_per_area == 3
    for session in registered:
        counts = session.registration_counts()
        assert session.capacity is None or counts["confirmed"] <= session.capacity, session.slug
        if counts["waiting"]:
            assert session.seats_left() == 0, session.slug  # nobody waits for a free place
        if session.max_per_area:
            per_area = (session.registrations.active().values("area")
                        .annotate(n=Count("pk")).values_list("n", flat=True))
            assert max(per_area) <= session.max_per_area, session.slug

    group = [s for s in registered if s.series and s.series.kind == "working_group"]
    assert len(group) == 3
    for meeting in group:
        assert meeting.max_per_area == 3
        areas = set(meeting.registrations.active().values_list("area", flat=True))
        assert len(areas) >= 5 and None not in areas

    cancelled = Registration.objects.get(status=RegistrationStatus.CANCELLED)
    assert cancelled.seat is None and cancelled.status_changed_at > cancelled.created_at
    # Seats 1..n without gaps on the full session: the cancellation was elsewhere.
    assert sorted(full[0].registrations.confirmed().values_list("seat", flat=True)) == list(
        range(1, full[0].capacity + 1))

    users = get_user_model().objects
    for username in ("member", "medlem"):
        user = users.get(username=username)
        mine = Registration.objects.confirmed().filter(participant__email__iexact=user.email)
        assert mine.filter(session__join_url__gt="", session__starts_at__gt=now).exists(), username
        assert Participant.objects.get(email__iexact=user.email).user == user

    # The sign-up times lie before the loading, and the waiting list is the latest of them.
    assert Registration.objects.filter(created_at__gt=now).count() == 0
    last_confirmed = full[0].registrations.confirmed().latest("created_at").created_at
    assert full[0].registrations.waiting().first().created_at > last_confirmed

    # What the demo member sees on the session page once logged in.
    member = users.get(username="member")
    session = (Registration.objects.confirmed()
               .filter(participant__email__iexact=member.email, session__join_url__gt="",
                       session__starts_at__gt=now + datetime.timedelta(hours=1))
               .select_related("session").order_by("session__starts_at").first().session)
    assert session.join_url not in client.get(session.url).content.decode()
    client.force_login(member)
    page = client.get(session.url).content.decode()
    assert "You are registered" in page and session.join_url in page

    before = state()
    load()
    assert state() == before
    assert mailoutbox == []  # nor does loading it again

