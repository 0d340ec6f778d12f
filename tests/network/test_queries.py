"""The directory's query count does not grow with the number of areas or people."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberAreaFactory, OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def populate(n, themes):
    for i in range(n):
        area = MemberAreaFactory(name=f"Area {i:03d}", slug=f"area-{i:03d}",
                                 region=f"Region {i % 4}")
        org = OrganisationFactory(area=area)
        PersonFactory(name=f"Person {i:03d}", areas=[area], expertise=themes, organisation=org)


def count(client, url):
    client.get(url)  # what every page reads is read once after each change (network/memo.py)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


AREA_INDEX_URLS = ["/en/members/", "/en/members/?theme=vacancy&sort=newest", "/en/members/?letter=A",
                   "/en/members/?region=Region+1"]
PEOPLE_URLS = ["/en/members/people/", "/en/members/people/?country=NL&theme=vacancy",
               "/en/members/people/?q=Person"]


def test_area_index_queries_do_not_grow(client, site):
    """Plain, filtered, by letter and by region: as many queries with 50 areas as with 5."""
    themes = [ThemeFactory(slug="vacancy"), ThemeFactory()]
    populate(5, themes)
    small = {url: count(client, url) for url in AREA_INDEX_URLS}
    populate_more = [MemberAreaFactory(name=f"More {i}", slug=f"more-{i}") for i in range(45)]
    for area in populate_more:
        PersonFactory(areas=[area], expertise=themes)
    assert {url: count(client, url) for url in AREA_INDEX_URLS} == small


def test_people_listing_queries_do_not_grow(member_client, site):
    """Plain, filtered and searched: as many queries with 50 people as with 5."""
    themes = [ThemeFactory(slug="vacancy"), ThemeFactory()]
    populate(5, themes)
    small = {url: count(member_client, url) for url in PEOPLE_URLS}
    for i in range(5, 50):
        area = MemberAreaFactory(name=f"Area {i:03d}", slug=f"area-{i:03d}")
        PersonFactory(name=f"Person {i:03d}", areas=[area], expertise=themes,
                      organisation=OrganisationFactory(area=area))
    assert {url: count(member_client, url) for url in PEOPLE_URLS} == small


def test_area_page_queries_do_not_grow_with_people(member_client, site):
    themes = [ThemeFactory(slug="vacancy"), ThemeFactory()]
    area = MemberAreaFactory(slug="big")
    PersonFactory(areas=[area], expertise=themes)
    small = count(member_client, "/en/members/big/")
    for _ in range(20):
        PersonFactory(areas=[area], expertise=themes, organisation=OrganisationFactory(area=area))
    assert count(member_client, "/en/members/big/") == small
