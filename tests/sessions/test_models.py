"""Session times and the calendar bookkeeping kept on save (Wagtail draft/publish mechanics)."""
import datetime
from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sessions.models import SessionPage, SessionStatus

from .conftest import edit
from .factories import SessionPageFactory

pytestmark = pytest.mark.django_db


def test_utc_instants_follow_the_sessions_zone(make_session):
    winter = make_session(date=datetime.date(2027, 1, 14), time_zone="Europe/Copenhagen")
    summer = make_session(date=datetime.date(2027, 6, 10))
    assert winter.starts_at == datetime.datetime(2027, 1, 14, 14, tzinfo=UTC)
    assert summer.starts_at == datetime.datetime(2027, 6, 10, 13, tzinfo=UTC)
    assert winter.zone_abbreviation == "CET" and summer.zone_abbreviation == "CEST"


def test_saving_a_draft_changes_nothing_live(make_session, future_date):
    session = make_session()
    stored = SessionPage.objects.get(pk=session.pk)
    edit(session, publish=False, date=future_date + datetime.timedelta(days=1), venue="Elsewhere")
    after = SessionPage.objects.get(pk=session.pk)
    assert (after.date, after.starts_at, after.sequence, after.changed_at) == (
        stored.date, stored.starts_at, stored.sequence, stored.changed_at)
    assert after.has_unpublished_changes


def test_first_publication_of_a_draft_is_sequence_zero(index, future_date):
    draft = SessionPageFactory(parent=index, live=False, date=future_date)
    published = edit(draft, date=future_date + datetime.timedelta(days=7), venue="Town hall")
    assert published.live and published.sequence == 0
    assert published.status == SessionStatus.SCHEDULED and published.previous_starts_at is None
    assert published.changed_at >= draft.changed_at


@pytest.mark.parametrize("changes, bumps", [
    ({"start_time": datetime.time(14)}, True),
    ({"end_time": datetime.time(17)}, True),
    ({"date": datetime.date(2031, 1, 16)}, True),
    # Same wall-clock time, same UTC instant: not a reschedule (see the test below).
    ({"time_zone": "Europe/Copenhagen"}, False),
    ({"format": "hybrid"}, True),
    ({"venue": "De Bibliotheek"}, True),
    ({"address": "Markt 1"}, True),
    ({"join_url": "https://meet.example.org/new-room"}, False),
    ({"title": "A better title"}, False),
    ({"capacity": 30}, False),
])
def test_sequence_rises_for_time_place_and_status_only(make_session, changes, bumps):
    session = make_session(date=datetime.date(2031, 1, 9))
    after = edit(session, **changes)
    assert after.sequence == (1 if bumps else 0)


def test_changing_only_the_zone_keeps_the_sequence_but_changes_the_feed(make_session):
    session = make_session(date=datetime.date(2031, 1, 9))
    before = SessionPage.objects.get(pk=session.pk)
    after = edit(session, time_zone="Europe/Copenhagen")
    assert after.starts_at == before.starts_at and after.ends_at == before.ends_at
    assert (after.sequence, after.status, after.previous_starts_at) == (
        0, SessionStatus.SCHEDULED, None)
    # The feeds' TZID changes, so their bytes do: a new changed_at (LAST-MODIFIED).
    assert after.changed_at > before.changed_at


def test_move_records_previous_time_and_second_move_keeps_counting(make_session, future_date):
    session = make_session(start_time=datetime.time(15), end_time=datetime.time(16, 30))
    original = session.starts_at
    moved = edit(session, date=future_date + datetime.timedelta(days=7))
    assert moved.status == SessionStatus.MOVED and moved.sequence == 1
    assert moved.previous_starts_at == original
    again = edit(moved, start_time=datetime.time(10), end_time=datetime.time(11))
    assert again.sequence == 2 and again.previous_starts_at == moved.starts_at


def test_moving_a_cancelled_session_keeps_it_cancelled(make_session, future_date):
    session = edit(make_session(), status=SessionStatus.CANCELLED, cancellation_reason="Storm.")
    after = edit(session, date=future_date + datetime.timedelta(days=1))
    assert after.status == SessionStatus.CANCELLED and after.sequence == 2


def test_stale_bookkeeping_in_an_old_revision_does_not_roll_back(make_session, future_date):
    session = make_session()
    old_revision = SessionPage.objects.get(pk=session.pk).save_revision()
    edit(session, venue="Library", format="in_person")  # sequence 1
    old_revision.publish()  # content from before: place changes back, sequence must go up again
    after = SessionPage.objects.get(pk=session.pk)
    assert after.sequence == 2 and after.format == "online"


def test_unchanged_republish_keeps_changed_at(make_session):
    session = make_session()
    stamp = SessionPage.objects.get(pk=session.pk).changed_at
    after = edit(session)
    assert after.changed_at == stamp and after.sequence == 0


def test_cancelling_needs_a_reason_and_end_after_start(make_session):
    session = make_session()
    session.status = SessionStatus.CANCELLED
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "cancellation_reason" in error.value.message_dict
    session.status = SessionStatus.SCHEDULED
    session.end_time = session.start_time
    with pytest.raises(ValidationError):
        session.full_clean()


def test_copy_starts_a_new_calendar_history(make_session, index):
    session = edit(make_session(), venue="Library", format="in_person")
    copy = session.copy(update_attrs={"slug": "copy-of-session", "title": "Copy"})
    copy = SessionPage.objects.get(pk=copy.pk)
    assert copy.sequence == 0 and copy.previous_starts_at is None
    assert copy.calendar_uid != session.calendar_uid


def test_registration_state():
    now = timezone.now()
    starts = now + datetime.timedelta(days=10)
    session = SessionPage(registration_opens=now + datetime.timedelta(days=1), starts_at=starts)
    assert session.registration_state(now) == "not_yet"
    session.registration_closes = now - datetime.timedelta(days=1)
    session.registration_opens = now - datetime.timedelta(days=3)
    assert session.registration_state(now) == "closed"
    # Without a window, registration is open until the session starts.
    assert SessionPage(starts_at=starts).registration_state(now) == "open"
    assert SessionPage(starts_at=starts).registration_state(starts) == "started"
    assert SessionPage(starts_at=starts, status="cancelled").registration_state(now) == "cancelled"


def test_partial_save_of_time_fields_is_tracked_too(make_session):
    session = SessionPage.objects.get(pk=make_session(start_time=datetime.time(15)).pk)
    session.start_time = datetime.time(9)
    session.save(update_fields=["start_time"])
    stored = SessionPage.objects.get(pk=session.pk)
    assert stored.starts_at.astimezone(session.zone).hour == 9
    assert (stored.status, stored.sequence) == (SessionStatus.MOVED, 1)
