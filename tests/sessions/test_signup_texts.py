"""What the sign-up section of a session page promises: a verified member is registered at once;
anyone else first confirms the address from the e-mail, within the hold (#14, item 5)."""
import re

import pytest
from django.test import Client

from network import identity
from sessions.registration.places import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_up_section(client, session):
    page = client.get(session.url).content.decode()
    section = page[page.index('id="register"'):page.index("</section>", page.index('id="register"'))]
    return re.sub(r"\s+", " ", section)


def member(email, *, verified):
    user = UserFactory(email=email)
    if verified:
        identity.mark_verified(user, email)
    client = Client()
    client.force_login(user)
    return client


def test_visitors_are_told_to_confirm_their_address_within_the_hold(client, make_session,
                                                                    settings):
    settings.SESSION_SIGNUP_HOLD_MINUTES = 45
    text = sign_up_section(client, make_session(capacity=10))

    assert "10 places left." in text
    assert ("We first send you an e-mail: confirm your address from it within 45 minutes, or the "
            "place is released. You then receive a confirmation with a calendar invitation"
            in text)
    assert "at once" not in text


def test_members_without_a_verified_address_confirm_it_like_visitors(make_session):
    text = sign_up_section(member("anna@example.nl", verified=False), make_session(capacity=10))

    assert "confirm your address from it within 30 minutes" in text
    assert "registered at once" not in text


def test_verified_members_are_told_they_are_registered_at_once(make_session):
    text = sign_up_section(member("joost@example.nl", verified=True), make_session(capacity=10))

    assert ("Signed up with your confirmed address joost@example.nl, you are registered at once "
            "and receive a confirmation with a calendar invitation and the join link." in text)
    assert "confirm your address" not in text


def test_a_full_session_says_confirming_keeps_the_turn_on_the_waiting_list(client, make_session,
                                                                          delft):
    session = make_session(capacity=1)
    register(session, name="Has the place", email="first@example.nl", area=delft, notify=False)

    text = sign_up_section(client, session)

    assert "All places are taken." in text
    assert ("confirm your address from it within 30 minutes to keep your turn on the waiting list."
            in text)
    assert "calendar invitation" not in text
    verified = sign_up_section(member("joost@example.nl", verified=True), session)
    assert "you are on the waiting list at once" in verified
