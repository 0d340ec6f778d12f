"""Calendar feeds over HTTP: addresses, conditional GET, privacy, query counts."""
import datetime
import time

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date
from wagtail.models import PageViewRestriction

from network.models import Theme
from sessions.models import SessionPage

from .conftest import edit
from .factories import SessionSeriesFactory
from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


@pytest.fixture
def vacancy(db):
    return Theme.objects.create(name="Vacancy", slug="vacancy", description="Empty shops.")


def all_feed_urls(session, theme, series):
    return [reverse("sessions:calendar_all"),
            reverse("sessions:calendar_theme", kwargs={"slug": theme.slug}),
            reverse("sessions:calendar_series", kwargs={"slug": series.slug}),
            reverse("sessions:calendar_session", kwargs={"pk": session.pk})]


def test_every_feed_is_valid_text_calendar_without_join_links(client, make_session, vacancy):
    series = SessionSeriesFactory(name="Learning programme 2027", slug="learning-programme-2027")
    session = make_session(themes=[vacancy], series=series, format="hybrid", venue="Stadhuis")
    for url in all_feed_urls(session, vacancy, series):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"]
        calendar, _ = parse_both(response.content)
        assert session.calendar_uid in events_by_uid(calendar), url
        assert JOIN.encode() not in response.content
        assert b"secret-room" not in response.content


def test_theme_and_series_feeds_hold_only_their_sessions(client, make_session, vacancy):
    series = SessionSeriesFactory()
    about = make_session(themes=[vacancy])
    in_series = make_session(series=series)
    theme_uids = set(events_by_uid(parse_both(
        client.get(reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"})).content)[0]))
    series_uids = set(events_by_uid(parse_both(
        client.get(reverse("sessions:calendar_series", kwargs={"slug": series.slug})).content)[0]))
    assert theme_uids == {about.calendar_uid}
    assert series_uids == {in_series.calendar_uid}
    name = parse_both(client.get(reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"})).content)[0]
    assert "Vacancy" in str(name["X-WR-CALNAME"])


@pytest.mark.parametrize("url", ["/calendar/themes/no-such-theme.ics", "/calendar/series/nope.ics",
                                 "/calendar/sessions/999999.ics", "/calendar/themes/%00.ics",
                                 "/calendar/sessions/99999999999999999999999999.ics"])
def test_unknown_feeds_are_404(client, index, url):
    assert client.get(url).status_code == 404


def test_drafts_and_private_sessions_are_in_no_feed(client, make_session, index, vacancy):
    public = make_session(themes=[vacancy])
    draft = make_session(live=False, themes=[vacancy])
    private = make_session(themes=[vacancy])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    data = client.get(reverse("sessions:calendar_all")).content
    uids = set(events_by_uid(parse_both(data)[0]))
    assert uids == {public.calendar_uid}
    assert client.get(reverse("sessions:calendar_session", kwargs={"pk": draft.pk})).status_code == 404
    assert client.get(reverse("sessions:calendar_session", kwargs={"pk": private.pk})).status_code == 404


def test_group_restricted_index_hides_everything(client, make_session, index):
    make_session()
    restriction = PageViewRestriction.objects.create(page=index,
                                                     restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Working group"))
    assert parse_both(client.get(reverse("sessions:calendar_all")).content)[0].walk("VEVENT") == []


def test_conditional_get_answers_304_without_building(client, make_session, monkeypatch):
    make_session()
    first = client.get(reverse("sessions:calendar_all"))
    etag, last_modified = first["ETag"], first["Last-Modified"]

    def must_not_build(*args, **kwargs):
        raise AssertionError("the feed was built for a conditional GET")

    monkeypatch.setattr("sessions.calendars.ical.build_calendar", must_not_build)
    assert first["Cache-Control"] == "public, max-age=900"
    response = client.get(reverse("sessions:calendar_all"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Last-Modified"] == last_modified
    assert response["Cache-Control"] == "public, max-age=900"
    response = client.get(reverse("sessions:calendar_all"), HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304


def test_changes_and_removals_change_the_validators(client, make_session):
    session = make_session()
    other = make_session()
    first = client.get(reverse("sessions:calendar_all"))
    etag = first["ETag"]
    # A real change: new ETag, and the old one no longer gives 304.
    edit(session, venue="Library", format="in_person")
    response = client.get(reverse("sessions:calendar_all"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    # Unpublishing a session removes it, and moves Last-Modified forward for IMS-only clients.
    second = response
    SessionPage.objects.get(pk=other.pk).unpublish()
    response = client.get(reverse("sessions:calendar_all"), HTTP_IF_NONE_MATCH=second["ETag"])
    assert response.status_code == 200
    # It stays for a while as a cancelled event, so clients that merge remove it too.
    assert str(events_by_uid(parse_both(response.content)[0])[other.calendar_uid]["STATUS"]) == (
        "CANCELLED")


def test_unpublish_moves_last_modified_forward(client, make_session):
    session = make_session()
    make_session()
    SessionPage.objects.filter(pk=session.pk).update(
        changed_at=timezone.now() - datetime.timedelta(days=3))
    SessionPage.objects.exclude(pk=session.pk).update(
        changed_at=timezone.now() - datetime.timedelta(days=3))
    before = client.get(reverse("sessions:calendar_all"))["Last-Modified"]
    SessionPage.objects.get(pk=session.pk).unpublish()
    response = client.get(reverse("sessions:calendar_all"), HTTP_IF_MODIFIED_SINCE=before)
    assert response.status_code == 200
    # Three days ago before, about now after: a client that only sends If-Modified-Since
    # learns of the removal now and keeps the new date for its next request.
    before_date = parse_http_date(before)
    after_date = parse_http_date(response["Last-Modified"])
    assert before_date < time.time() - 2 * 86400
    assert after_date > before_date + 2 * 86400
    assert client.get(reverse("sessions:calendar_all"),
                      HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def _make_many(make_session, vacancy, series, n):
    for i in range(n):
        make_session(themes=[vacancy], series=series, title=f"Session {i} in Køge",
                     time_zone="Europe/Copenhagen" if i % 2 else "Europe/Amsterdam")


FEEDS = {"sessions:calendar_all": None, "sessions:calendar_theme": {"slug": "vacancy"},
         "sessions:calendar_series": {"slug": "programme"}}


def test_feed_query_count_does_not_grow_with_sessions(client, make_session, vacancy):
    """The all-sessions, theme and series feeds need as many queries with 15 sessions as with
    3, for a full answer and for a 304, whether their validators and bytes are remembered or
    read afresh after a write (the sessions are made once for the three feeds)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network import memo

    def count(url, cold, **headers):
        client.get(url)  # warm what every page reads once per generation, as a running site has
        if cold:
            memo.forget()  # as after a write: the validators are read afresh
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        return response, len(queries)

    def counts(url):
        response, cold = count(url, True)
        _, warm = count(url, False)
        etag = {"HTTP_IF_NONE_MATCH": response["ETag"]}
        not_modified, cold_304 = count(url, True, **etag)
        assert not_modified.status_code == 304
        _, warm_304 = count(url, False, **etag)
        return response, (cold, warm, cold_304, warm_304)

    series = SessionSeriesFactory(slug="programme")
    urls = {name: reverse(name, kwargs=kwargs) for name, kwargs in FEEDS.items()}
    _make_many(make_session, vacancy, series, 3)
    few = {}
    for name, url in urls.items():
        response, few[name] = counts(url)
        assert response.status_code == 200
    # Five times as many sessions: a query per session would show; more only adds time.
    _make_many(make_session, vacancy, series, 12)
    for name, url in urls.items():
        response, many = counts(url)
        print(f"{name}: {few[name]} queries (full, remembered, 304, remembered) with 3 "
              f"sessions, {many} with 15")
        assert all(m <= f for m, f in zip(many, few[name], strict=True)), name
        assert len(parse_both(response.content)[0].walk("VEVENT")) == 15
        # Remembered validators and kept bytes (Feed.body): a 304 and a full answer read
        # nothing once warm.
        assert many[1] == many[3] == 0, name


def test_feed_bytes_and_etag_do_not_depend_on_accept_language(client, make_session, vacancy):
    """One URL, one set of bytes: a Danish or Dutch browser gets what an English one gets."""
    series = SessionSeriesFactory(slug="programme")
    session = make_session(themes=[vacancy], series=series, format="hybrid", venue="Stadhuis")
    for url in all_feed_urls(session, vacancy, series):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert b"NAME:Centre Network" in english.content or url.endswith(f"/{session.pk}.ics")
        for language in ("da", "nl"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.content == english.content, (url, language)
            assert response["ETag"] == english["ETag"], (url, language)
            assert client.get(url, HTTP_ACCEPT_LANGUAGE=language,
                              HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 304


def test_restoring_a_backup_keeps_the_sessions_change_stamps(make_session, index):
    """loaddata saves rows raw: the stamps come back as backed up, so calendars that already
    have the feeds do not all refetch them after a restore (#14)."""
    session = make_session()
    restriction = PageViewRestriction.objects.create(page=index,
                                                     restriction_type=PageViewRestriction.LOGIN)
    backup = serializers.serialize("json", [restriction])
    restriction.delete()
    backed_up = timezone.now() - datetime.timedelta(days=3)
    SessionPage.objects.filter(pk=session.pk).update(changed_at=backed_up)

    for row in serializers.deserialize("json", backup):
        row.save()  # as loaddata does: a raw save

    assert PageViewRestriction.objects.filter(page=index).exists()
    assert SessionPage.objects.get(pk=session.pk).changed_at == backed_up
