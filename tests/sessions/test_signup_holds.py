"""Sign-ups by people whose address is not verified hold a place only until they confirm it
from the e-mail; they are rate-limited, and the answer never tells whether an address is
registered (#14, item 5)."""
import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network import identity
from sessions.models import Registration, RegistrationStatus
from sessions.registration.places import register
from tests.factories import MemberAreaFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def signup_limits(settings):
    """The production limits, counted afresh for each test."""
    settings.SIGNUP_RATE_CLIENT_LIMIT = 10
    settings.SIGNUP_RATE_EMAIL_LIMIT = 3
    cache.clear()
    yield settings
    cache.clear()


def register_url(session):
    return reverse("sessions:register", kwargs={"pk": session.pk})


def form(area, name="Sanne de Vries", email="sanne@example.nl"):
    return {"name": name, "email": email, "area": str(area.pk)}


def confirm_path(message):
    return re.search(r"https?://[^/\s]+(/[a-z]{2}/registrations/\S+/confirm/)", message.body).group(1)


def verified_member(email, area):
    user = UserFactory(email=email)
    PersonFactory(name=email.split("@")[0].title(), email=email, user=user, areas=[area])
    identity.mark_verified(user, email)
    client = Client()
    client.force_login(user)
    return client


def expire_all_holds():
    """Let every hold run out (as if SESSION_SIGNUP_HOLD_MINUTES had passed)."""
    Registration.objects.filter(status=RegistrationStatus.PENDING).update(
        hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))


def without_csrf(body):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body.decode())


def test_42_scripted_sign_ups_neither_fill_a_session_nor_displace_members(make_session, delft):
    session = make_session(capacity=12)
    bot = Client()
    codes = [bot.post(register_url(session), form(delft, f"Bot {n}", f"bot{n}@example.invalid"))
             .status_code for n in range(42)]

    assert codes == [303] * 10 + [429] * 32  # ten per client address in ten minutes
    assert len(mail.outbox) == 10
    assert not Registration.objects.filter(status=RegistrationStatus.CONFIRMED).exists()
    assert "12 places left" in bot.get(session.url).content.decode()
    # A member still gets a place at once; then the unconfirmed holds lapse.
    member = verified_member("joost@example.nl", delft)
    member.post(register_url(session), form(delft, "Joost", "joost@example.nl"))
    assert Registration.objects.get(participant__email="joost@example.nl").is_confirmed
    expire_all_holds()
    call_command("expire_signup_holds", stdout=StringIO())
    held = Registration.objects.filter(session=session, seat__isnull=False)
    assert list(held.values_list("name", flat=True)) == ["Joost"]


def test_an_expired_hold_releases_its_seat_to_the_waiting_list(client, make_session, delft):
    session = make_session(capacity=1)
    client.post(register_url(session), form(delft))
    hold = Registration.objects.get()
    assert (hold.status, hold.seat) == (RegistrationStatus.PENDING, 1)
    waiting = register(session, name="Next", email="next@example.nl", area=delft, notify=False)
    assert waiting.is_waiting  # the held seat is taken

    expire_all_holds()
    # Released lazily by the next change to the session's places (here a sign-up): no cron.
    register(session, name="Later", email="later@example.nl", area=delft, notify=False)

    waiting.refresh_from_db()
    assert waiting.is_confirmed and waiting.seat == 1
    assert "You have a place" in mail.outbox[-1].subject
    hold.refresh_from_db()
    assert hold.status == RegistrationStatus.CANCELLED
    # The link in the e-mail now says the place was released and offers to sign up again.
    response = client.post(confirm_path(mail.outbox[0]))
    page = response.content.decode()
    assert response.status_code == 410
    assert "Your place was released" in page and "Sign up again" in page
    hold.refresh_from_db()
    assert hold.status == RegistrationStatus.CANCELLED


def test_the_command_releases_expired_holds_of_sessions_nobody_touches(client, make_session,
                                                                      delft):
    session = make_session(capacity=1)
    client.post(register_url(session), form(delft))
    waiting = register(session, name="Next", email="next@example.nl", area=delft, notify=False)
    expire_all_holds()

    call_command("expire_signup_holds", stdout=StringIO())

    waiting.refresh_from_db()
    assert waiting.is_confirmed


def test_confirming_within_the_hold_gives_the_place(client, make_session, delft):
    session = make_session(capacity=3)
    client.post(register_url(session), form(delft))
    assert "Please confirm" in mail.outbox[0].subject
    path = confirm_path(mail.outbox[0])

    page = client.get(path)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200 and "Confirm my registration" in page.content.decode()
    assert Registration.objects.get().is_pending

    response = client.post(path, follow=True)

    assert "is confirmed" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.is_confirmed and registration.hold_expires_at is None
    assert "Registered:" in mail.outbox[-1].subject  # the invitation comes now
    assert "2 places left" in client.get(session.url).content.decode()


def test_known_and_unknown_addresses_get_the_same_answer(make_session, delft):
    session = make_session(capacity=1)
    register(session, name="Has a place", email="known@example.nl", area=delft, notify=False)
    register(session, name="Waits", email="waiting@example.nl", area=delft, notify=False)
    before = without_csrf(Client().get(session.url).content)
    answers = {}
    for email in ("known@example.nl", "waiting@example.nl", "new@example.nl"):
        stranger = Client()
        response = stranger.post(register_url(session), form(delft, "Curious", email))
        followed = stranger.get(response["Location"])
        answers[email] = (response.status_code, response["Location"], followed.status_code,
                          without_csrf(followed.content).replace(email, "ADDRESS"),
                          without_csrf(stranger.get(session.url).content))

    assert answers["known@example.nl"] == answers["waiting@example.nl"] == answers["new@example.nl"]
    assert answers["new@example.nl"][4] == before  # not even the places left move
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["Has a place <known@example.nl>"].startswith("You are already registered")
    assert subjects["Waits <waiting@example.nl>"].startswith("You are already registered")
    assert subjects["Curious <new@example.nl>"].startswith("Please confirm")


def test_too_many_sign_ups_from_one_client_get_429_with_the_form_kept(settings, make_session,
                                                                      delft):
    settings.SIGNUP_RATE_CLIENT_LIMIT = 2
    session = make_session()
    client = Client()
    for n in range(2):
        assert client.post(register_url(session),
                           form(delft, email=f"p{n}@example.nl")).status_code == 303

    response = client.post(register_url(session), form(delft, "Third Person", "p2@example.nl"))

    page = response.content.decode()
    assert response.status_code == 429
    assert "too many sign-ups from your network" in page
    assert 'value="Third Person"' in page and 'value="p2@example.nl"' in page
    # Another client address is not held up.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(register_url(session), form(delft, email="p3@example.nl")).status_code == 303


def test_one_address_is_mailed_at_most_three_times_an_hour(make_session, delft):
    sessions = [make_session() for _ in range(4)]
    codes = [Client(REMOTE_ADDR=f"192.0.2.{n}").post(register_url(session), form(delft))
             .status_code for n, session in enumerate(sessions)]

    assert codes == [303, 303, 303, 429]
    assert len(mail.outbox) == 3


def test_member_with_a_verified_address_registers_at_once_for_their_own_area(make_session, delft):
    other_area = MemberAreaFactory(name="Køge")
    session = make_session(capacity=5)
    member = verified_member("joost@example.nl", delft)

    response = member.post(register_url(session), form(other_area, "Joost", "joost@example.nl"),
                           follow=True)

    assert "You are registered" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.is_confirmed
    assert registration.area == delft  # the directory's area, not the one picked


def test_member_without_a_verified_address_confirms_by_email_like_a_visitor(make_session, delft):
    session = make_session(capacity=5)
    user = UserFactory(email="unverified@example.nl")
    member = Client()
    member.force_login(user)

    member.post(register_url(session), form(delft, "Unverified", "unverified@example.nl"))

    registration = Registration.objects.get()
    assert registration.is_pending and registration.participant.user is None
    assert "Please confirm" in mail.outbox[-1].subject


def test_an_unconfirmed_sign_up_from_an_area_counts_toward_its_limit_only_while_held(make_session,
                                                                                   delft):
    session = make_session(capacity=10, max_per_area=1)
    Client().post(register_url(session), form(delft))
    page = Client().post(register_url(session), form(delft, email="other@example.nl"))
    assert "reached this session" in page.content.decode()

    expire_all_holds()
    response = Client().post(register_url(session), form(delft, email="other@example.nl"))

    assert response.status_code == 303
    assert Registration.objects.filter(status=RegistrationStatus.PENDING).count() == 1
