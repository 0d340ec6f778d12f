"""RSS feeds: valid XML, only live public case studies, per theme, no contact details."""
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, [(item.findtext("title"), item) for item in channel.findall("item")]


def test_feed_of_all_live_public_cases(client, library, make_case, themes):
    make_case(title="Published", themes=[themes["vacancy"]], summary="Shops for starters.")
    make_case(title="Draft", live=False)
    private = make_case(title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    channel, found = items(client.get("/feeds/case-studies/"))
    assert [title for title, _ in found] == ["Published"]
    item = found[0][1]
    assert item.findtext("link").startswith("http://testserver/en/case-studies/case-study-")
    assert item.findtext("description").startswith("Shops for starters.")
    assert [c.text for c in item.findall("category")] == ["Vacancy"]
    assert item.findtext("pubDate")
    assert channel.findtext("link").endswith("/en/case-studies/")


def test_feed_newest_first(client, library, make_case):
    make_case(title="Older")
    make_case(title="Newer")
    _, found = items(client.get("/feeds/case-studies/"))
    assert [title for title, _ in found] == ["Newer", "Older"]


def test_theme_feed_only_has_that_theme(client, library, make_case, themes):
    make_case(title="About vacancy", themes=[themes["vacancy"]])
    make_case(title="About mobility", themes=[themes["mobility"]])
    channel, found = items(client.get("/feeds/case-studies/themes/vacancy/"))
    assert [title for title, _ in found] == ["About vacancy"]
    assert "Vacancy" in channel.findtext("title")
    assert channel.findtext("link").endswith("/en/case-studies/?theme=vacancy")


@pytest.mark.parametrize("url", ["/feeds/case-studies/themes/nope/",
                                 "/feeds/case-studies/themes/%00/",
                                 "/feeds/case-studies/themes/" + "x" * 300 + "/"])
def test_unknown_theme_feed_is_404(client, library, url):
    assert client.get(url).status_code == 404


def test_feeds_never_carry_contact_details(client, library, make_case):
    person = PersonFactory(email="secret.person@centre.example", phone="+45 12 34 56 78")
    make_case(title="With a contact", contacts=[person])
    body = client.get("/feeds/case-studies/").content.decode()
    assert "With a contact" in body
    assert "secret.person" not in body and "12 34 56 78" not in body


def test_empty_feed_is_still_valid(client, library):
    channel, found = items(client.get("/feeds/case-studies/"))
    assert found == [] and channel.findtext("title")
