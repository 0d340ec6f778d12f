"""Sessions in three languages (#15, docs/sessions.md "Languages"): one event of record in
English, its pages in Dutch and Danish, registrations, listings, feeds and e-mails per language."""
import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from network.models import Theme
from network.translation import sync_all_locale_trees
from sessions.languages import attach_texts, sync_translations
from sessions.models import Registration, SessionHost, SessionPage, SessionStatus
from sessions.registration.places import register

from .conftest import edit
from .factories import SessionSeriesFactory
from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db

DUTCH_TITLE = "Leegstand aanpakken"


def locale(code):
    return Locale.objects.get(language_code=code)


def in_tree(session, code):
    """The page of ``session`` in the tree of language ``code`` (translation or alias)."""
    return SessionPage.objects.get(translation_key=session.translation_key,
                                   locale__language_code=code)


def translate_with_wagtail_localize(session, code, title):
    """Translate ``session`` as a translator does in wagtail-localize's editor: only the title
    is translated; the rest falls back to the English text until someone translates it."""
    source, _created = TranslationSource.get_or_create_from_instance(session)
    target = Translation.objects.create(source=source, target_locale=locale(code))
    segment = StringSegment.objects.select_related("string", "context").get(
        source=source, context__path="title")
    StringTranslation.objects.create(translation_of=segment.string, locale=locale(code),
                                     context=segment.context, data=title)
    target.save_target(publish=True)
    return in_tree(session, code)


@pytest.fixture
def session(make_session):
    """An English session about vacancy, present in every language's tree (as aliases)."""
    page = make_session(title="Tackling vacancy", slug="tackling-vacancy", capacity=2,
                        date=datetime.date.today() + datetime.timedelta(days=30))
    sync_all_locale_trees()
    return SessionPage.objects.get(pk=page.pk)


@pytest.fixture
def dutch(session, django_capture_on_commit_callbacks):
    """Its Dutch translation (wagtail-localize), published."""
    with django_capture_on_commit_callbacks(execute=True):
        page = translate_with_wagtail_localize(session, "nl", DUTCH_TITLE)
    page = SessionPage.objects.get(pk=page.pk)
    assert page.live and not page.alias_of_id and page.title == DUTCH_TITLE
    return page


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- one event of record ------------------------------------------------------------------


def test_every_language_points_to_the_english_session(session, dutch):
    danish_alias = in_tree(session, "da")
    assert danish_alias.alias_of_id == session.pk
    assert session.canonical == session and session.is_canonical
    assert dutch.canonical == session and not dutch.is_canonical
    assert danish_alias.canonical == session


def test_sessions_are_created_in_the_english_tree_only(session):
    english_index = session.get_parent()
    dutch_index = english_index.get_translation(locale("nl"))
    assert SessionPage.can_create_at(english_index)
    assert not SessionPage.can_create_at(dutch_index)


def test_fact_queries_see_one_event_per_session(session, dutch):
    assert list(SessionPage.objects.published()) == [session]
    assert SessionPage.objects.live().count() == 3  # English, Dutch, Danish alias
    assert list(SessionPage.objects.canonical()) == [session]


def test_registering_on_the_dutch_page_takes_a_place_at_the_event(client, session, dutch, delft):
    assert DUTCH_TITLE in html_of(client.get(dutch.url))
    form = {"name": "Sanne de Vries", "email": "sanne@example.nl", "area": str(delft.pk)}
    with translation.override("nl"):
        target = reverse("sessions:register", kwargs={"pk": dutch.pk})
    assert target.startswith("/nl/")
    response = client.post(target, form)
    # The visitor stays in Dutch: "check your e-mail" in /nl/, for the event's own id.
    assert response.status_code == 303
    assert response["Location"] == f"/nl/registrations/sessions/{session.pk}/check-your-email/"
    registration = Registration.objects.get()
    assert registration.session_id == session.pk
    assert registration.language == "nl"
    # The same places in every language: one left on the English page too.
    register(in_tree(session, "da"), name="Bo", email="bo@example.dk", area=delft, notify=False)
    assert Registration.objects.filter(session=session).count() == 2


# --- facts stay in sync -------------------------------------------------------------------


def test_moving_the_session_moves_its_dutch_page_and_keeps_the_dutch_title(
        client, session, dutch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edit(session, start_time=datetime.time(10, 0), end_time=datetime.time(11, 30),
             capacity=5)
    dutch = SessionPage.objects.get(pk=dutch.pk)
    assert dutch.title == DUTCH_TITLE
    assert (dutch.start_time, dutch.end_time, dutch.capacity) == (
        datetime.time(10, 0), datetime.time(11, 30), 5)
    assert dutch.status == SessionStatus.MOVED
    page = html_of(client.get(dutch.url))
    assert DUTCH_TITLE in page and "10:00" in page

    feed = client.get("/nl/calendar/sessions.ics")
    calendar, _other = parse_both(feed.content)
    event = events_by_uid(calendar)[session.calendar_uid]
    assert str(event["SUMMARY"]) == DUTCH_TITLE
    assert event.decoded("DTSTART").time() == datetime.time(10, 0)


def test_a_translation_made_without_wagtail_localize_gets_the_facts_too(session, delft):
    danish = in_tree(session, "da")
    danish.delete()
    danish = session.copy_for_translation(locale("da"))
    danish.title = "Tomme butikker"
    danish.save_revision().publish()
    session.status, session.cancellation_reason = SessionStatus.CANCELLED, "Too few places."
    session.save_revision().publish()

    sync_translations(SessionPage.objects.get(pk=session.pk))

    danish = SessionPage.objects.get(pk=danish.pk)
    assert danish.live and danish.title == "Tomme butikker"
    assert danish.status == SessionStatus.CANCELLED
    assert danish.cancellation_reason == "Too few places."


# --- listings -----------------------------------------------------------------------------


def test_the_dutch_programme_lists_each_event_once_in_dutch_where_translated(
        client, session, dutch, make_session):
    other = make_session(title="Branding the centre", slug="branding")
    sync_all_locale_trees()
    with translation.override("nl"):
        programme = session.get_parent().get_translation(locale("nl")).url
    page = html_of(client.get(programme))
    assert page.count(DUTCH_TITLE) == 1 and "Tackling vacancy" not in page
    assert f'href="{dutch.url}"' in page
    # Not translated: the English title, marked as English, linking to the Dutch tree's alias.
    alias = in_tree(other, "nl")
    assert re.search(rf'href="{re.escape(alias.url)}" lang="en">Branding the centre<', page)


def test_listing_texts_cost_one_lookup_whatever_the_number_of_sessions(
        session, dutch, make_session, django_assert_max_num_queries):
    for n in range(5):
        make_session(title=f"Session {n}", slug=f"s-{n}")
    sync_all_locale_trees()
    sessions = list(SessionPage.objects.published())
    with translation.override("nl"), django_assert_max_num_queries(4):
        shown = attach_texts(sessions)
    assert {s.text.title for s in shown} >= {DUTCH_TITLE, "Session 0"}


# --- feeds --------------------------------------------------------------------------------


def test_the_old_feed_address_and_the_english_one_give_the_same_bytes(client, session, dutch):
    old = client.get("/calendar/sessions.ics")
    english = client.get("/en/calendar/sessions.ics")
    assert old.status_code == english.status_code == 200
    assert old.content == english.content
    assert old["ETag"] == english["ETag"]
    assert b"Tackling vacancy" in old.content and DUTCH_TITLE.encode() not in old.content


@pytest.mark.parametrize("code", ["nl", "da"])
def test_each_language_has_its_own_feed_with_the_same_events(client, session, dutch, code):
    english = client.get("/en/calendar/sessions.ics")
    response = client.get(f"/{code}/calendar/sessions.ics")
    assert response.status_code == 200
    calendar, other = parse_both(response.content)
    # The same UIDs as the English feed: switching feeds gives no duplicates.
    assert events_by_uid(calendar).keys() == events_by_uid(parse_both(english.content)[0]).keys()
    event = events_by_uid(calendar)[session.calendar_uid]
    expected = DUTCH_TITLE if code == "nl" else "Tackling vacancy"
    assert str(event["SUMMARY"]) == expected
    assert other.vevent.summary.value == expected
    assert f"/{code}/" in str(event["URL"])
    # Stable bytes and an ETag of its own, answered with 304 when current.
    again = client.get(f"/{code}/calendar/sessions.ics")
    assert again.content == response.content and again["ETag"] == response["ETag"]
    assert response["ETag"] != english["ETag"]
    assert client.get(f"/{code}/calendar/sessions.ics",
                      HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_new_dutch_title_changes_the_dutch_feed_and_its_etag(
        client, session, dutch, django_capture_on_commit_callbacks):
    before = client.get("/nl/calendar/sessions.ics")
    english_before = client.get("/en/calendar/sessions.ics")
    dutch.title = "Leegstand te lijf"
    dutch.save_revision().publish()
    after = client.get("/nl/calendar/sessions.ics", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and b"Leegstand te lijf" in after.content
    assert client.get("/en/calendar/sessions.ics").content == english_before.content


def test_the_single_session_file_is_named_in_the_language_of_its_address(client, session, dutch):
    with translation.override("nl"):
        path = reverse("sessions:calendar_session", kwargs={"pk": session.pk})
    calendar, _other = parse_both(client.get(path).content)
    assert str(calendar["X-WR-CALNAME"]) == DUTCH_TITLE


def test_the_dutch_page_links_to_the_dutch_feeds(client, session, dutch):
    page = html_of(client.get(dutch.url))
    assert "/nl/calendar/sessions.ics" in page
    assert f"/nl/calendar/sessions/{session.pk}.ics" in page


# --- e-mails ------------------------------------------------------------------------------


def test_a_registration_on_the_dutch_page_is_written_to_in_dutch(session, dutch, delft,
                                                                django_capture_on_commit_callbacks):
    with translation.override("nl"):
        register(dutch, name="Sanne", email="sanne@example.nl", area=delft, language="nl")
    register(session, name="Ann", email="ann@example.org", area=delft, language="en")
    dutch_mail, english_mail = mail.outbox
    assert DUTCH_TITLE in dutch_mail.subject and DUTCH_TITLE in dutch_mail.body
    assert f"{dutch.url}" in dutch_mail.body and "/nl/registrations/" in dutch_mail.body
    assert english_mail.subject == "Registered: Tackling vacancy"
    assert "/en/registrations/" in english_mail.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        edit(session, start_time=datetime.time(9, 0), end_time=datetime.time(10, 0))
    by_address = {message.to[0]: message for message in mail.outbox}
    to_dutch = next(m for a, m in by_address.items() if "sanne@" in a)
    to_english = next(m for a, m in by_address.items() if "ann@" in a)
    assert DUTCH_TITLE in to_dutch.subject and "09:00" in to_dutch.body
    assert "Tackling vacancy" in to_english.subject and "Changed" in to_english.subject
    assert "/nl/" in to_dutch.body and "/nl/" not in to_english.body


# --- pages and dates ----------------------------------------------------------------------


def test_an_untranslated_session_shows_its_english_text_marked_as_english(client, session):
    danish = in_tree(session, "da")
    page = html_of(client.get(danish.url))
    assert '<h1 id="session-title" lang="en">Tackling vacancy</h1>' in page
    assert 'class="notice notice--language"' in page
    # Signing up there posts to the event itself.
    assert f"/da/registrations/sessions/{session.pk}/" in page


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "Thursday 13 May 2027, 15:00"),
    ("nl", "donderdag 13 mei 2027, 15:00"),
    ("da", "torsdag 13. maj 2027, 15:00"),
])
def test_dates_follow_each_languages_conventions(client, make_session, code, expected):
    page = make_session(title="Spring session", slug="spring", date=datetime.date(2027, 5, 13))
    sync_all_locale_trees()
    assert expected in html_of(client.get(in_tree(page, code).url))


def test_series_and_personal_feeds_speak_the_language_of_their_address(
        client, session, dutch, delft):
    series = SessionSeriesFactory(name="Learning programme", name_nl="Leerprogramma",
                                  slug="learning")
    SessionPage.objects.filter(translation_key=session.translation_key).update(series=series)
    calendar, _other = parse_both(client.get("/nl/calendar/series/learning.ics").content)
    assert "Leerprogramma" in str(calendar["X-WR-CALNAME"])
    assert str(events_by_uid(calendar)[session.calendar_uid]["SUMMARY"]) == DUTCH_TITLE
    english, _other = parse_both(client.get("/calendar/series/learning.ics").content)
    assert "Learning programme" in str(english["X-WR-CALNAME"])

    registration = register(session, name="Sanne", email="sanne@example.nl", area=delft,
                            notify=False)
    token = registration.participant.calendar_token
    dutch_feed = client.get(f"/nl/calendar/personal/{token}.ics")
    calendar, _other = parse_both(dutch_feed.content)
    assert str(events_by_uid(calendar)[session.calendar_uid]["SUMMARY"]) == DUTCH_TITLE
    old = client.get(f"/calendar/personal/{token}.ics")
    assert old.content == client.get(f"/en/calendar/personal/{token}.ics").content
    assert b"Tackling vacancy" in old.content and old["ETag"] != dutch_feed["ETag"]
    assert client.get(f"/nl/calendar/personal/{token}.ics",
                      HTTP_IF_NONE_MATCH=dutch_feed["ETag"]).status_code == 304


def test_a_session_with_hosts_themes_and_an_agenda_translates_and_stays_in_sync(
        make_session, django_capture_on_commit_callbacks):
    vacancy = Theme.objects.create(name="Vacancy", slug="vacancy")
    branding = Theme.objects.create(name="Branding", slug="branding")
    page = make_session(title="Pop-up shops", slug="pop-ups", themes=[vacancy],
                        agenda=[("item", {"time": datetime.time(15, 0), "item": "Welcome"})])
    page = SessionPage.objects.get(pk=page.pk)
    page.hosts.add(SessionHost(name="Mette", role="Chair"))
    page.save_revision().publish()
    sync_all_locale_trees()
    with django_capture_on_commit_callbacks(execute=True):
        dutch = translate_with_wagtail_localize(SessionPage.objects.get(pk=page.pk), "nl",
                                                "Pop-upwinkels")
    assert list(dutch.themes.all()) == [vacancy] and dutch.hosts.get().name == "Mette"

    with django_capture_on_commit_callbacks(execute=True):
        edit(page, themes=[vacancy, branding], capacity=12)
    dutch = SessionPage.objects.get(pk=dutch.pk)
    assert dutch.title == "Pop-upwinkels" and dutch.capacity == 12
    assert set(dutch.themes.all()) == {vacancy, branding}
    assert dutch.agenda[0].value["item"] == "Welcome"  # untranslated: the English text
