"""Registration over HTTP: the sign-up form, the secret pages, the personal calendar, privacy."""
import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date
from wagtail.models import PageViewRestriction

from network import identity
from network.models import MembershipStatus
from sessions.models import Participant, Registration, RegistrationStatus, SessionPage
from sessions.registration import feeds
from sessions.registration.places import cancel, register
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory

from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


def html_of(response):
    return response.content.decode()


def register_url(session):
    """Where the sign-up form on the session page posts."""
    return reverse("sessions:register", kwargs={"pk": session.pk})


def form_data(member_area, **overrides):
    return {"name": "Sanne de Vries", "email": "sanne@example.nl", "area": str(member_area.pk),
            **overrides}


def personal_feed_url(participant):
    return reverse("sessions:calendar_personal", kwargs={"token": participant.calendar_token})


def manage_url(participant):
    return reverse("sessions:registration_manage", kwargs={"token": participant.manage_token})


def confirm_from_email(client, message):
    """Open the confirmation link in ``message`` and press its button, as the address's owner
    does; the response after the redirects."""
    path = re.search(r"https?://[^/\s]+(/[a-z]{2}/registrations/\S+/confirm/)", message.body).group(1)
    assert "Confirm my registration" in html_of(client.get(path))
    return client.post(path, follow=True)


# --- the form on the session page ----------------------------------------------------------


def test_signing_up_on_the_page(client, make_session, delft):
    session = make_session(capacity=10, join_url=JOIN)
    page = html_of(client.get(session.url))
    assert "10 places left" in page and 'name="email"' in page

    response = client.post(register_url(session), form_data(delft), follow=True)

    # A visitor's place is held until the address is confirmed from the e-mail (#14, item 5).
    check_page = reverse("sessions:register_check_email", kwargs={"pk": session.pk})
    assert response.redirect_chain == [(check_page, 303)]
    assert "Check your e-mail to confirm" in html_of(response)
    registration = Registration.objects.get()
    assert (registration.name, registration.participant.email, registration.area) == (
        "Sanne de Vries", "sanne@example.nl", delft)
    assert registration.status == RegistrationStatus.PENDING
    assert len(mail.outbox) == 1
    response = confirm_from_email(client, mail.outbox[0])
    assert "Your place at" in html_of(response) and "is confirmed" in html_of(response)
    assert len(mail.outbox) == 2
    assert "9 places left" in html_of(client.get(session.url))


def test_full_session_offers_the_waiting_list(client, make_session, delft):
    session = make_session(capacity=1)
    register(session, name="First", email="first@example.nl", area=delft, notify=False)
    page = html_of(client.get(session.url))
    assert "Full — waiting list" in page and "Join the waiting list" in page
    client.post(register_url(session), form_data(delft))
    response = confirm_from_email(client, mail.outbox[-1])
    assert "You are on the waiting list" in html_of(response) and "(number 1)" in html_of(response)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"email": "sanne-at-example"}, "Enter a valid email address."),
    ({"name": "   "}, "This field is required."),
    ({"area": "999999"}, "Choose a member area from the list."),
    ({"area": "delft'; --"}, "Choose a member area from the list."),
])
def test_bad_input_is_explained_and_what_was_typed_stays(client, make_session, delft, overrides,
                                                        message):
    session = make_session()
    data = form_data(delft, **overrides)
    response = client.post(register_url(session), data)
    assert response.status_code == 200
    page = html_of(response)
    assert message in page and "You are not registered yet" in page
    for field in ("name", "email"):
        if data[field].strip():
            assert f'value="{data[field]}"' in page
    assert not Registration.objects.exists()


def test_duplicate_sign_up_changes_nothing_and_tells_only_the_address_owner(client, make_session,
                                                                         delft):
    """The page no longer says "already registered" (a stranger could learn who is, #14 item
    5): it answers as for a new address, and the e-mail to the address says so instead."""
    session = make_session()
    client.post(register_url(session), form_data(delft))
    confirm_from_email(client, mail.outbox[-1])
    response = client.post(register_url(session),
                           form_data(delft, name="Sanne V.", email="SANNE@example.nl"), follow=True)
    page = html_of(response)
    assert "Check your e-mail to confirm" in page and "already registered for this" not in page
    assert "You are already registered" in mail.outbox[-1].subject
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Sanne de Vries"


def test_area_limit_is_shown_on_the_area_field(client, make_session, delft):
    session = make_session(max_per_area=1)
    register(session, name="First", email="first@example.nl", area=delft, notify=False)
    page = html_of(client.post(register_url(session), form_data(delft)))
    assert "Delft has reached this session&#x27;s limit of registrations per member area (1)" in page
    assert 'id="id_area_error"' in page


def test_closed_registration_shows_why_and_refuses_posts(client, make_session, delft):
    session = make_session(registration_closes=timezone.now() - datetime.timedelta(minutes=5))
    page = html_of(client.get(session.url))
    assert "Registration has closed." in page and 'name="email"' not in page
    response = client.post(register_url(session), form_data(delft))
    assert "registration deadline for this session has passed" in html_of(response)
    assert not Registration.objects.exists()


def test_register_address_answers_other_methods_properly(client, make_session):
    session = make_session()
    for url in (register_url(session), session.url + "register/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == session.url + "#register"
        response = client.put(url)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST"


def test_a_form_from_before_the_move_still_signs_up(client, make_session, delft):
    """A session page opened before the sign-up address moved posts to <page>/register/: a 307
    hands the POST with what was typed to the new address."""
    session = make_session(capacity=5)
    old_address = session.url + "register/"
    response = client.post(old_address, form_data(delft))
    assert response.status_code == 307
    assert response["Location"] == register_url(session)
    response = client.post(old_address, form_data(delft), follow=True)
    assert response.redirect_chain[-1] == (
        reverse("sessions:register_check_email", kwargs={"pk": session.pk}), 303)
    assert "Check your e-mail to confirm" in html_of(response)
    assert Registration.objects.get().participant.email == "sanne@example.nl"


def test_sessions_that_cannot_be_seen_take_no_sign_ups(client, make_session, delft):
    """Drafts and unknown ids are not found; a session in a section for logged-in members
    sends strangers to the login page, as the page itself does."""
    draft = make_session(live=False)
    assert client.post(register_url(draft), form_data(delft)).status_code == 404
    assert client.post(reverse("sessions:register", kwargs={"pk": 2**64}),
                       form_data(delft)).status_code == 404
    closed = make_session(title="Working group: closed meeting")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    login = client.get(closed.url)["Location"].split("?")[0]
    response = client.post(register_url(closed), form_data(delft))
    assert response.status_code == 302
    assert response["Location"].split("?")[0] == login
    assert not Registration.objects.exists()
    member = Client()
    member.force_login(UserFactory())
    response = member.post(register_url(closed), form_data(delft))
    assert response.status_code == 303
    assert Registration.objects.get().session_id == closed.pk


def test_logged_in_member_gets_a_prefilled_form_and_then_the_join_link(client, make_session, delft):
    user = UserFactory(email="joost@example.nl")
    PersonFactory(name="Joost Bakker", email="joost@example.nl", user=user, areas=[delft])
    identity.mark_verified(user, "joost@example.nl")  # a verified address registers at once
    session = make_session(join_url=JOIN)
    client.force_login(user)
    page = html_of(client.get(session.url))
    assert 'value="Joost Bakker"' in page and 'value="joost@example.nl"' in page
    assert f'<option value="{delft.pk}" selected>Delft</option>' in page  # their own area
    assert JOIN not in page
    client.post(register_url(session), form_data(delft, name="Joost Bakker",
                                                   email="joost@example.nl"))
    page = html_of(client.get(session.url))
    assert "You are registered for this session." in page and JOIN in page
    assert Participant.objects.get().user == user


def test_the_area_choice_offers_the_directory_and_a_new_area_at_once(client, make_session, delft):
    session = make_session()
    MemberAreaFactory(name="Oldtown centre", membership_status=MembershipStatus.FORMER)
    page = html_of(client.get(session.url))
    assert re.search(r'<select [^>]*name="area"[^>]* required>', page)
    assert f'<option value="{delft.pk}">Delft</option>' in page
    assert '<option value="" selected>' in page and "Oldtown centre" not in page
    added = MemberAreaFactory(name="Newtown & Co centre")
    assert (f'<option value="{added.pk}">Newtown &amp; Co centre</option>'
            in html_of(client.get(session.url)))


def test_the_area_choices_outlive_a_sign_up_and_follow_a_rename(client, make_session, delft,
                                                                 monkeypatch):
    """The two thousand areas of a large network are read again only when the areas change: a
    sign-up (another host's write) leaves them kept, a rename shows on the next page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network import memo

    monkeypatch.setattr(memo, "forget", lambda: None)  # written "elsewhere": only the stamps tell
    session = make_session()
    client.get(session.url)
    register(session, name="First", email="first@example.nl", area=delft, notify=False)
    with CaptureQueriesContext(connection) as queries:
        page = html_of(client.get(session.url))
    assert f'<option value="{delft.pk}">Delft</option>' in page
    assert not [q for q in queries if 'FROM "network_memberarea"' in q["sql"]
                and "ORDER BY" in q["sql"] and "membership_status" in q["sql"]]
    delft.name = "Delft centre"
    delft.save()
    assert f'<option value="{delft.pk}">Delft centre</option>' in html_of(client.get(session.url))


def test_waiting_list_members_and_strangers_do_not_see_the_join_link(client, make_session, delft):
    session = make_session(capacity=1, join_url=JOIN)
    register(session, name="Holder", email="holder@example.nl", area=delft, notify=False)
    waiting_user = UserFactory(email="waiting@example.nl")
    identity.mark_verified(waiting_user, waiting_user.email)
    register(session, name="Waiting", email="waiting@example.nl", area=delft, notify=False)
    client.force_login(waiting_user)
    page = html_of(client.get(session.url))
    assert "number 1 on the waiting list" in page and JOIN not in page
    other = Client()
    other.force_login(UserFactory(email="someone@example.nl"))
    assert JOIN not in html_of(other.get(session.url))
    assert JOIN not in html_of(Client().get(session.url))


def test_typing_someone_elses_address_does_not_reveal_their_join_link(client, make_session, delft):
    """A logged-in member who signs up with another person's address is not that person."""
    session = make_session(join_url=JOIN)
    intruder = UserFactory(email="intruder@example.nl")
    client.force_login(intruder)
    client.post(register_url(session), form_data(delft, email="victim@example.nl"))
    assert Participant.objects.get().user is None
    assert JOIN not in html_of(client.get(session.url))


# --- cards and listings ----------------------------------------------------------------------


def test_cards_show_places_left_or_the_waiting_list(client, make_session, index, delft):
    open_session = make_session(title="Open session", capacity=5)
    full = make_session(title="Full session", capacity=1)
    register(full, name="A", email="a@example.nl", area=delft, notify=False)
    register(full, name="B", email="b@example.nl", area=delft, notify=False)
    make_session(title="Closed one", capacity=5,
                 registration_closes=timezone.now() - datetime.timedelta(days=1))
    page = html_of(client.get(index.url))
    cards = dict(re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a></h3>(.*?)</li>', page,
                            re.S))
    assert "5 places left" in cards["Open session"]
    assert ("Full — waiting list" in cards["Full session"]
            and "1 on the waiting list" in cards["Full session"])
    assert "Registration closed" in cards["Closed one"]
    assert open_session.title in html_of(client.get("/en/"))


def test_listing_query_count_does_not_grow_with_registrations(client, make_session, index, delft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sessions = [make_session(capacity=3) for _ in range(2)]
    register(sessions[0], name="A", email="a@example.nl", area=delft, notify=False)
    client.get(index.url)  # warm the caches (site root paths), as every later visitor finds them
    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for n in range(12):
        more = make_session(capacity=3)
        register(more, name=f"P{n}", email=f"p{n}@example.nl", area=delft, notify=False)
        register(more, name=f"Q{n}", email=f"q{n}@example.nl", area=delft, notify=False)
    client.get(index.url)  # what is read once per content generation is read again after writes
    with CaptureQueriesContext(connection) as many:
        client.get(index.url)
    assert len(many) == len(few)


# --- the secret pages and the personal calendar ----------------------------------------------


def test_manage_page_lists_registrations_privately(client, make_session, delft):
    session = make_session(title="Branding the centre", join_url=JOIN)
    registration = register(session, name="Sanne", email="sanne@example.nl", area=delft,
                            notify=False)
    response = client.get(manage_url(registration.participant))
    page = html_of(response)
    assert "Branding the centre" in page and JOIN in page and "Cancel my place" in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def secret_urls(participant, registration):
    token = participant.manage_token
    return {
        "manage": manage_url(participant),
        "cancel": reverse("sessions:registration_cancel",
                          kwargs={"token": token, "pk": registration.pk}),
        "forget": reverse("sessions:registration_forget", kwargs={"token": token}),
        "calendar_reset": reverse("sessions:registration_calendar_reset",
                                  kwargs={"token": token}),
    }


def test_every_secret_page_keeps_its_address_from_other_sites(client, make_session, delft):
    """Referer only to this site: "no-referrer" would make browsers send "Origin: null" with
    the pages' own forms, and Django's CSRF check would refuse them."""
    registration = register(make_session(), name="Me", email="me@example.nl", area=delft,
                            notify=False)
    urls = secret_urls(registration.participant, registration)
    responses = {name: client.get(urls[name]) for name in ("manage", "cancel", "forget")}
    responses["calendar_reset"] = client.post(urls["calendar_reset"])
    responses["cancel (POST)"] = client.post(urls["cancel"])
    # The pages answer themselves; the forms' posts send the visitor on to the next page.
    expected = {"manage": 200, "cancel": 200, "forget": 200, "calendar_reset": 303,
                "cancel (POST)": 303}
    assert {name: response.status_code for name, response in responses.items()} == expected
    for name, response in responses.items():
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["Cache-Control"] == "private, no-store", name


# --- the secret pages' forms in a browser: CSRF with the Origin header ------------------------

ORIGIN = "http://testserver"


def origin_a_browser_sends(page):
    """The Origin a browser sends with a form POST to the page's own site (Fetch standard,
    "serializing a request origin"): "null" when the page's referrer policy is no-referrer."""
    policy = page.get("Referrer-Policy", "strict-origin-when-cross-origin").split(",")[-1].strip()
    return "null" if policy == "no-referrer" else ORIGIN


def csrf_token_of(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html_of(page)).group(1)


@pytest.mark.parametrize("form", ["cancel", "forget", "calendar_reset"])
def test_secret_page_forms_work_with_csrf_checks_as_in_a_browser(make_session, delft, form):
    session = make_session(capacity=1)
    registration = register(session, name="Me", email="me@example.nl", area=delft, notify=False)
    participant = registration.participant
    urls = secret_urls(participant, registration)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(urls["manage" if form == "calendar_reset" else form])
    assert page.status_code == 200

    response = browser.post(urls[form], {"csrfmiddlewaretoken": csrf_token_of(page)},
                            HTTP_ORIGIN=origin_a_browser_sends(page))

    assert response.status_code == 303, html_of(response)
    if form == "cancel":
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED
    elif form == "forget":
        assert not Participant.objects.filter(pk=participant.pk).exists()
    else:
        old_token = participant.calendar_token
        participant.refresh_from_db()
        assert participant.calendar_token != old_token


def test_form_from_an_unknown_origin_gets_an_honest_403(make_session, delft):
    registration = register(make_session(), name="Me", email="me@example.nl", area=delft,
                            notify=False)
    url = secret_urls(registration.participant, registration)["cancel"]
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)

    response = browser.post(url, {"csrfmiddlewaretoken": csrf_token_of(page)}, HTTP_ORIGIN="null")

    assert response.status_code == 403
    body = html_of(response)
    assert "Form not accepted" in body and "did not come from a page of this site" in body
    assert "cookie" not in body.lower()
    assert "null" not in body and "trusted origins" not in body
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_form_without_the_csrf_cookie_says_cookies_are_blocked(make_session, delft):
    registration = register(make_session(), name="Me", email="me@example.nl", area=delft,
                            notify=False)
    url = secret_urls(registration.participant, registration)["cancel"]
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_of(browser.get(url))
    browser.cookies.clear()

    response = browser.post(url, {"csrfmiddlewaretoken": token}, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 403
    assert "Allow cookies for this site" in html_of(response)
    registration.refresh_from_db()
    assert registration.is_confirmed


@pytest.mark.parametrize("token", ["nope", "x" * 500, "%00", "..%2F..%2Fetc"])
def test_unknown_tokens_are_404(client, token):
    for name in ("registration_manage", "calendar_personal"):
        assert client.get(f"/en/registrations/{token}/" if name == "registration_manage"
                          else f"/calendar/personal/{token}.ics").status_code == 404


def test_someone_elses_registration_cannot_be_cancelled(client, make_session, delft):
    session = make_session()
    mine = register(session, name="Me", email="me@example.nl", area=delft, notify=False)
    theirs = register(session, name="Them", email="them@example.nl", area=delft, notify=False)
    token = mine.participant.manage_token
    for pk in (theirs.pk, 2**70):
        url = f"/en/registrations/{token}/{pk}/cancel/"
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_confirmed


def test_personal_feed_holds_only_my_confirmed_sessions_with_join_links(client, make_session,
                                                                       delft):
    mine = make_session(title="Mine", join_url=JOIN)
    waiting = make_session(title="On the waiting list", capacity=1, join_url=JOIN + "-w")
    not_mine = make_session(title="Not mine", join_url=JOIN + "-x")
    registration = register(mine, name="Me", email="me@example.nl", area=delft, notify=False)
    register(waiting, name="Other", email="other@example.nl", area=delft, notify=False)
    register(waiting, name="Me", email="me@example.nl", area=delft, notify=False)
    register(not_mine, name="Other", email="other@example.nl", area=delft, notify=False)
    participant = registration.participant

    response = client.get(personal_feed_url(participant))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    calendar, other = parse_both(response.content)
    events = events_by_uid(calendar)
    assert list(events) == [mine.calendar_uid]
    assert JOIN in str(events[mine.calendar_uid]["DESCRIPTION"])
    assert other.vevent.summary.value == "Mine"
    assert b"-w" not in response.content and b"-x" not in response.content
    # Conditional GET: unchanged data, same ETag, 304.
    again = client.get(personal_feed_url(participant), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, max-age=900"
    assert again["X-Robots-Tag"] == "noindex, nofollow"


def test_personal_feed_follows_cancellation_and_stops_when_revoked(client, make_session, delft):
    session = make_session(join_url=JOIN)
    registration = register(session, name="Me", email="me@example.nl", area=delft, notify=False)
    participant = registration.participant
    old_url = personal_feed_url(participant)
    assert client.get(old_url).status_code == 200

    response = client.post(reverse("sessions:registration_calendar_reset",
                                   kwargs={"token": participant.manage_token}), follow=True)
    assert "new address" in html_of(response)
    participant.refresh_from_db()
    assert client.get(old_url).status_code == 404
    new_url = personal_feed_url(participant)
    assert new_url != old_url and client.get(new_url).status_code == 200
    # Resetting needs a POST: a prefetching mail scanner cannot revoke anything.
    assert client.get(reverse("sessions:registration_calendar_reset",
                              kwargs={"token": participant.manage_token})).status_code == 405

    client.post(reverse("sessions:registration_cancel",
                        kwargs={"token": participant.manage_token, "pk": registration.pk}))
    calendar, _ = parse_both(client.get(new_url).content)
    assert calendar.walk("VEVENT") == []


def test_personal_feed_last_modified_moves_with_registrations_and_cancellations(
        client, make_session, delft, django_assert_num_queries):
    first, second = make_session(join_url=JOIN), make_session(join_url=JOIN)
    now = timezone.now().replace(microsecond=0)
    days_ago = lambda days: now - datetime.timedelta(days=days)  # noqa: E731
    SessionPage.objects.update(changed_at=days_ago(5), last_published_at=days_ago(5))
    registration = register(first, name="Me", email="me@example.nl", area=delft, notify=False,
                            now=days_ago(4))
    participant = registration.participant
    Participant.objects.update(created_at=days_ago(4))
    participant.refresh_from_db()
    url = personal_feed_url(participant)

    response = client.get(url)
    assert parse_http_date(response["Last-Modified"]) == days_ago(4).timestamp()
    feed = feeds.personal_feed(participant)
    with django_assert_num_queries(1):
        assert feed.last_modified() == days_ago(4)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304

    # A new registration: a later Last-Modified.
    register(second, name="Me", email="me@example.nl", area=delft, notify=False, now=days_ago(3))
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert response.status_code == 200
    assert parse_http_date(response["Last-Modified"]) == days_ago(3).timestamp()
    assert len(parse_both(response.content)[0].walk("VEVENT")) == 2

    # A cancellation takes an event out; Last-Modified moves on, never back.
    cancel(registration, notify=False, now=days_ago(2))
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert response.status_code == 200
    assert parse_http_date(response["Last-Modified"]) == days_ago(2).timestamp()
    assert len(parse_both(response.content)[0].walk("VEVENT")) == 1
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    # The same bytes whatever the browser's language (the name is in the person's language).
    danish = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert (danish.content, danish["ETag"]) == (response.content, response["ETag"])


def test_my_registrations_finds_the_members_page(client, make_session, delft):
    user = UserFactory(email="joost@example.nl")
    identity.mark_verified(user, user.email)
    client.force_login(user)
    assert "no session registrations" in html_of(client.get("/en/account/sessions/"))
    registration = register(make_session(), name="Joost", email="Joost@example.nl", area=delft,
                            notify=False)
    response = client.get("/en/account/sessions/")
    assert response.status_code == 302 and response.url == manage_url(registration.participant)
    assert Client().get("/en/account/sessions/").status_code == 302  # to the login page


# --- nothing private leaks through public channels -------------------------------------------


@pytest.mark.search_index
def test_registrations_do_not_leak_through_public_channels(client, make_session, index, delft):
    session = make_session(title="Undermining: what shopkeepers see", join_url=JOIN, capacity=4)
    registration = register(session, name="Pieter Geheim", email="pieter.geheim@example.nl",
                            area=delft, notify=False)
    participant = registration.participant
    secrets = ["Pieter Geheim", "pieter.geheim@example.nl", JOIN, participant.manage_token,
               participant.calendar_token]
    urls = [session.url, index.url, "/en/", "/en/search/?q=Geheim", "/en/search/?q=pieter.geheim",
            "/sitemap.xml", reverse("sessions:calendar_all"),
            reverse("sessions:calendar_session", kwargs={"pk": session.pk}),
            delft.get_absolute_url(), "/feeds/case-studies/", "/en/no-such-page/",
            register_url(session)]
    for url in urls:
        body = client.get(url, follow=True).content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
    # A logged-in member who is not registered sees none of it either.
    member = Client()
    member.force_login(UserFactory())
    for url in (session.url, "/en/members/people/", "/en/search/?q=Geheim"):
        body = member.get(url).content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)


# --- forgetting ------------------------------------------------------------------------------


def test_participant_can_delete_their_data_and_the_waiting_list_moves_up(client, make_session,
                                                                        delft):
    session = make_session(capacity=1, join_url=JOIN)
    mine = register(session, name="Me", email="me@example.nl", area=delft, notify=False)
    waiting = register(session, name="Next", email="next@example.nl", area=delft, notify=False)
    participant = mine.participant
    url = reverse("sessions:registration_forget", kwargs={"token": participant.manage_token})
    page = html_of(client.get(url))
    assert "It cannot be undone." in page and session.title in page
    assert Participant.objects.filter(pk=participant.pk).exists()  # GET deletes nothing

    response = client.post(url, follow=True)

    assert "are deleted" in html_of(response)
    assert not Participant.objects.filter(email="me@example.nl").exists()
    assert not Registration.objects.filter(name="Me").exists()
    waiting.refresh_from_db()
    assert waiting.is_confirmed
    assert sorted(m.to[0] for m in mail.outbox) == ["Me <me@example.nl>", "Next <next@example.nl>"]
    assert client.get(manage_url(participant)).status_code == 404
    assert client.get(personal_feed_url(participant)).status_code == 404


def test_erasing_a_person_from_the_directory_erases_their_registrations(make_session, delft):
    """Those under the account's verified address; the free-text directory address may be
    someone else's, so its registrations stay (tests/sessions/test_identity_matching.py)."""
    from network.personal_data import erase_person

    user = UserFactory(email="joost@example.nl")
    identity.mark_verified(user, user.email)
    person = PersonFactory(name="Joost Bakker", email="joost@work.example.nl", user=user,
                           areas=[delft])
    session = make_session()
    register(session, name="Joost", email="joost@example.nl", area=delft, notify=False)
    register(session, name="Joost B.", email="JOOST@work.example.nl", area=delft, notify=False)
    register(session, name="Someone else", email="else@example.nl", area=delft, notify=False)

    erase_person(person, by_user=None)

    assert sorted(Registration.objects.values_list("name", flat=True)) == ["Joost B.",
                                                                         "Someone else"]
    assert Participant.objects.count() == 2


def test_manage_page_query_count_does_not_grow_with_waiting_lists(client, make_session, delft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def wait_for_a_new_session():
        session = make_session(capacity=1)
        register(session, name="Holder", email=f"holder{session.pk}@example.nl", area=delft,
                 notify=False)
        return register(session, name="Me", email="me@example.nl", area=delft, notify=False)

    registration = wait_for_a_new_session()
    url = manage_url(registration.participant)
    client.get(url)  # warm the site-root cache, which the first request fills
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        wait_for_a_new_session()
    client.get(url)  # what is read once per content generation is read again after writes
    with CaptureQueriesContext(connection) as five:
        page = html_of(client.get(url))
    assert page.count("Number 1 on the waiting list.") == 5
    assert len(five) == len(one)


# --- a large network: the member area is typed, with suggestions (network.area_picker) -------


@pytest.fixture
def many_areas(settings, delft):
    """More areas in the directory than a select offers: the form's area is a text field."""
    settings.AREA_SELECT_LIMIT = 2
    MemberAreaFactory(name="Delfzijl", slug="delfzijl")
    MemberAreaFactory(name="Den Bosch", slug="den-bosch")
    return delft


def test_in_a_large_network_the_area_is_typed_not_scrolled_for(client, make_session, many_areas):
    page = html_of(client.get(make_session().url))
    assert "<option" not in page and "Delfzijl" not in page  # no list of every area in the page
    field = re.search(r'<input [^>]*name="area"[^>]*>', page).group(0)
    assert 'list="id_area-suggestions"' in field and "required" in field
    assert 'data-area-suggest="/en/members/areas.json"' in field
    assert '<datalist id="id_area-suggestions"></datalist>' in page
    assert "Type part of the name, then choose it from the suggestions." in page


def test_a_typed_area_name_signs_up_for_that_area(client, make_session, many_areas):
    session = make_session()
    response = client.post(register_url(session), form_data(many_areas, area="  dELFT "))
    assert response.status_code == 303
    assert Registration.objects.get().area == many_areas


def test_an_unknown_area_name_is_answered_with_the_nearest_and_nothing_typed_is_lost(
        client, make_session, many_areas):
    MemberAreaFactory(name="Delftshaven", slug="delftshaven",
                      membership_status=MembershipStatus.FORMER)
    session = make_session()
    data = form_data(many_areas, area="Delf")
    page = html_of(client.post(register_url(session), data))
    assert ("No member area in the directory is called “Delf”. Did you mean: “Delft”, "
            "“Delfzijl”?") in page  # a former member is never offered
    assert 'value="Delf"' in page and 'value="Sanne de Vries"' in page
    assert not Registration.objects.exists()
    # A former member's name is refused like any unknown one.
    page = html_of(client.post(register_url(session), form_data(many_areas, area="Delftshaven")))
    assert "No member area in the directory is called “Delftshaven”" in page


def test_a_members_own_area_is_filled_in_by_name(client, make_session, many_areas):
    user = UserFactory(email="sanne@example.nl")
    identity.mark_verified(user, user.email)
    PersonFactory(name="Sanne de Vries", user=user, email=user.email, areas=[many_areas])
    client.force_login(user)
    field = re.search(r'<input [^>]*name="area"[^>]*>', html_of(client.get(make_session().url)))
    assert 'value="Delft"' in field.group(0)
