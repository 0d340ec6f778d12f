"""Contact details never leave through a public channel: pages, search, sitemap, feeds,
calendars and error pages, checked against the whole demo network.

Every test reads the one demo network the suite loads (the ``demo_network`` fixture).
"""
import pytest
from django.test import Client, override_settings
from wagtail.models import Page

from network.models import MemberArea, Person, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_network, site):
    people = list(Person.objects.all())
    secrets = set()
    for person in people:
        if person.email:
            secrets.add(person.email)
        if person.phone:
            secrets.update({person.phone, person.phone.replace(" ", "")})
    assert len(secrets) > 60  # the check below means something
    return {"people": people, "secrets": secrets}


MISSING = "/en/no-such-page/"


def public_urls():
    from sessions.models import SessionPage, SessionSeries

    urls = ["/en/", "/en/members/", "/en/members/?country=DK", "/en/search/?q=centre", "/sitemap.xml",
            "/feeds/case-studies/", "/calendar/sessions.ics", MISSING, "/robots.txt"]
    urls += [area.get_absolute_url() for area in MemberArea.objects.all()]
    urls += [f"/feeds/case-studies/themes/{t.slug}/" for t in Theme.objects.all()]
    urls += [f"/calendar/themes/{t.slug}.ics" for t in Theme.objects.all()]
    urls += [f"/calendar/series/{s.slug}.ics" for s in SessionSeries.objects.all()]
    events = SessionPage.objects.canonical().values_list("pk", flat=True)  # not translations
    urls += [f"/calendar/sessions/{pk}.ics" for pk in events]
    urls += [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls


def leaks(client, urls, secrets):
    found = []
    for url in urls:
        response = client.get(url, follow=True)
        # The one missing page is there to check the 404 page; every other address works.
        assert response.status_code == (404 if url == MISSING else 200), url
        body = response.content.decode()
        if url.startswith("/en/search/?q="):
            # The search page repeats what the visitor typed (form value, title): that is
            # their own input, not a leak. Every other address must still be absent.
            body = body.replace(url.removeprefix("/en/search/?q="), "")
        found += [(url, secret) for secret in secrets if secret in body]
    return found


def test_anonymous_visitors_never_see_contact_details_anywhere(demo):
    client = Client()
    urls = public_urls()
    # Searching for a person's name or email address finds no contact details either.
    urls += [f"/en/search/?q={p.name}" for p in demo["people"][:10]]
    urls += [f"/en/search/?q={p.email}" for p in demo["people"][:10]]
    assert len(urls) > 60
    assert leaks(client, urls, demo["secrets"]) == []
    # The people listing is not there for them at all.
    response = client.get("/en/members/people/")
    assert response.status_code == 302
    # Names are public on area pages (that is the directory), contact details are not.
    assert "Marloes de Wit" in client.get("/en/members/vlaardingen/").content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_shows_no_contact_details(demo, rf):
    from network.views import server_error

    body = server_error(rf.get("/en/members/vlaardingen/")).content.decode()
    assert not [s for s in demo["secrets"] if s in body]


def test_members_see_contact_details_in_the_directory_but_not_in_feeds(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="member"))
    listed = [p for p in demo["people"] if p.listed_in_directory]
    unlisted = [p for p in demo["people"] if not p.listed_in_directory]
    assert unlisted
    html = "".join(client.get(f"/en/members/people/?page={n}").content.decode() for n in (1, 2))
    assert all(p.email in html for p in listed)
    assert not any(p.email in html for p in unlisted)
    area_page = client.get("/en/members/vlaardingen/").content.decode()
    assert "marloes.dewit@binnenstad-vlaardingen.example" in area_page
    # Feeds and calendars are the same for everyone: no contact details, logged in or not.
    feeds = ["/feeds/case-studies/", "/calendar/sessions.ics", "/sitemap.xml"]
    assert leaks(client, feeds, demo["secrets"]) == []
