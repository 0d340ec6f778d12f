"""Member login uses Django's session framework, which shares the name of our sessions app."""
import pytest

pytestmark = pytest.mark.django_db


def test_member_can_log_in_and_out(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/account/login/", {"username": "anna", "password": "a-long-passphrase-1",
                                                "next": "/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    page = client.get("/members/")
    assert b"Log out" in page.content
    client.post("/account/logout/")
    assert b"Member login" in client.get("/members/").content


def test_wrong_password_keeps_username_and_says_why(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/account/login/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="anna"' in html
    assert "correct username and password" in html


def test_login_ignores_offsite_next(client, site, django_user_model):
    django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    response = client.post("/account/login/", {"username": "anna", "password": "a-long-passphrase-1",
                                                "next": "https://evil.example/"})
    assert response["Location"] == "/"
