"""Registrations are matched to an account only by its verified address (#14 item 1).

An address typed into an account (on the admin's account page, or left there from before
addresses were verified) opens nobody's registrations, join links or personal calendar; once
its owner confirms it from the mailbox, their earlier registrations appear in "My sessions".
"""
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from casestudies import roles
from network import identity
from network.permissions import apply_grants
from network.personal_data import erase_person
from sessions.models import Participant, Registration
from sessions.registration.places import register
from tests.casestudies.factories import user_in
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

VICTIM = "vera@victim.example"



@pytest.fixture
def session(make_session):
    """An online session with a secret join link."""
    return make_session()


@pytest.fixture
def victims_registration(session, delft):
    """Someone without an account, registered by e-mail: their address is their only key."""
    return register(session, name="Vera Visser", email=VICTIM, area=delft, notify=False)


def page_html(client, session):
    return client.get(session.url).content.decode()


def rendered_form_data(response):
    """What the page's largest POST form sends as rendered (no files, checked boxes only)."""
    soup = BeautifulSoup(response.content, "html.parser")
    forms = [f for f in soup.find_all("form") if (f.get("method") or "").lower() == "post"]
    form = max(forms, key=lambda f: len(f.find_all(["input", "select", "textarea"])))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name, kind = field.get("name"), (field.get("type") or "").lower()
        if not name or kind in ("file", "submit", "button"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", chosen.text) if chosen else ""
        else:
            data[name] = field.text if field.name == "textarea" else field.get("value", "")
    return data


def test_admin_user_who_types_a_victims_address_does_not_get_their_registration(
        client, victims_registration, session):
    apply_grants()
    editor = user_in(roles.EDITORS, "editor")
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    client.force_login(editor)
    data = rendered_form_data(client.get("/admin/account/"))
    (field,) = [name for name in data if name.endswith("-email")]
    data[field] = VICTIM.upper()
    client.post("/admin/account/", data)

    response = client.get("/en/account/sessions/")
    token = victims_registration.participant.manage_token
    assert response.status_code == 200
    assert token not in response.get("Location", "") + response.content.decode()
    html = page_html(client, session)
    assert session.join_url not in html
    assert token not in html
    # The confirmation went to the victim's mailbox, which the editor cannot read.
    assert [m.to for m in mail.outbox] == [[VICTIM]]


def test_unconfirmed_address_shows_no_join_link_and_offers_a_confirmation(
        client, victims_registration, session):
    user = UserFactory(email=VICTIM)  # e.g. an account from before addresses were verified
    client.force_login(user)
    assert session.registration_for(user) is None
    assert not session.can_see_join_link(user)
    html = page_html(client, session)
    assert session.join_url not in html
    assert "Send me a confirmation e-mail" in html
    none_page = client.get("/en/account/sessions/").content.decode()
    assert "Send me a confirmation e-mail" in none_page
    assert "once you have confirmed the address" in none_page


def test_confirming_the_address_brings_earlier_registrations_into_my_sessions(
        client, victims_registration, session):
    user = UserFactory(email="Vera@Victim.example")
    client.force_login(user)
    response = client.post("/en/account/email/send-confirmation/", {"next": "/en/account/sessions/"})
    assert response["Location"] == "/en/account/sessions/"
    (message,) = mail.outbox
    assert message.to == [VICTIM]
    link = re.search(r"/en/account/email/confirm/\S+/", message.body).group(0)
    assert client.post(link).status_code == 200

    response = client.get("/en/account/sessions/")
    assert response.status_code == 302
    assert victims_registration.participant.manage_token in response["Location"]
    assert session.join_url in page_html(client, session)


def test_join_link_needs_a_verified_address(client, victims_registration, session):
    user = UserFactory(email=VICTIM)
    assert not session.can_see_join_link(user)
    identity.mark_verified(user, VICTIM)
    assert session.can_see_join_link(user)
    user.email = "something.else@example.org"  # changed, not confirmed yet
    user.save()
    assert not session.can_see_join_link(user)


def test_erasing_a_member_whose_directory_email_names_someone_else_leaves_their_registrations(
        victims_registration):
    intruder = UserFactory(email="intruder@example.org")
    identity.mark_verified(intruder, intruder.email)
    # Typed before directory addresses were checked (or by an organiser by mistake).
    person = PersonFactory(name="Ivo Intruder", email=VICTIM, user=intruder)
    erase_person(person, by_user=None)
    assert Participant.objects.filter(email=VICTIM).exists()
    assert Registration.objects.filter(pk=victims_registration.pk).exists()


def test_erasing_a_member_whose_account_address_is_unconfirmed_leaves_that_address_alone(
        victims_registration):
    person = PersonFactory(name="Ivo Intruder", user=UserFactory(email=VICTIM))
    erase_person(person, by_user=None)
    assert Registration.objects.filter(pk=victims_registration.pk).exists()


def test_erasing_a_member_erases_registrations_under_their_verified_address(session, delft):
    user = UserFactory(email="joost@example.nl")
    identity.mark_verified(user, user.email)
    person = PersonFactory(name="Joost Bakker", email="joost@work.example.nl", user=user)
    register(session, name="Joost", email="JOOST@example.nl", area=delft, notify=False)
    register(session, name="Someone else", email="else@example.nl", area=delft, notify=False)
    erase_person(person, by_user=None)
    assert list(Participant.objects.values_list("email", flat=True)) == ["else@example.nl"]
