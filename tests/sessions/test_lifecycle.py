"""One session's whole life, as subscribers and registered people see it.

create → publish → subscribe → move → retitle → change themes → move series → cancel →
reinstate → unpublish → delete. After every step each feed the session was or is in is fetched
over HTTP and checked: status, UID, SEQUENCE, STATUS; validators that move forward (ETag
changes with the bytes, Last-Modified never goes back and moves on with every change); 304 with
each validator alone; and the e-mails sent. Time advances between steps by a patched clock,
because Last-Modified has one-second resolution.
"""
import datetime
import email
from email.utils import parsedate_to_datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import Theme
from sessions.models import FeedTombstone, Registration, SessionPage
from sessions.registration.places import register
from tests.factories import MemberAreaFactory

from .conftest import edit
from .factories import SessionSeriesFactory
from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A clock that stands still until ``tick()`` moves it a minute on."""
    return frozen_clock(monkeypatch)


def frozen_clock(monkeypatch):
    """Patch ``timezone.now`` to a time that moves only when the returned function is called."""
    state = {"now": timezone.now().replace(microsecond=0)}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])

    def tick(minutes=1):
        state["now"] += datetime.timedelta(minutes=minutes)
        return state["now"]
    return tick


def calendar_parts(message):
    """(method, bytes) of each text/calendar part of a sent e-mail."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    return [(part.get_param("method"), part.get_payload(decode=True))
            for part in parsed.walk() if part.get_content_type() == "text/calendar"]


class Subscriber:
    """A calendar client subscribed to some feeds: it keeps each feed's bytes and validators
    and checks that they behave after every step."""

    def __init__(self, client):
        self.client = client
        self.seen = {}

    def fetch(self, url):
        """The feed's events by UID, after checking status, validators and 304s."""
        response = self.client.get(url)
        assert response.status_code == 200, url
        etag = response["ETag"]
        modified = parsedate_to_datetime(response["Last-Modified"])
        previous = self.seen.get(url)
        if previous is not None:
            old_etag, old_modified, old_body, old_header = previous
            assert modified >= old_modified, f"Last-Modified went back on {url}"
            if response.content != old_body:
                assert etag != old_etag, f"new bytes, same ETag on {url}"
            if etag != old_etag:
                assert modified > old_modified, f"new ETag, same Last-Modified on {url}"
                # A client with the old copy gets the new one, whichever validator it sends.
                assert self.client.get(url, HTTP_IF_NONE_MATCH=old_etag).status_code == 200
                assert self.client.get(url, HTTP_IF_MODIFIED_SINCE=old_header).status_code == 200
        # A client with the current copy gets 304, whichever validator it sends.
        assert self.client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url
        assert self.client.get(
            url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304, url
        self.seen[url] = (etag, modified, response.content, response["Last-Modified"])
        return events_by_uid(parse_both(response.content)[0])


@pytest.fixture
def themes(db):
    return (Theme.objects.create(name="Vacancy", slug="vacancy"),
            Theme.objects.create(name="Public space", slug="public-space"))


def test_a_session_from_creation_to_deletion(client, make_session, themes, clock,
                                             django_capture_on_commit_callbacks):
    vacancy, public_space = themes
    first_series = SessionSeriesFactory(slug="programme-2027")
    second_series = SessionSeriesFactory(slug="working-group")
    # Neighbours, changed long ago, keep every feed non-empty: the feeds' own validators
    # would otherwise come only from this session.
    clock(-600)
    for theme, series in ((vacancy, first_series), (public_space, second_series)):
        make_session(themes=[theme], series=series, title=f"Other about {theme.name}")
    clock(600)
    session = make_session(live=False, themes=[vacancy], series=first_series,
                           title="Empty shops", capacity=1)
    uid = session.calendar_uid
    urls = {
        "all": reverse("sessions:calendar_all"),
        "vacancy": reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"}),
        "public_space": reverse("sessions:calendar_theme", kwargs={"slug": "public-space"}),
        "programme": reverse("sessions:calendar_series", kwargs={"slug": "programme-2027"}),
        "working_group": reverse("sessions:calendar_series", kwargs={"slug": "working-group"}),
        "one": reverse("sessions:calendar_session", kwargs={"pk": session.pk}),
    }
    subscriber = Subscriber(client)

    def step(action):
        clock()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()

    def check(present, *, sequence, status, summary=None):
        """The session is in the feeds ``present`` with this SEQUENCE and STATUS, and in none
        of the others."""
        for name, url in urls.items():
            if name == "one" and "one" not in present and name not in subscriber.seen:
                assert client.get(url).status_code == 404
                continue
            events = subscriber.fetch(url)
            if name in present:
                event = events[uid]
                assert int(event["SEQUENCE"]) == sequence, name
                assert str(event["STATUS"]) == status, name
                if summary:
                    assert str(event["SUMMARY"]) == summary, name
            else:
                assert uid not in events, name

    # Created as a draft: in no feed.
    check(set(), sequence=0, status="")

    # Published and subscribed to.
    step(lambda: SessionPage.objects.get(pk=session.pk).save_revision().publish())
    check({"all", "vacancy", "programme", "one"}, sequence=0, status="CONFIRMED",
          summary="Empty shops")
    area = MemberAreaFactory()
    confirmed = register(session, name="Sanne", email="sanne@example.nl", area=area)
    waiting = register(session, name="Mads", email="mads@example.dk", area=area)
    assert confirmed.is_confirmed and waiting.is_waiting

    # Moved: a higher SEQUENCE, an updated invitation for the confirmed person.
    step(lambda: edit(session, start_time=datetime.time(10), end_time=datetime.time(11)))
    check({"all", "vacancy", "programme", "one"}, sequence=1, status="CONFIRMED")
    assert sorted((m.to[0], [p[0] for p in calendar_parts(m)]) for m in mail.outbox) == [
        ("Mads <mads@example.dk>", []), ("Sanne <sanne@example.nl>", ["REQUEST"])]

    # Retitled: new text, same SEQUENCE, nobody e-mailed.
    step(lambda: edit(session, title="Empty shops, full streets"))
    check({"all", "vacancy", "programme", "one"}, sequence=1, status="CONFIRMED",
          summary="Empty shops, full streets")
    assert mail.outbox == []

    # Themes changed: it leaves one theme's feed and joins another's.
    step(lambda: edit(session, themes=[public_space]))
    check({"all", "public_space", "programme", "one"}, sequence=1, status="CONFIRMED")
    assert mail.outbox == []

    # Moved to another series.
    step(lambda: edit(session, series=second_series))
    check({"all", "public_space", "working_group", "one"}, sequence=1, status="CONFIRMED")
    assert mail.outbox == []

    # Cancelled: STATUS:CANCELLED, a CANCEL for the confirmed person.
    step(lambda: edit(session, status="cancelled", cancellation_reason="The speaker is ill."))
    check({"all", "public_space", "working_group", "one"}, sequence=2, status="CANCELLED")
    assert sorted((m.to[0], [p[0] for p in calendar_parts(m)]) for m in mail.outbox) == [
        ("Mads <mads@example.dk>", []), ("Sanne <sanne@example.nl>", ["CANCEL"])]

    # Reinstated: confirmed again, with a new invitation.
    step(lambda: edit(session, status="scheduled", cancellation_reason=""))
    check({"all", "public_space", "working_group", "one"}, sequence=3, status="CONFIRMED")
    assert sorted((m.to[0], [p[0] for p in calendar_parts(m)]) for m in mail.outbox) == [
        ("Mads <mads@example.dk>", []), ("Sanne <sanne@example.nl>", ["REQUEST"])]

    # Unpublished: treated as a cancellation everywhere.
    step(lambda: SessionPage.objects.get(pk=session.pk).unpublish())
    check({"all", "public_space", "working_group", "one"}, sequence=4, status="CANCELLED")
    assert sorted((m.to[0], [p[0] for p in calendar_parts(m)]) for m in mail.outbox) == [
        ("Mads <mads@example.dk>", []), ("Sanne <sanne@example.nl>", ["CANCEL"])]
    [(_method, data)] = calendar_parts(next(m for m in mail.outbox if "sanne" in m.to[0]))
    cancel = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(cancel["UID"]) == uid and int(cancel["SEQUENCE"]) == 4
    assert str(cancel["STATUS"]) == "CANCELLED"
    # Nobody keeps a "confirmed" place at a session nobody can see.
    assert not Registration.objects.active().filter(session_id=session.pk).exists()
    page = client.get(reverse("sessions:registration_manage",
                              kwargs={"token": confirmed.participant.manage_token}))
    assert "Empty shops" not in page.content.decode()

    # Deleted: still cancelled in the feeds, nobody told twice.
    step(lambda: SessionPage.objects.get(pk=session.pk).delete())
    check({"all", "public_space", "working_group", "one"}, sequence=4, status="CANCELLED")
    assert mail.outbox == []
    assert FeedTombstone.objects.filter(session_id=session.pk).exists()
