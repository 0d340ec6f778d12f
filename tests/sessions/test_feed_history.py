"""Sessions that leave feeds: deleted, unpublished (by hand, in bulk, by expiry), taken off a
theme or moved to another series. The feeds' validators must move forward, subscribers must
get a cancelled event, and registered people a cancellation."""
import datetime
from email.utils import parsedate_to_datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from network.models import Theme
from sessions.models import FeedChange, FeedTombstone, Registration, SessionPage
from sessions.registration.places import register
from tests.factories import MemberAreaFactory

from .conftest import edit
from .factories import SessionSeriesFactory
from .ical_checks import events_by_uid, parse_both
from .test_lifecycle import calendar_parts, frozen_clock

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(days=3)


@pytest.fixture
def clock(monkeypatch):
    return frozen_clock(monkeypatch)


@pytest.fixture
def vacancy(db):
    return Theme.objects.create(name="Vacancy", slug="vacancy")


def _age(*sessions):
    """Make the sessions' last change three days old, so a change now is clearly newer."""
    SessionPage.objects.filter(pk__in=[s.pk for s in sessions]).update(
        changed_at=timezone.now() - LONG_AGO)
    FeedChange.objects.update(changed_at=timezone.now() - LONG_AGO)


def _validators(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"]


def _moved_forward(client, url, before):
    """Both validators of ``url`` changed, Last-Modified later, and each old one alone gives 200."""
    etag, modified = before
    response = client.get(url)
    assert response["ETag"] != etag
    assert parsedate_to_datetime(response["Last-Modified"]) > parsedate_to_datetime(modified)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    return events_by_uid(parse_both(response.content)[0])


def _signed_up(session):
    area = MemberAreaFactory()
    register(session, name="Sanne", email="sanne@example.nl", area=area, notify=False)
    register(session, name="Mads", email="mads@example.dk", area=area, notify=False)


@pytest.mark.parametrize("how", ["delete", "queryset_delete", "unpublish", "expire"])
def test_withdrawing_a_session_cancels_it_everywhere(client, make_session, vacancy, how,
                                                     django_capture_on_commit_callbacks):
    """Each way a session can disappear: feeds keep a cancelled event with a higher SEQUENCE,
    theme and all-sessions feeds move their validators forward, participants get a CANCEL."""
    session = make_session(themes=[vacancy], capacity=1)
    other = make_session(themes=[vacancy])
    _signed_up(session)
    _age(session, other)
    urls = [reverse("sessions:calendar_all"),
            reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"})]
    before = {url: _validators(client, url) for url in urls}
    sequence = SessionPage.objects.get(pk=session.pk).sequence
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if how == "delete":
            SessionPage.objects.get(pk=session.pk).delete()
        elif how == "queryset_delete":
            SessionPage.objects.filter(pk=session.pk).delete()
        elif how == "unpublish":
            SessionPage.objects.get(pk=session.pk).unpublish()
        else:
            SessionPage.objects.filter(pk=session.pk).update(
                expire_at=timezone.now() - datetime.timedelta(minutes=1))
            call_command("publish_scheduled")
    for url in urls:
        event = _moved_forward(client, url, before[url])[session.calendar_uid]
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == sequence + 1
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
    single = client.get(reverse("sessions:calendar_session", kwargs={"pk": session.pk}))
    assert single.status_code == 200
    assert str(events_by_uid(parse_both(single.content)[0])[session.calendar_uid]["STATUS"]) == (
        "CANCELLED")
    methods = sorted((m.to[0], [method for method, _data in calendar_parts(m)])
                     for m in mail.outbox)
    assert methods == [("Mads <mads@example.dk>", []), ("Sanne <sanne@example.nl>", ["CANCEL"])]
    assert not Registration.objects.active().filter(session_id=session.pk).exists()


def test_withdrawing_an_already_cancelled_session_tells_nobody_twice(
        make_session, django_capture_on_commit_callbacks):
    session = make_session()
    _signed_up(session)
    edit(session, status="cancelled", cancellation_reason="The speaker is ill.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        SessionPage.objects.get(pk=session.pk).delete()
    assert mail.outbox == []
    assert FeedTombstone.objects.get(session_id=session.pk).sequence == session.sequence + 2


def test_deleting_a_draft_leaves_nothing_behind(client, make_session):
    session = make_session(live=False)
    SessionPage.objects.get(pk=session.pk).delete()
    assert not FeedTombstone.objects.exists()
    assert client.get(reverse("sessions:calendar_session", kwargs={"pk": session.pk})).status_code == 404


def test_unpublished_registrations_are_not_shown_as_confirmed(client, make_session):
    session = make_session(title="Empty shops")
    _signed_up(session)
    participant = Registration.objects.filter(session=session).first().participant
    SessionPage.objects.get(pk=session.pk).unpublish()
    assert set(Registration.objects.filter(session=session).values_list("status", flat=True)) == {
        "cancelled"}
    page = client.get(reverse("sessions:registration_manage",
                              kwargs={"token": participant.manage_token}))
    assert "Empty shops" not in page.content.decode()


def test_taking_a_theme_off_moves_that_feed_forward(client, make_session, vacancy):
    session = make_session(themes=[vacancy])
    other = make_session(themes=[vacancy])
    _age(session, other)
    # The session leaving was the newest change in the theme's feed.
    SessionPage.objects.filter(pk=session.pk).update(changed_at=timezone.now() - LONG_AGO / 2)
    url = reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"})
    before = _validators(client, url)
    edit(session, themes=[])
    assert session.calendar_uid not in _moved_forward(client, url, before)


def test_adding_a_theme_moves_that_feed_forward(client, make_session, vacancy):
    session = make_session()
    other = make_session(themes=[vacancy])
    _age(session, other)
    url = reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"})
    before = _validators(client, url)
    SessionPage.objects.filter(pk=session.pk).update(changed_at=timezone.now() - LONG_AGO * 2)
    edit(session, themes=[vacancy])
    SessionPage.objects.filter(pk=session.pk).update(changed_at=timezone.now() - LONG_AGO * 2)
    assert session.calendar_uid in _moved_forward(client, url, before)


def test_moving_to_another_series_moves_both_feeds_forward(client, make_session):
    old, new = SessionSeriesFactory(slug="old"), SessionSeriesFactory(slug="new")
    session = make_session(series=old)
    stays = make_session(series=old)
    already = make_session(series=new)
    _age(session, stays, already)
    SessionPage.objects.filter(pk=session.pk).update(changed_at=timezone.now() - LONG_AGO / 2)
    urls = [reverse("sessions:calendar_series", kwargs={"slug": slug}) for slug in ("old", "new")]
    before = {url: _validators(client, url) for url in urls}
    edit(session, series=new)
    # Series are not calendar text: the session's own changed_at need not move.
    SessionPage.objects.filter(pk=session.pk).update(changed_at=timezone.now() - LONG_AGO / 2)
    assert session.calendar_uid not in _moved_forward(client, urls[0], before[urls[0]])
    assert session.calendar_uid in _moved_forward(client, urls[1], before[urls[1]])


def test_publishing_again_replaces_the_cancelled_event(client, make_session, clock):
    session = make_session()
    SessionPage.objects.get(pk=session.pk).unpublish()
    tombstone = FeedTombstone.objects.get(session_id=session.pk)
    before = _validators(client, reverse("sessions:calendar_all"))
    clock()
    SessionPage.objects.get(pk=session.pk).save_revision().publish()
    event = _moved_forward(client, reverse("sessions:calendar_all"), before)[session.calendar_uid]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) > tombstone.sequence
    assert not FeedTombstone.objects.exists()


def test_cancelled_events_are_dropped_after_a_while_and_the_feed_moves_on(client, make_session):
    gone = make_session()
    make_session()
    SessionPage.objects.get(pk=gone.pk).delete()
    url = reverse("sessions:calendar_all")
    FeedTombstone.objects.update(keep_until=timezone.now() - datetime.timedelta(seconds=1),
                                 left_at=timezone.now() - LONG_AGO)
    _age(*SessionPage.objects.all())
    before = _validators(client, url)
    # Any later withdrawal or membership change prunes what has been kept long enough.
    SessionPage.objects.get(pk=make_session().pk).unpublish()
    events = _moved_forward(client, url, before)
    assert gone.calendar_uid not in events
    assert not FeedTombstone.objects.filter(session_id=gone.pk).exists()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("organiser", "o@example.org",
                                                      "pw-for-tests-1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("action", ["delete", "bulk_delete", "unpublish", "bulk_unpublish"])
def test_admin_deletion_and_unpublishing_cancel_the_session(
        admin_client, make_session, action, django_capture_on_commit_callbacks):
    """The admin's own views, one page and in bulk, go the same way."""
    session = make_session()
    _signed_up(session)
    mail.outbox.clear()
    if action in ("delete", "unpublish"):
        url = reverse(f"wagtailadmin_pages:{action}", args=[session.pk])
    else:
        url = (reverse("wagtail_bulk_action", args=["wagtailcore", "page", action[5:]])
               + f"?id={session.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"include_descendants": ""})
    assert response.status_code == 302, response.content[:500]
    assert SessionPage.objects.filter(pk=session.pk, live=True).exists() is False
    assert FeedTombstone.objects.filter(session_id=session.pk).exists()
    assert len(mail.outbox) == 2
    assert not Registration.objects.active().filter(session_id=session.pk).exists()


def test_the_delete_confirmation_warns_about_registered_people(admin_client, make_session):
    session = make_session()
    _signed_up(session)
    page = admin_client.get(reverse("wagtailadmin_pages:delete", args=[session.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "2 people are registered for this session" in text
    assert "set the status to Cancelled instead" in text


def test_a_session_ageing_out_of_the_feed_window_moves_the_feed_forward(
        client, make_session, future_date, clock):
    ageing = make_session(date=future_date)
    make_session(date=future_date + datetime.timedelta(days=60))
    url = reverse("sessions:calendar_all")
    ageing.refresh_from_db()
    clock(int((ageing.ends_at - timezone.now()).total_seconds() // 60) + 365 * 24 * 60 - 24 * 60)
    before = _validators(client, url)
    assert ageing.calendar_uid in events_by_uid(parse_both(client.get(url).content)[0])
    clock(3 * 24 * 60)
    assert ageing.calendar_uid not in _moved_forward(client, url, before)
