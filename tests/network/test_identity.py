"""Verified e-mail identities (#14 item 1): one account per address, and an address counts only
once it is confirmed from its mailbox (network/identity.py).

The admin forms are exercised through the test client with the fields the rendered form has,
as the roles that use them (contributors and editors on their own account page).
"""
import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.urls import reverse

from casestudies import roles
from network import identity
from network.models import VerifiedEmail
from network.permissions import apply_grants
from tests.casestudies.factories import user_in
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # UserFactory's



@pytest.fixture
def victim(db):
    return UserFactory(username="vera", email="vera@victim.example", first_name="Vera",
                       last_name="Visser")


def admin_user(role):
    """A contributor or an editor, as the permissions step sets them up."""
    apply_grants()
    group = {"contributor": roles.CONTRIBUTORS, "editor": roles.EDITORS}[role]
    user = user_in(group, role)
    user.first_name, user.last_name = role.title(), "Admin"
    user.save()
    return user


def rendered_form_data(response):
    """The POST data the page's main form (its largest) sends as rendered: every named field
    with its value (checked boxes only, the selected option, no files)."""
    soup = BeautifulSoup(response.content, "html.parser")
    forms = [f for f in soup.find_all("form") if (f.get("method") or "").lower() == "post"]
    form = max(forms, key=lambda f: len(f.find_all(["input", "select", "textarea"])))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = (field.get("type") or "").lower()
        if not name or kind in ("file", "submit", "button"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            value = chosen.get("value", chosen.text) if chosen else ""
        elif field.name == "textarea":
            value = field.text
        else:
            value = field.get("value", "")
        data[name] = value
    return data


def change_account_email(client, new_email):
    page = client.get("/admin/account/")
    assert page.status_code == 200
    data = rendered_form_data(page)
    # Wagtail's own panel named it "name_email-email"; ours is "email-email".
    (field,) = [name for name in data if name.endswith("-email")]
    data[field] = new_email
    return client.post("/admin/account/", data)


def confirmation_links():
    return [re.search(r"https?://\S+/account/email/confirm/\S+/", m.body).group(0)
            for m in mail.outbox]


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


# --- the admin's account page -----------------------------------------------------------------


@pytest.mark.parametrize(("role", "spelling"), [("contributor", "vera@victim.example"),
                                                 ("editor", "VERA@Victim.Example")])
def test_account_page_refuses_another_accounts_address_in_any_capitalisation(client, site, victim,
                                                                              role, spelling):
    user = admin_user(role)
    client.force_login(user)
    response = change_account_email(client, spelling)
    assert response.status_code == 200
    assert "Another account already uses this e-mail address." in response.content.decode()
    user.refresh_from_db()
    assert user.email == f"{role}@example.org"
    assert mail.outbox == []


def test_victim_still_logs_in_with_their_address_after_a_takeover_attempt(client, site, victim):
    attacker = admin_user("editor")
    attacker_client = client.__class__()
    attacker_client.force_login(attacker)
    change_account_email(attacker_client, "vera@victim.example")
    response = client.post("/en/account/login/", {"username": "vera@victim.example",
                                                "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == victim.pk


def test_changing_ones_address_sends_a_confirmation_and_counts_only_once_confirmed(client, site):
    user = admin_user("editor")
    client.force_login(user)
    response = change_account_email(client, "Ed.New@Example.org")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "We have sent a confirmation link to ed.new@example.org" in page
    user.refresh_from_db()
    assert user.email.lower() == "ed.new@example.org"
    assert identity.verified_email(user) == ""
    assert [m.to for m in mail.outbox] == [["ed.new@example.org"]]
    (link,) = confirmation_links()

    # Mail scanners open links: a GET shows a button and confirms nothing.
    page = client.get(path_of(link))
    assert page.status_code == 200
    assert "Confirm this address" in page.content.decode()
    assert identity.verified_email(user) == ""

    confirmed = client.post(path_of(link))
    assert confirmed.status_code == 200
    assert "is confirmed" in confirmed.content.decode()
    user.refresh_from_db()
    assert identity.verified_email(user) == "ed.new@example.org"


def test_an_old_shared_address_does_not_block_other_changes_on_the_account_page(client, site,
                                                                                 victim):
    user = admin_user("editor")
    user.email = victim.email  # from before addresses had to be unique
    user.save()
    client.force_login(user)
    data = rendered_form_data(client.get("/admin/account/"))
    data["name_email-first_name"] = "Edith"
    assert client.post("/admin/account/", data).status_code == 302
    user.refresh_from_db()
    assert user.first_name == "Edith"
    assert identity.verified_email(user) == ""


def test_account_page_says_whether_the_address_is_confirmed(client, site):
    user = admin_user("contributor")
    client.force_login(user)
    assert "Not confirmed yet" in client.get("/admin/account/").content.decode()
    identity.mark_verified(user, user.email)
    assert "Confirmed." in client.get("/admin/account/").content.decode()


# --- the confirmation link ------------------------------------------------------------------


def test_confirmation_works_logged_out_and_logs_nobody_in(client, site):
    user = UserFactory(email="ann@example.org")
    identity.send_email_confirmation(None, user, user.email)
    (link,) = confirmation_links()
    assert "ann" not in signing.b64_decode(link.split("/")[-2].split(":")[0].encode()).decode()
    response = client.post(path_of(link))
    assert response.status_code == 200
    assert identity.verified_email(user) == "ann@example.org"
    assert "_auth_user_id" not in client.session


def test_a_confirmation_link_works_once(client, site):
    user = UserFactory(email="ann@example.org")
    token = identity.make_token(user, user.email)
    url = f"/en/account/email/confirm/{token}/"
    assert client.post(url).status_code == 200
    verified_at = VerifiedEmail.objects.get(user=user).verified_at
    again = client.post(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert VerifiedEmail.objects.get(user=user).verified_at == verified_at


def test_an_expired_confirmation_link_is_refused_and_changes_nothing(client, site, monkeypatch):
    user = UserFactory(email="ann@example.org")
    four_days_ago = time.time() - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: four_days_ago)
        token = identity.make_token(user, user.email)
    for method in (client.get, client.post):
        response = method(f"/en/account/email/confirm/{token}/")
        assert response.status_code == 410
        assert "expired" in response.content.decode()
    assert not VerifiedEmail.objects.exists()


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    lambda token: token.replace(":", "x", 1),
    lambda token: "nonsense",
    lambda token: token + "A" * 500,
])
def test_a_tampered_confirmation_link_is_a_clear_400(client, site, tamper):
    user = UserFactory(email="ann@example.org")
    token = tamper(identity.make_token(user, user.email))
    response = client.post(f"/en/account/email/confirm/{token}/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert not VerifiedEmail.objects.exists()


def test_a_link_for_another_address_cannot_confirm_a_new_one(client, site):
    """The link is bound to the address: after a change, the old link confirms nothing."""
    user = UserFactory(email="ann@example.org")
    token = identity.make_token(user, "ann@example.org")
    user.email = "someone.else@example.org"
    user.save()
    response = client.post(f"/en/account/email/confirm/{token}/")
    assert response.status_code == 410
    assert identity.verified_email(user) == ""


def test_forged_payload_for_another_account_is_refused(client, site, victim):
    """A link signed for one account cannot be re-aimed at another (the signature covers it)."""
    user = UserFactory(email="ann@example.org")
    token = identity.make_token(user, user.email)
    payload, _, rest = token.partition(":")
    forged_payload = signing.b64_encode(
        signing.JSONSerializer().dumps({"u": victim.pk, "e": victim.email, "s": "x"})).decode()
    response = client.post(f"/en/account/email/confirm/{forged_payload}:{rest}/")
    assert response.status_code == 400
    assert not VerifiedEmail.objects.exists()


# --- the button that sends a confirmation -----------------------------------------------------


def test_the_button_sends_one_confirmation_and_not_a_flood(client, site):
    user = UserFactory(email="ann@example.org")
    client.force_login(user)
    response = client.post("/en/account/email/send-confirmation/", {"next": "/en/account/profile/"})
    assert response.status_code == 302 and response["Location"] == "/en/account/profile/"
    client.post("/en/account/email/send-confirmation/", {"next": "https://evil.example/"})
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]


def test_an_address_another_account_shares_is_not_confirmed_by_the_button(client, site, victim):
    """Accounts from before addresses were unique may share one: the mailbox's owner must not
    be asked to confirm it for the other account."""
    user = UserFactory(email="VERA@victim.example")
    client.force_login(user)
    client.post("/en/account/email/send-confirmation/")
    assert mail.outbox == []


# --- password reset proves the address ---------------------------------------------------------


@pytest.mark.parametrize("form, link_pattern", [
    ("/en/account/password-reset/", r"/en/account/password-reset/\S+/\S+/"),
    ("/admin/password_reset/", r"/admin/password_reset/confirm/\S+/\S+/"),
])
def test_a_password_reset_through_the_email_verifies_the_address(client, site, form, link_pattern):
    """The site's and the admin's reset both prove the address the link was sent to."""
    user = UserFactory(email="ann@example.org", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.post(form, {"email": "ann@example.org"})
    (message,) = mail.outbox
    link = re.search(link_pattern, message.body).group(0)
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
                           {"new_password1": "a-new-long-passphrase-9",
                            "new_password2": "a-new-long-passphrase-9"})
    assert response.status_code == 302
    assert identity.verified_email(user) == "ann@example.org"


# --- login by e-mail ---------------------------------------------------------------------------


def test_login_by_email_prefers_the_account_that_verified_it(client, site):
    """Two accounts sharing an address (from before it had to be unique): the verified one."""
    owner = UserFactory(username="owner", email="shared@example.org")
    UserFactory(username="squatter", email="Shared@example.org")
    identity.mark_verified(owner, "shared@example.org")
    response = client.post("/en/account/login/", {"username": "SHARED@example.org",
                                                "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == owner.pk


# --- the member profile (directory e-mail) -----------------------------------------------------


@pytest.mark.parametrize("taken", ["vera@victim.example", "Pieter@Directory.example"])
def test_profile_refuses_an_address_that_belongs_to_someone_else(client, site, victim, taken):
    PersonFactory(name="Pieter", email="pieter@directory.example")
    user = UserFactory(email="me@example.org")
    person = PersonFactory(name="Me Myself", email="me@example.org", user=user)
    client.force_login(user)
    data = rendered_form_data(client.get("/en/account/profile/"))
    data["email"] = taken
    response = client.post("/en/account/profile/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "belongs to someone else in the network" in html
    assert f'value="{taken}"' in html  # what was typed stays
    person.refresh_from_db()
    assert person.email == "me@example.org"


def test_profile_keeps_accepting_ones_own_addresses(client, site):
    user = UserFactory(email="me@example.org")
    person = PersonFactory(name="Me Myself", email="old@example.org", user=user)
    client.force_login(user)
    data = rendered_form_data(client.get("/en/account/profile/"))
    data["email"] = "ME@example.org"
    assert client.post("/en/account/profile/", data).status_code == 302
    person.refresh_from_db()
    assert person.email == "ME@example.org"


# --- Wagtail's user admin ------------------------------------------------------------------------


def test_user_admin_refuses_duplicate_addresses_and_confirms_new_ones(admin_client, site, victim,
                                                                      django_user_model):
    add_page = admin_client.get(reverse("wagtailusers_users:add"))
    data = rendered_form_data(add_page)
    data.update({"username": "newbie", "email": "Vera@VICTIM.example", "first_name": "New",
                 "last_name": "Member", "password1": "a-long-passphrase-77",
                 "password2": "a-long-passphrase-77"})
    response = admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 200
    assert "Another account already uses this e-mail address." in response.content.decode()

    data["email"] = "newbie@example.org"
    assert admin_client.post(reverse("wagtailusers_users:add"), data).status_code == 302
    newbie = django_user_model.objects.get(username="newbie")
    assert identity.verified_email(newbie) == ""
    assert [m.to for m in mail.outbox] == [["newbie@example.org"]]

    edit_url = reverse("wagtailusers_users:edit", args=[newbie.pk])
    data = rendered_form_data(admin_client.get(edit_url))
    data["email"] = "VERA@victim.example"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 200
    assert "Another account already uses this e-mail address." in response.content.decode()
    newbie.refresh_from_db()
    assert newbie.email == "newbie@example.org"


def test_demo_accounts_have_verified_addresses(demo_network):
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(username__in=["admin", "organiser", "member", "medlem"]):
        assert identity.verified_email(user) == user.email.lower()
