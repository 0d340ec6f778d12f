"""Member login uses Django's session framework, which shares the name of our sessions app."""
import re

import pytest

from network.models import Person

pytestmark = pytest.mark.django_db


def test_member_can_log_in_and_out(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "anna", "password": "a-long-passphrase-1",
                                                "next": "/en/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/members/"
    page = client.get("/en/members/")
    assert b"Log out" in page.content
    client.post("/en/account/logout/")
    assert b"Member login" in client.get("/en/members/").content


def test_wrong_password_keeps_username_and_says_why(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="anna"' in html
    assert "correct username and password" in html


def test_login_ignores_offsite_next(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "anna", "password": "a-long-passphrase-1",
                                                "next": "https://evil.example/"})
    assert response["Location"] == "/"


# --- email login -----------------------------------------------------------------------------

def test_member_logs_in_with_email_in_any_case(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "Anna@Example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "ANNA@example.ORG",
                                                "password": "a-long-passphrase-1"})
    assert response.status_code == 302
    assert b"Log out" in client.get("/en/members/").content


def test_email_login_with_wrong_password_fails(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "anna@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_shared_email_address_cannot_be_used_to_log_in(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "office@example.org", "a-long-passphrase-1")
    django_user_model.objects.create_user("ben", "office@example.org", "a-long-passphrase-1")
    response = client.post("/en/account/login/", {"username": "office@example.org",
                                                "password": "a-long-passphrase-1"})
    assert response.status_code == 200
    response = client.post("/en/account/login/", {"username": "ben", "password": "a-long-passphrase-1"})
    assert response.status_code == 302


def test_inactive_account_cannot_log_in_by_email(client, site, django_user_model):
    user = django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    user.is_active = False
    user.save()
    response = client.post("/en/account/login/", {"username": "anna@example.org",
                                                "password": "a-long-passphrase-1"})
    assert response.status_code == 200


def test_admin_login_still_takes_the_username(client, site, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-passphrase-1")
    response = client.post("/admin/login/", {"username": "boss", "password": "a-long-passphrase-1"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_login_page_labels_and_links(client, site):
    html = client.get("/en/account/login/").content.decode()
    assert "Email address or username" in html
    assert 'href="/en/account/password-reset/"' in html


# --- password reset --------------------------------------------------------------------------

def test_password_reset_by_email_end_to_end(client, site, django_user_model, mailoutbox):
    django_user_model.objects.create_user("anna", "anna@example.org", "old-passphrase-1")
    response = client.post("/en/account/password-reset/", {"email": "ANNA@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/password-reset/sent/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["anna@example.org"]
    assert "Centre Network" in mail.subject
    link = re.search(r"http://testserver(/en/account/password-reset/\S+/)", mail.body).group(1)
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "brand-new-passphrase-7",
                                 "new_password2": "brand-new-passphrase-7"})
    assert done.status_code == 302 and done["Location"] == "/en/account/password-reset/complete/"
    # Through the login form: the login throttle (django-axes) needs the request.
    login = {"username": "anna", "password": "brand-new-passphrase-7"}
    assert client.post("/en/account/login/", login).status_code == 302
    # The link works once.
    assert b"has expired or has already been used" in client.get(link, follow=True).content


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, site, mailoutbox):
    response = client.post("/en/account/password-reset/", {"email": "nobody@example.org"}, follow=True)
    assert b"Check your email" in response.content
    assert mailoutbox == []


# --- profile ---------------------------------------------------------------------------------

@pytest.fixture
def linked(client, site, django_user_model):
    from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

    user = django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    area = MemberAreaFactory(name="Køge bymidte", slug="koge")
    theme = ThemeFactory(name="Vacancy", slug="vacancy")
    person = PersonFactory(name="Anna Berg", areas=[area], user=user, role="centre_manager")
    other = PersonFactory(name="Someone Else", areas=[area])
    client.force_login(user)
    return {"person": person, "other": other, "theme": theme, "area": area}


def profile_data(**changes):
    data = {"name": "Anna Berg-Holm", "job_title": "Citychef", "email": "anna@koge.example",
            "phone": "+45 11 22 33 44", "bio": "Runs the town's events.", "listed_in_directory": "on"}
    data.update(changes)
    return data


def test_profile_edit_saves_own_person(client, linked):
    response = client.post("/en/account/profile/", profile_data(expertise=[linked["theme"].pk]),
                           follow=True)
    assert b"Your profile has been saved." in response.content
    person = Person.objects.get(pk=linked["person"].pk)
    assert person.name == "Anna Berg-Holm" and person.phone == "+45 11 22 33 44"
    assert list(person.expertise.all()) == [linked["theme"]]
    assert person.role == "centre_manager"
    assert Person.objects.get(pk=linked["other"].pk).name == "Someone Else"
    assert "Anna Berg-Holm" in client.get("/en/members/koge/").content.decode()


def test_profile_cannot_change_role_areas_or_account(client, linked, django_user_model):
    other_user = django_user_model.objects.create_user("ben", "ben@example.org", "pw-long-enough-1")
    client.post("/en/account/profile/", profile_data(role="chair", areas=[], user=other_user.pk))
    person = Person.objects.get(pk=linked["person"].pk)
    assert person.role == "centre_manager"
    assert list(person.areas.all()) == [linked["area"]]
    assert person.user.username == "anna"


def test_profile_errors_keep_input_and_are_tied_to_fields(client, linked):
    response = client.post("/en/account/profile/", profile_data(email="not-an-email", name="  "))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your profile was not saved" in html
    assert 'value="not-an-email"' in html
    assert 'value="Citychef"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html
    assert Person.objects.get(pk=linked["person"].pk).email != "not-an-email"


def test_profile_unlisting_hides_from_directory(client, linked):
    client.post("/en/account/profile/", profile_data(listed_in_directory=""))
    client.logout()
    assert "Anna Berg" not in client.get("/en/members/koge/").content.decode()


def test_profile_photo_upload(client, linked):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    response = client.post("/en/account/profile/", {**profile_data(), "new_photo": buffer})
    assert response.status_code == 302
    person = Person.objects.get(pk=linked["person"].pk)
    assert person.photo is not None and person.photo.width == 40
    client.post("/en/account/profile/", profile_data(remove_photo="on"))
    assert Person.objects.get(pk=linked["person"].pk).photo is None


def test_account_without_person_gets_an_explanation(client, site, django_user_model):
    client.force_login(django_user_model.objects.create_user("loose", "l@example.org", "pw-long-1x"))
    response = client.get("/en/account/profile/")
    assert response.status_code == 200
    assert b"organiser links accounts" in response.content
    assert client.post("/en/account/profile/", profile_data()).status_code == 200


def test_profile_requires_login(client, site):
    response = client.get("/en/account/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_members_find_people_and_profile_from_every_page(member_client, site):
    html = member_client.get("/en/").content.decode()
    assert 'href="/en/members/people/"' in html
    assert 'href="/en/account/profile/"' in html


def test_anonymous_header_offers_login_not_people(client, site):
    html = client.get("/en/").content.decode()
    assert 'href="/en/members/people/"' not in html
    assert "Member login" in html
