"""Invitation e-mails in the shape Outlook, Gmail, Apple Mail and Thunderbird recognise, with
an ORGANIZER that is the network's address and SEQUENCEs that never go backwards."""
import datetime
import email
import email.policy

import icalendar
import pytest
from django.core import mail

from sessions.models import Registration
from sessions.registration import notifications
from sessions.registration.places import cancel, register
from tests.factories import UserFactory

from .conftest import edit
from .ical_checks import parse_both

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/room-7"


def parsed(message):
    """A sent Django message as the recipient's mail client parses it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def invitation_of(message, method):
    """Check the MIME tree of an invitation e-mail; return its calendar (icalendar, vobject).

    multipart/mixed [ multipart/alternative [ text/plain, text/calendar; method=… ],
    application/ics attachment invite.ics ]
    """
    root = parsed(message)
    assert root.get_content_type() == "multipart/mixed"
    alternative, attachment = root.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, inline = alternative.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert text.get_content().strip() == message.body.strip()

    assert inline.get_content_type() == "text/calendar"
    assert inline.get_param("method") == method
    # As a plain token, as Gmail and Outlook write it (some parsers compare literally).
    assert (f"Content-Type: text/calendar; method={method}; charset=utf-8".encode()
            in message.message().as_bytes())
    assert inline.get_content_charset() == "utf-8"
    assert inline.get_content_disposition() is None and inline.get_filename() is None
    assert inline["Content-Transfer-Encoding"] == "base64"

    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "invite.ics"
    assert attachment["Content-Transfer-Encoding"] == "base64"

    data = inline.get_payload(decode=True)
    assert attachment.get_payload(decode=True) == data
    calendar, other = parse_both(data)  # also: CRLF and 75-octet lines survived the mail
    assert str(calendar["METHOD"]) == method == other.method.value
    [event] = calendar.walk("VEVENT")
    assert other.vevent.uid.value == str(event["UID"])
    return calendar, other


def sent_to(address):
    return [m for m in mail.outbox if address in m.to[0]]


def test_every_invitation_email_is_a_meeting_invitation(make_session, delft, settings):
    session = make_session(capacity=1, join_url=JOIN)
    holder = register(session, name="Anna de Vries", email="anna@example.nl", area=delft)
    waiting = register(session, name="Bram", email="bram@example.nl", area=delft)
    # A waiting-list e-mail has no invitation and stays a simple text e-mail.
    [waiting_mail] = sent_to("bram@")
    assert parsed(waiting_mail).get_content_type() == "text/plain"

    calendar, other = invitation_of(sent_to("anna@")[-1], "REQUEST")
    event = calendar.walk("VEVENT")[0]
    assert str(event["ORGANIZER"]) == f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    assert other.vevent.organizer.value == f"mailto:{settings.DEFAULT_FROM_EMAIL}"
    assert str(event["ATTENDEE"]) == "mailto:anna@example.nl"

    edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    invitation_of(sent_to("anna@")[-1], "REQUEST")
    cancel(holder)  # Anna's own cancellation; Bram moves up
    invitation_of(sent_to("anna@")[-1], "CANCEL")
    invitation_of(sent_to("bram@")[-1], "REQUEST")
    carl = register(session, name="Carl", email="carl@example.nl", area=delft)
    cancel(Registration.objects.get(pk=waiting.pk), by=UserFactory())  # removed by an organiser
    invitation_of(sent_to("bram@")[-1], "CANCEL")
    invitation_of(sent_to("carl@")[-1], "REQUEST")
    edit(Registration.objects.get(pk=carl.pk).session, status="cancelled",
         cancellation_reason="The speaker is ill.")
    calendar, _ = invitation_of(sent_to("carl@")[-1], "CANCEL")
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_organizer_is_the_bare_sender_address(make_session, delft, settings):
    # DEFAULT_FROM_EMAIL may carry a display name; mailto: takes only the address.
    settings.DEFAULT_FROM_EMAIL = "Centre Network <network@centre-network.example>"
    session = make_session(join_url=JOIN)
    register(session, name="Anna", email="anna@example.nl", area=delft)
    calendar, other = invitation_of(mail.outbox[-1], "REQUEST")
    organizer = calendar.walk("VEVENT")[0]["ORGANIZER"]
    assert str(organizer) == "mailto:network@centre-network.example"
    assert other.vevent.organizer.value == "mailto:network@centre-network.example"


def _sequences(address):
    """(METHOD, SEQUENCE) of each invitation sent to ``address``, in order."""
    out = []
    for message in sent_to(address):
        for part in parsed(message).walk():
            if part.get_content_type() == "text/calendar":
                calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
                out.append((str(calendar["METHOD"]),
                            int(calendar.walk("VEVENT")[0]["SEQUENCE"])))
    return out


def test_a_cancel_is_never_older_than_the_last_request(make_session, delft):
    session = make_session(join_url=JOIN)
    registration = register(session, name="Anna", email="anna@example.nl", area=delft)
    edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    edit(session, venue="Stadhuis, zaal 2")
    assert _sequences("anna@")[-1] == ("REQUEST", 2)
    # The registration still holds the session as it was at sign-up (SEQUENCE 0), as any
    # caller may: the CANCEL must still not be older than the REQUEST Anna's calendar holds.
    assert registration.session.sequence == 0
    Registration.objects.filter(pk=registration.pk).update(status="cancelled", seat=None)
    notifications.cancelled(registration, was_confirmed=True, by_organiser=False)
    method, sequence = _sequences("anna@")[-1]
    assert method == "CANCEL" and sequence >= 2


def test_own_cancellation_after_changes_keeps_the_sequence(make_session, delft):
    session = make_session(join_url=JOIN)
    registration = register(session, name="Anna", email="anna@example.nl", area=delft)
    edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    cancel(registration)
    requests = [s for m, s in _sequences("anna@") if m == "REQUEST"]
    [(method, sequence)] = _sequences("anna@")[-1:]
    assert requests == [0, 1] and method == "CANCEL" and sequence >= max(requests)
