"""#16: what search engines are told to read and to skip (docs/seo.md): the sitemap lists every
public page with its last modification and its versions in the other languages, never a
members-only page or an intervision record; robots.txt names the sitemap and keeps crawlers out
of the admin, accounts, personal calendars and secret links."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from casestudies.models import CaseStudyPage
from intervisions.models import IntervisionRecord
from network.models import StandardPage
from network.sitemaps import last_modified
from network.translation import sync_all_locale_trees

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ("en", "nl", "da")


def sitemap(client):
    """{location: (lastmod, {hreflang: href})} of every <url> in the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = {}
    for url in ET.fromstring(response.content).findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        alternates = {link.get("hreflang"): link.get("href")
                      for link in url.findall("xhtml:link", NS)}
        entries[url.find("s:loc", NS).text] = (lastmod.text if lastmod is not None else None,
                                               alternates)
    return entries


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    return response.content.decode().splitlines()


def add_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug, intro=f"{title}.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- robots.txt --------------------------------------------------------------------------------

def test_robots_names_the_sitemap_by_its_absolute_address(client, site):
    assert "Sitemap: http://testserver/sitemap.xml" in robots(client)
    assert "Sitemap: https://testserver/sitemap.xml" in client.get(
        "/robots.txt", secure=True).content.decode().splitlines()


@pytest.mark.parametrize("path", [
    "/admin/", "/-/",
    *(f"{prefix}{path}" for prefix in ("", "/en", "/nl", "/da")
      for path in ("/account/", "/calendar/personal/", "/registrations/",
                   "/intervisions/records/", "/intervisions/actions/")),
])
def test_robots_keeps_crawlers_out_of_private_addresses(client, site, path):
    assert f"Disallow: {path}" in robots(client)


def test_robots_leaves_the_public_site_open(client, site):
    disallowed = [line.split(":", 1)[1].strip() for line in robots(client)
                  if line.startswith("Disallow:")]
    for public in ("/", "/en/", "/nl/case-studies/", "/da/sessions/", "/en/members/",
                   "/en/intervisions/summaries/", "/feeds/case-studies/", "/en/calendar/sessions.ics",
                   "/sitemap.xml"):
        assert not [path for path in disallowed if public.startswith(path)], public
    assert "Disallow: /" not in robots(client)


# --- the sitemap -------------------------------------------------------------------------------

def test_every_demo_address_has_a_last_modification_and_its_alternates(client, demo_network):
    entries = sitemap(client)
    assert len(entries) > 50
    for location, (lastmod, alternates) in entries.items():
        assert lastmod and datetime.date.fromisoformat(lastmod), location
        if alternates:
            # Each version lists every version, itself included, each listed in the sitemap.
            assert alternates[location.split("/")[3]] == location, location
            assert set(alternates) <= set(LANGUAGES), location
            for href in alternates.values():
                assert href in entries and entries[href][1] == alternates, (location, href)
    translated = [alternates for _lastmod, alternates in entries.values()
                  if set(alternates) == set(LANGUAGES)]
    assert translated, "the demo's translated pages list all three languages"


def test_every_language_has_its_pages_in_the_sitemap(client, demo_network):
    entries = sitemap(client)
    for language in LANGUAGES:
        assert f"http://testserver/{language}/" in entries
        assert any(location.startswith(f"http://testserver/{language}/case-studies/")
                   for location in entries)
        assert any(location.startswith(f"http://testserver/{language}/sessions/")
                   for location in entries)


def test_a_case_study_is_dated_by_when_its_facts_were_checked(client, demo_network):
    case = CaseStudyPage.objects.live().filter(locale__language_code="en").first()
    CaseStudyPage.objects.filter(pk=case.pk).update(last_updated=datetime.date(2026, 2, 3))
    lastmod, _alternates = sitemap(client)["http://testserver" + case.url]
    assert lastmod == "2026-02-03"


def test_no_intervision_record_registration_or_private_address_in_the_sitemap(
        client, demo_network):
    xml = client.get("/sitemap.xml").content.decode()
    for private in ("/intervisions/records/", "/intervisions/actions/", "/registrations/",
                    "/calendar/personal/", "/account/", "/admin/"):
        assert private not in xml
    records = IntervisionRecord.objects.all()
    assert records
    for record in records:
        assert record.case_question[:40] not in xml


def test_members_only_pages_and_everything_below_them_stay_out(client, home_page, site):
    shown = add_page(home_page, "Open findings", "open")
    members = add_page(home_page, "Members' findings", "members-findings")
    below = add_page(members, "A finding below", "below")
    group_only = add_page(home_page, "Organisers' notes", "organisers-notes")
    with_password = add_page(home_page, "Board papers", "board-papers")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    restriction = PageViewRestriction.objects.create(
        page=group_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Organisers")])
    PageViewRestriction.objects.create(page=with_password, password="secret-1",
                                       restriction_type=PageViewRestriction.PASSWORD)
    locations = sitemap(client)
    assert "http://testserver" + shown.url in locations
    for hidden in (members, below, group_only, with_password):
        assert not [location for location in locations if hidden.slug in location], hidden.slug


def test_a_page_without_a_date_of_its_own_is_dated_by_its_last_publication(home_page):
    page = add_page(home_page, "About", "about")
    page = Page.objects.get(pk=page.pk).specific
    assert last_modified(page) == page.last_published_at


def test_a_date_of_its_own_wins_and_is_compared_as_a_moment(home_page):
    page = add_page(home_page, "About", "about")
    page.last_updated = datetime.date(2026, 1, 2)  # what a case study has
    moment = last_modified(page)
    assert isinstance(moment, datetime.datetime) and moment.tzinfo is not None
    assert moment.date() == datetime.date(2026, 1, 2)


def test_pages_in_every_tree_are_listed_once_each_with_their_alternates(client, home_page, site):
    add_page(home_page, "Contact", "contact")
    sync_all_locale_trees()
    entries = sitemap(client)
    assert "http://testserver/en/contact/" in entries
    # The Dutch and Danish versions are aliases (the English text again): not listed.
    assert "http://testserver/nl/contact/" not in entries
    assert entries["http://testserver/en/contact/"][0]
