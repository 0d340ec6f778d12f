"""The demo loader of the sessions app: complete, realistic and idempotent."""
import datetime
import io

import pytest
from django.urls import reverse
from wagtail.models import Revision

from network.demo import AREA_SLUGS, THEME_SLUGS
from network.models import Person, PersonRole
from sessions import demo
from sessions.models import SessionPage, SessionSeries, SessionStatus
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

from .ical_checks import parse_both

pytestmark = pytest.mark.django_db

# The core demo's themes and areas, named once in network/demo_content.py.
THEMES = THEME_SLUGS
AREAS = AREA_SLUGS


@pytest.fixture
def core(site):
    """Stand-ins for the core demo (network/demo.py): themes, areas, people, a coordinator."""
    for slug in THEMES:
        ThemeFactory(slug=slug, name=slug.replace("-", " ").capitalize())
    for slug in AREAS:
        area = MemberAreaFactory(slug=slug, name=slug.replace("-", " ").title(),
                                 country="DK" if slug in demo.DANISH_AREAS else "NL")
        PersonFactory(name=f"Manager of {area.name}", areas=[area])
    PersonFactory(name="Network coordinator", role=PersonRole.NETWORK_COORDINATOR)


NOW = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)


def state():
    return sorted(SessionPage.objects.values_list("slug", "sequence", "changed_at", "status",
                                                  "starts_at", "summary"))


def test_demo_builds_programme_and_working_group(core, client):
    out = io.StringIO()
    demo.load_sessions(out, now=NOW)
    sessions = SessionPage.objects.live()
    assert sessions.count() == 22 + 3
    assert SessionSeries.objects.get(slug="learning-programme-2026").sessions.count() == 11
    group = SessionSeries.objects.get(slug="setting-up-centre-management")
    assert group.kind == SessionSeries.Kind.WORKING_GROUP
    assert group.sessions.count() == 3
    assert all(s.capacity == 24 for s in group.sessions.all())
    cancelled = sessions.get(status=SessionStatus.CANCELLED)
    assert cancelled.cancellation_reason and cancelled.sequence == 1
    moved = sessions.get(status=SessionStatus.MOVED)
    assert moved.date == datetime.date(2027, 1, 21) and moved.previous_starts_at
    assert moved.sequence == 1
    # Danish hosts use Copenhagen time; past sessions have a summary, notes and a recording.
    assert sessions.filter(time_zone="Europe/Copenhagen", host_area__country="DK").exists()
    past = sessions.filter(ends_at__lt=NOW).exclude(status=SessionStatus.CANCELLED)
    assert past.exists() and all(s.summary and len(s.materials) == 1 for s in past)
    assert not sessions.filter(ends_at__gte=NOW).exclude(summary="").exists()
    assert all(s.themes.exists() for s in sessions)
    assert Person.objects.get(name="Manager of Koge") in [
        h.person for s in sessions for h in s.hosts.all()]
    # The demo calendar is valid.
    parse_both(client.get(reverse("sessions:calendar_all")).content)


def test_demo_is_idempotent(core, client):
    demo.load_sessions(io.StringIO(), now=NOW)
    before, revisions = state(), Revision.objects.count()
    feed = client.get(reverse("sessions:calendar_all")).content
    demo.load_sessions(io.StringIO(), now=NOW)
    assert state() == before
    assert Revision.objects.count() == revisions
    assert client.get(reverse("sessions:calendar_all")).content == feed


def test_rerun_on_a_later_day_creates_nothing(core):
    demo.load_sessions(io.StringIO(), now=NOW)
    count = SessionPage.objects.count()
    sequences = dict(SessionPage.objects.values_list("slug", "sequence"))
    demo.load_sessions(io.StringIO(), now=NOW + datetime.timedelta(days=45))
    assert SessionPage.objects.count() == count
    # Newly ended sessions got their notes, which is not a time/place change for calendars.
    assert dict(SessionPage.objects.values_list("slug", "sequence")) == sequences
