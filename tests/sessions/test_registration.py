"""Signing up for sessions: places, per-area limits, the waiting list, e-mails with invitations."""
import datetime
import email

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions.models import Participant, Registration, RegistrationStatus
from sessions.registration.places import RegistrationRefused, cancel, register
from tests.factories import MemberAreaFactory, UserFactory

from .conftest import edit
from .ical_checks import check_rfc5545_lines, events_by_uid, parse_both

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


@pytest.fixture
def koge(db):
    return MemberAreaFactory(name="Køge", slug="koge", country="DK")


def sign_up(session, n, area, **kwargs):
    return register(session, name=f"Person {n}", email=f"person{n}@example.nl", area=area,
                    **kwargs)


def calendar_parts(message):
    """(method, bytes) of each text/calendar part of a sent e-mail."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    return [(part.get_param("method"), part.get_payload(decode=True))
            for part in parsed.walk() if part.get_content_type() == "text/calendar"]


def links_in(body):
    return [word for word in body.split() if word.startswith("http")]


# --- places, limits and the waiting list ---------------------------------------------------


def test_capacity_is_enforced_and_the_rest_wait_in_order(make_session, delft):
    session = make_session(capacity=2)
    first, second, third, fourth = (sign_up(session, n, delft, notify=False) for n in range(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed", "confirmed", "waiting", "waiting"]
    assert {first.seat, second.seat} == {1, 2}
    assert (third.waiting_position(), fourth.waiting_position()) == (1, 2)
    assert session.registration_counts() == {"confirmed": 2, "waiting": 2}
    assert session.seats_left() == 0


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list(make_session, delft):
    session = make_session(capacity=1)
    holder = sign_up(session, 1, delft, notify=False)
    first_waiting = sign_up(session, 2, delft, notify=False)
    second_waiting = sign_up(session, 3, delft, notify=False)
    mail.outbox.clear()

    promoted = cancel(holder)

    assert [r.pk for r in promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.is_confirmed and first_waiting.seat == 1
    assert second_waiting.waiting_position() == 1
    # The one who cancelled is told (with a CANCEL), the promoted one gets the invitation.
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"Person 1 <person1@example.nl>", "Person 2 <person2@example.nl>"}
    assert calendar_parts(by_recipient["Person 1 <person1@example.nl>"])[0][0] == "CANCEL"
    assert calendar_parts(by_recipient["Person 2 <person2@example.nl>"])[0][0] == "REQUEST"
    # Cancelling twice changes nothing and promotes nobody else.
    assert cancel(holder) == []
    second_waiting.refresh_from_db()
    assert second_waiting.is_waiting


def test_leaving_the_waiting_list_promotes_nobody(make_session, delft):
    session = make_session(capacity=1)
    sign_up(session, 1, delft, notify=False)
    waiting = sign_up(session, 2, delft, notify=False)
    last = sign_up(session, 3, delft, notify=False)
    assert cancel(waiting, notify=False) == []
    last.refresh_from_db()
    assert last.is_waiting and last.waiting_position() == 1


def test_per_area_limit_counts_places_and_waiting_list(make_session, delft, koge):
    session = make_session(capacity=3, max_per_area=2)
    sign_up(session, 1, delft, notify=False)
    sign_up(session, 2, koge, notify=False)
    sign_up(session, 3, koge, notify=False)
    sign_up(session, 4, delft, notify=False)  # full: waiting list, still counts for Delft
    with pytest.raises(RegistrationRefused) as refused:
        sign_up(session, 5, delft, notify=False)
    assert refused.value.code == "area_full"
    assert "Delft has reached this session's limit of registrations per member area (2)" in str(
        refused.value.message)
    assert Registration.objects.filter(session=session).count() == 4
    # The participant is made before the session is locked: a refused newcomer leaves no trace.
    assert not Participant.objects.filter(email__startswith="person5").exists()


def test_same_address_cannot_register_twice_but_can_after_cancelling(make_session, delft):
    session = make_session()
    first = register(session, name="Anna", email="Anna@Example.nl", area=delft, notify=False)
    with pytest.raises(RegistrationRefused) as refused:
        register(session, name="Anna B.", email=" anna@example.NL ", area=delft, notify=False)
    assert refused.value.code == "duplicate" and refused.value.registration == first
    cancel(first, notify=False)
    again = register(session, name="Anna", email="anna@example.nl", area=delft, notify=False)
    assert again.is_confirmed and again.participant == first.participant


@pytest.mark.parametrize(("changes", "code"), [
    ({"registration_closes": "past"}, "closed"),
    ({"registration_opens": "future"}, "not_yet"),
    ({"status": "cancelled", "cancellation_reason": "Speaker ill"}, "cancelled"),
    ({"date": "yesterday"}, "started"),
])
def test_registration_is_closed_outside_its_window(make_session, delft, changes, code):
    now = timezone.now()
    values = {"past": now - datetime.timedelta(hours=1), "future": now + datetime.timedelta(days=2),
              "yesterday": timezone.localdate() - datetime.timedelta(days=1)}
    session = make_session(**{key: values.get(value, value) for key, value in changes.items()})
    with pytest.raises(RegistrationRefused) as refused:
        sign_up(session, 1, delft, notify=False)
    assert refused.value.code == code
    assert not Registration.objects.exists()
    assert not Participant.objects.exists()


def test_organisers_may_add_people_after_the_deadline_but_not_to_a_cancelled_session(
        make_session, delft):
    organiser = UserFactory()
    session = make_session(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    added = sign_up(session, 1, delft, added_by=organiser, notify=False)
    assert added.is_confirmed and added.added_by == organiser
    cancelled = make_session(status="cancelled", cancellation_reason="Speaker ill")
    with pytest.raises(RegistrationRefused):
        sign_up(cancelled, 2, delft, added_by=organiser, notify=False)


def test_raising_the_capacity_on_publish_gives_the_waiting_list_the_new_places(make_session, delft):
    session = make_session(capacity=1)
    sign_up(session, 1, delft, notify=False)
    waiting = [sign_up(session, n, delft, notify=False) for n in (2, 3, 4)]
    mail.outbox.clear()
    edit(session, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert sorted(m.to[0] for m in mail.outbox) == ["Person 2 <person2@example.nl>",
                                                    "Person 3 <person3@example.nl>"]


def test_seat_numbers_are_unique_in_the_database(make_session, delft):
    """The second line of defence: even a write that skips the service cannot double-book."""
    from django.db import IntegrityError, transaction

    session = make_session(capacity=2)
    first = sign_up(session, 1, delft, notify=False)
    other = sign_up(session, 2, delft, notify=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=other.pk).update(seat=first.seat)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=other.pk).update(status=RegistrationStatus.WAITING)


# --- e-mails and invitations ----------------------------------------------------------------


def test_confirmation_carries_an_invitation_with_the_feeds_uid_and_a_working_cancel_link(
        client, make_session, delft):
    session = make_session(title="Vacancy: pop-ups that stay", format="online", join_url=JOIN)
    registration = register(session, name="Sanne de Vries", email="sanne@example.nl", area=delft)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Sanne de Vries <sanne@example.nl>"]
    assert "Vacancy: pop-ups that stay" in message.subject
    assert JOIN in message.body
    [(method, data)] = calendar_parts(message)
    assert method == "REQUEST"
    calendar, other = parse_both(data)
    assert str(calendar["METHOD"]) == "REQUEST" and other.method.value == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    feed = icalendar.Calendar.from_ical(client.get(reverse("sessions:calendar_all")).content)
    assert str(event["UID"]) in events_by_uid(feed)
    assert str(event["UID"]) == session.calendar_uid
    assert str(event["ATTENDEE"]).lower() == "mailto:sanne@example.nl"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert JOIN in str(event["DESCRIPTION"]) and str(event["CONFERENCE"]) == JOIN
    assert other.vevent.dtstart.value == session.local_start

    cancel_url = next(link for link in links_in(message.body) if "/cancel/" in link)
    # The link is in the participant's language: /en/registrations/…/cancel/.
    path = "/" + cancel_url.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/en/registrations/")
    page = client.get(path)
    assert page.status_code == 200 and "Yes, cancel my place" in page.content.decode()
    registration.refresh_from_db()
    assert registration.is_confirmed  # a GET (a mail scanner following links) cancels nothing
    response = client.post(path)
    assert response.status_code == 303
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    [(method, data)] = calendar_parts(mail.outbox[-1])
    cancel_event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert method == "CANCEL" and str(cancel_event["UID"]) == session.calendar_uid
    # The person cancelled, not the session: RFC 5546 says no STATUS then.
    assert "STATUS" not in cancel_event


def test_waiting_list_email_has_the_position_and_no_invitation(make_session, delft):
    session = make_session(capacity=1, join_url=JOIN)
    sign_up(session, 1, delft, notify=False)
    register(session, name="Mads", email="mads@example.dk", area=delft)
    message = mail.outbox[-1]
    assert "number 1 on the waiting list" in message.body
    assert calendar_parts(message) == [] and JOIN not in message.body


def test_emails_use_the_language_of_the_sign_up(make_session, koge):
    session = make_session(join_url=JOIN)
    register(session, name="Mette", email="mette@example.dk", area=koge, language="da")
    assert "Kære Mette" in mail.outbox[0].body


def test_cancelling_a_session_notifies_everyone_with_a_cancellation(make_session, delft):
    session = make_session(capacity=1, join_url=JOIN)
    sign_up(session, 1, delft, notify=False)
    sign_up(session, 2, delft, notify=False)  # waiting list
    sequence = session.sequence
    edit(session, status="cancelled", cancellation_reason="The speaker is ill.")
    assert len(mail.outbox) == 2
    confirmed, waiting = sorted(mail.outbox, key=lambda m: m.to[0])
    [(method, data)] = calendar_parts(confirmed)
    event = parse_both(data)[0].walk("VEVENT")[0]
    assert method == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > sequence
    assert "The speaker is ill." in confirmed.body
    assert calendar_parts(waiting) == [] and "cancelled" in waiting.body
    # Publishing again without a change tells nobody anything new.
    edit(session, title=session.title)
    assert len(mail.outbox) == 2


def test_moving_a_session_sends_confirmed_people_an_updated_invitation(make_session, delft):
    session = make_session(join_url=JOIN)
    sign_up(session, 1, delft, notify=False)
    edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    [message] = mail.outbox
    [(method, data)] = calendar_parts(message)
    event = parse_both(data)[0].walk("VEVENT")[0]
    assert method == "REQUEST" and int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].dt.hour == 10
    assert "It was planned for" in message.body


def test_invitation_lines_are_rfc5545(make_session, koge):
    session = make_session(title="Byrum i Køge – torvet som mødested " * 3, time_zone="Europe/Copenhagen",
                           join_url=JOIN)
    register(session, name="Søren Æblegård", email="soren@example.dk", area=koge)
    [(_, data)] = calendar_parts(mail.outbox[0])
    check_rfc5545_lines(data)
    other = vobject.readOne(data.decode())
    assert other.vevent.attendee.params["CN"] == ["Søren Æblegård"]
