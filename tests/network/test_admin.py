"""Organisers manage the directory in the Wagtail admin."""
import pytest
from django.urls import reverse

from network.models import Person
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, site):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-for-tests-1")
    client.force_login(user)
    return client


def test_editing_a_person_saves_areas_and_expertise(admin_client):
    a, b = MemberAreaFactory(), MemberAreaFactory()
    theme = ThemeFactory()
    person = PersonFactory(areas=[a])
    url = reverse("wagtailsnippets_network_person:edit", args=[person.pk])
    response = admin_client.post(url, {
        "name": "Renamed Person", "role": "street_manager", "job_title": "", "organisation": "",
        "areas": [a.pk, b.pk], "email": "new@centre.example", "phone": "", "photo": "", "bio": "",
        "expertise": [theme.pk], "listed_in_directory": "on", "user": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(pk=person.pk)
    assert person.name == "Renamed Person"
    assert set(person.areas.all()) == {a, b}
    assert list(person.expertise.all()) == [theme]


@pytest.mark.parametrize("model", ["memberarea", "person", "organisation", "theme"])
def test_listings_search_and_filter(admin_client, model):
    MemberAreaFactory(name="Køge bymidte")
    url = reverse(f"wagtailsnippets_network_{model}:list")
    response = admin_client.get(url, {"q": "Køge"})
    assert response.status_code == 200
    if model == "memberarea":
        assert "Køge bymidte" in response.content.decode()


def test_organisers_group_can_keep_the_directory_but_not_more(client, django_user_model, site):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("org", "org@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    assert client.get(reverse("wagtailsnippets_network_person:add")).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
