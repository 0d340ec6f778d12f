"""The real admin edit view: publishing a changed time through the form moves the session."""
import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sessions.models import SessionPage, SessionStatus
from sessions.registration.places import register
from tests.factories import MemberAreaFactory

pytestmark = pytest.mark.django_db


def form_data(session, **changes):
    data = {
        "title": session.title, "slug": session.slug, "seo_title": "", "search_description": "",
        "date": session.date.isoformat(), "start_time": "15:00", "end_time": "16:30",
        "time_zone": session.time_zone, "format": session.format, "join_url": session.join_url,
        "venue": "", "address": "", "host_area": "", "series": "", "organiser": "",
        "hosts": inline_formset([]), "description": rich_text("We compare approaches."),
        "agenda": streamfield([]), "capacity": "", "registration_opens": "",
        "registration_closes": "", "status": session.status, "cancellation_reason": "",
        "summary": rich_text(""), "materials": streamfield([]), "recording_url": "",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("organiser", "o@example.org", "pw-for-tests-1")
    client.force_login(user)
    return client


def test_admin_draft_then_publish_moves_session(admin_client, make_session):
    session = make_session(date=datetime.date(2031, 1, 9))
    url = f"/admin/pages/{session.pk}/edit/"
    # Save a draft with a new time: nothing changes for the public or the calendars.
    response = admin_client.post(url, form_data(session, start_time="10:00", end_time="11:30"))
    assert response.status_code == 302, response.content.decode()[:3000]
    live = SessionPage.objects.get(pk=session.pk)
    assert live.start_time == datetime.time(15) and live.sequence == 0
    # Publish it: moved, previous time kept, sequence raised.
    response = admin_client.post(url, form_data(session, start_time="10:00", end_time="11:30",
                                                **{"action-publish": "publish"}))
    assert response.status_code == 302
    live = SessionPage.objects.get(pk=session.pk)
    assert live.start_time == datetime.time(10)
    assert live.status == SessionStatus.MOVED and live.sequence == 1
    assert live.previous_starts_at == session.starts_at
    stamp = live.changed_at
    # Publishing the same content again changes nothing for calendars.
    admin_client.post(url, form_data(live, start_time="10:00", end_time="11:30",
                                     **{"action-publish": "publish"}))
    again = SessionPage.objects.get(pk=session.pk)
    assert (again.sequence, again.changed_at) == (1, stamp)


def test_admin_forms_render(admin_client, make_session, index):
    from .factories import SessionSeriesFactory

    series = SessionSeriesFactory()
    session = make_session(series=series, title="Listed in the series panel")
    for url in [f"/admin/pages/{session.pk}/edit/",
                f"/admin/pages/add/network_sessions/sessionpage/{index.pk}/",
                "/admin/snippets/network_sessions/sessionseries/add/",
                f"/admin/snippets/network_sessions/sessionseries/edit/{series.pk}/",
                "/admin/sessions/generate/"]:
        assert admin_client.get(url).status_code == 200, url
    series_page = admin_client.get(f"/admin/snippets/network_sessions/sessionseries/edit/{series.pk}/")
    assert "Listed in the series panel" in series_page.content.decode()


def test_preview_of_new_and_registered_sessions_shows_no_registrants(admin_client, make_session,
                                                                    index):
    from django.core import mail

    from sessions.registration.places import register
    from tests.factories import MemberAreaFactory

    area = MemberAreaFactory(name="Delft", slug="delft")
    session = make_session(capacity=5, join_url="https://meet.example.org/room")
    register(session, name="Pieter Geheim", email="pieter@example.nl", area=area, notify=False)
    # Preview of the existing session (Wagtail posts the form, then fetches the preview).
    url = f"/admin/pages/{session.pk}/edit/preview/"
    assert admin_client.post(url, form_data(session, capacity="5")).json()["is_valid"]
    page = admin_client.get(url).content.decode()
    assert "4 places left" in page and "Pieter Geheim" not in page and "pieter@" not in page
    # Preview of a session that has never been saved.
    new = SessionPage(title="Brand new", slug="brand-new", date=session.date, time_zone="Europe/Amsterdam",
                      status="scheduled", format="online", join_url="")
    add_url = f"/admin/pages/add/network_sessions/sessionpage/{index.pk}/preview/"
    response = admin_client.post(add_url, form_data(new, capacity="3"))
    assert response.json()["is_valid"], response.content[:2000]
    response = admin_client.get(add_url)
    assert response.status_code == 200 and "Brand new" in response.content.decode()

    # Cancelling through the admin form tells the registered person.
    admin_client.post(f"/admin/pages/{session.pk}/edit/", form_data(
        session, status="cancelled", cancellation_reason="Too few speakers",
        **{"action-publish": "publish"}))
    assert [m.subject for m in mail.outbox] == [f"Cancelled: {session.title}"]


@pytest.fixture
def organiser_client(client, django_user_model, index):
    """A member of the Organisers group (not a superuser), with its rights as in the demo."""
    user = django_user_model.objects.create_user("olga", "olga@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return client


def test_changing_only_the_zone_tells_nobody(organiser_client, make_session):
    session = make_session(date=datetime.date(2031, 1, 9), capacity=5)
    register(session, name="Pieter", email="pieter@example.nl",
             area=MemberAreaFactory(name="Delft", slug="delft"), notify=False)
    stamp = SessionPage.objects.get(pk=session.pk).changed_at
    url = f"/admin/pages/{session.pk}/edit/"
    # 15:00 Amsterdam → 15:00 Copenhagen: the same instant.
    response = organiser_client.post(url, form_data(session, time_zone="Europe/Copenhagen",
                                                    capacity="5",
                                                    **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    live = SessionPage.objects.get(pk=session.pk)
    assert live.time_zone == "Europe/Copenhagen" and live.starts_at == session.starts_at
    assert (live.sequence, live.status, live.previous_starts_at) == (0, SessionStatus.SCHEDULED,
                                                                     None)
    assert live.changed_at > stamp
    assert mail.outbox == []
    # A real move through the same form is still announced.
    response = organiser_client.post(url, form_data(live, time_zone="Europe/Copenhagen",
                                                    start_time="16:00", end_time="17:30",
                                                    capacity="5",
                                                    **{"action-publish": "publish"}))
    assert response.status_code == 302
    assert SessionPage.objects.get(pk=session.pk).sequence == 1
    assert [m.subject for m in mail.outbox] == [f"Changed: {session.title}"]


@pytest.mark.parametrize("day, zone, words", [
    ("2027-03-28", "Europe/Amsterdam",
     "02:30 does not exist on 28 March 2027 in Europe/Amsterdam: clocks go forward from 02:00 "
     "to 03:00."),
    ("2027-10-31", "Europe/Copenhagen",
     "02:30 occurs twice on 31 October 2027 in Europe/Copenhagen: clocks go back from 03:00 "
     "to 02:00"),
])
def test_admin_refuses_a_time_skipped_or_repeated_by_the_clocks(organiser_client, make_session,
                                                                 day, zone, words):
    session = make_session(date=datetime.date(2031, 1, 9))
    url = f"/admin/pages/{session.pk}/edit/"
    for action in ({}, {"action-publish": "publish"}):  # neither as a draft nor published
        response = organiser_client.post(url, form_data(session, date=day, time_zone=zone,
                                                        start_time="02:30", end_time="03:30",
                                                        **action))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert set(errors) == {"start_time"} and words in errors["start_time"][0]
        assert words in response.content.decode()
    live = SessionPage.objects.get(pk=session.pk)
    assert live.date == datetime.date(2031, 1, 9) and live.sequence == 0
    assert not live.has_unpublished_changes


def test_organiser_gives_a_session_a_picture_in_the_admin(organiser_client, make_session, client):
    """The organiser who keeps sessions picks a shared picture on the session's own form (#16);
    the page and its card then show it, described by its alt text."""
    from tests.network.test_images import make_image

    session = make_session(date=datetime.date(2031, 1, 9))
    picture = make_image(title="Market square", description="A market square with stalls")
    url = f"/admin/pages/{session.pk}/edit/"
    assert 'name="image"' in organiser_client.get(url).content.decode()
    response = organiser_client.post(url, form_data(session, image=str(picture.pk),
                                                    **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SessionPage.objects.get(pk=session.pk).image_id == picture.pk
    html = client.get(SessionPage.objects.get(pk=session.pk).url).content.decode()
    assert 'alt="A market square with stalls"' in html and ".webp" in html
