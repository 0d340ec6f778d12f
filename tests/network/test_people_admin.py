"""The people admin is for the keepers of the directory (#14 item 6).

Organisers (and superusers) list, search and open every person with their contact details.
Contributors and editors only choose a contact for a case study: the person chooser offers
them the people listed in the directory, by name, and nobody who opted out, whatever address
they ask for.
"""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from casestudies import roles
from network.models import Person
from network.permissions import ORGANISERS, apply_grants
from tests.casestudies.factories import user_in
from tests.factories import MemberAreaFactory, PersonFactory

# Every test here searches what it made.
pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

HIDDEN_EMAIL = "verborgen@centre.example"
LISTED_EMAIL = "zichtbaar@centre.example"


@pytest.fixture
def people(site):
    """One person listed in the directory and one who chose not to be."""
    area = MemberAreaFactory(slug="vlaardingen", name="Vlaardingen city centre")
    listed = PersonFactory(name="Lotte Listed", email=LISTED_EMAIL, areas=[area])
    hidden = PersonFactory(name="Otto Optedout", email=HIDDEN_EMAIL, phone="+31 6 9999 0000",
                           areas=[area], listed_in_directory=False)
    return listed, hidden, area


def _log_in(client, role, area):
    """A client logged in as the real role: the group the permissions step sets up."""
    if role == "contributor":
        user = user_in(roles.CONTRIBUTORS, "contributor", [area])
    elif role == "editor":
        user = user_in(roles.EDITORS, "editor")
    else:
        user = user_in(ORGANISERS, "organiser")
    client.force_login(user)
    return client


def _chooser(name, *args):
    return reverse(Person.snippet_viewset.chooser_viewset.get_url_name(name), args=args)


def _person_admin_urls(person):
    return [reverse("wagtailsnippets_network_person:list"),
            reverse("wagtailsnippets_network_person:list") + f"?q={HIDDEN_EMAIL}",
            reverse("wagtailsnippets_network_person:list_results") + "?q=Optedout",
            reverse("wagtailsnippets_network_person:edit", args=[person.pk]),
            reverse("wagtailsnippets_network_person:usage", args=[person.pk]),
            reverse("wagtailsnippets_network_person:history", args=[person.pk])]


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_contributors_and_editors_cannot_list_search_or_open_people(client, people, role):
    listed, hidden, area = people
    _log_in(client, role, area)
    for url in _person_admin_urls(hidden):
        response = client.get(url)
        # Wagtail sends an admin user away from a part they may not use (302 to the dashboard).
        assert response.status_code in (302, 403), url
        html = response.content.decode()
        assert HIDDEN_EMAIL not in html and "Optedout" not in html, url
    # Nor is "People" offered in the admin menu.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_network_person:list") not in dashboard


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_person_chooser_offers_only_listed_people_and_no_contact_details(client, people, role):
    listed, hidden, area = people
    _log_in(client, role, area)
    for url in (_chooser("choose"), _chooser("choose_results"),
                _chooser("choose_results") + "?q=Otto", _chooser("choose_results") + "?q=Lotte"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Otto Optedout" not in html, url
        assert HIDDEN_EMAIL not in html and LISTED_EMAIL not in html, url
    assert "Lotte Listed" in client.get(_chooser("choose_results") + "?q=Lotte").content.decode()
    # Asking for the opted-out person by id is a 404, like a person who does not exist.
    assert client.get(_chooser("chosen", hidden.pk)).status_code == 404
    assert client.get(_chooser("chosen", "not-a-number")).status_code == 404
    assert client.get(_chooser("chosen", 2**70)).status_code == 404
    chosen = client.get(_chooser("chosen", listed.pk))
    assert chosen.status_code == 200 and "Lotte Listed" in chosen.content.decode()
    assert LISTED_EMAIL not in chosen.content.decode()
    multiple = client.get(_chooser("chosen_multiple") + f"?id={hidden.pk}&id={listed.pk}&id=x")
    assert "Otto Optedout" not in multiple.content.decode()
    assert "Lotte Listed" in multiple.content.decode()


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_bulk_delete_confirmation_names_no_opted_out_person(client, people, role):
    listed, hidden, area = people
    _log_in(client, role, area)
    response = client.get(f"/admin/bulk/network/person/delete/?id={hidden.pk}&id=abc")
    assert response.status_code < 500
    assert "Otto Optedout" not in response.content.decode()
    assert Person.objects.filter(pk=hidden.pk).exists()


def test_organisers_list_search_and_choose_everyone(client, people):
    listed, hidden, area = people
    _log_in(client, "organiser", area)
    listing = client.get(reverse("wagtailsnippets_network_person:list"), {"q": HIDDEN_EMAIL})
    assert listing.status_code == 200
    assert "Otto Optedout" in listing.content.decode()
    assert client.get(reverse("wagtailsnippets_network_person:edit",
                              args=[hidden.pk])).status_code == 200
    results = client.get(_chooser("choose_results"), {"q": "Otto"}).content.decode()
    assert "Otto Optedout" in results
    assert client.get(_chooser("chosen", hidden.pk)).status_code == 200


def test_a_database_from_before_loses_the_people_admin_of_contributors_and_editors(site):
    """Earlier releases gave both groups "view person"; the permissions step takes it away."""
    from django.contrib.auth.models import Permission

    view_person = Permission.objects.get(content_type__app_label="network", codename="view_person")
    for name in (roles.CONTRIBUTORS, roles.EDITORS):
        Group.objects.get(name=name).permissions.add(view_person)
    apply_grants()
    for name in (roles.CONTRIBUTORS, roles.EDITORS):
        assert not Group.objects.get(name=name).permissions.filter(pk=view_person.pk).exists()
    assert Group.objects.get(name=ORGANISERS).permissions.filter(pk=view_person.pk).exists()
