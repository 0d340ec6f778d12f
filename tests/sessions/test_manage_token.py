"""The secret link to someone's registrations can be replaced, like the calendar address: the
new link goes to their mailbox only, and the old one stops working at once (#14, item 9)."""
import re

import pytest
from django.core import mail
from django.urls import reverse

from sessions.registration.places import register

pytestmark = pytest.mark.django_db


def manage_path(token):
    return reverse("sessions:registration_manage", kwargs={"token": token})


def test_a_new_link_replaces_the_old_one_at_once(client, make_session, delft):
    session = make_session(title="Branding the centre")
    registration = register(session, name="Sanne", email="sanne@example.nl", area=delft,
                            notify=False)
    old = registration.participant.manage_token
    page = client.get(manage_path(old)).content.decode()
    assert "Make a new link to my registrations" in page

    response = client.post(reverse("sessions:registration_link_reset", kwargs={"token": old}))

    assert response.status_code == 200
    body = response.content.decode()
    assert "We have sent the new link to sanne@example.nl" in body
    assert response["Cache-Control"] == "private, no-store"
    registration.participant.refresh_from_db()
    new = registration.participant.manage_token
    assert new != old and new not in body  # only the mailbox gets it
    assert registration.participant.manage_reset_at is not None
    (message,) = mail.outbox
    assert message.to == ["Sanne <sanne@example.nl>"]
    assert re.search(r"/en/registrations/" + re.escape(new) + r"/\s", message.body)
    assert "Branding the centre" in client.get(manage_path(new)).content.decode()
    # The old link, and the cancel link from earlier e-mails, are dead and say why.
    gone = client.get(manage_path(old))
    assert gone.status_code == 404
    assert "Links to your registrations can be replaced" in gone.content.decode()
    cancel = reverse("sessions:registration_cancel", kwargs={"token": old, "pk": registration.pk})
    assert client.post(cancel).status_code == 404
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_the_link_is_replaced_only_by_a_post(client, make_session, delft):
    registration = register(make_session(), name="Sanne", email="sanne@example.nl", area=delft,
                            notify=False)
    token = registration.participant.manage_token
    response = client.get(reverse("sessions:registration_link_reset", kwargs={"token": token}))
    assert response.status_code == 405
    registration.participant.refresh_from_db()
    assert registration.participant.manage_token == token
