"""Site search finds public pages and never shows private or draft ones."""
import pytest
from wagtail.models import PageViewRestriction

from network.models import StandardPage

pytestmark = pytest.mark.django_db


def _add(home, title, slug, live=True):
    page = StandardPage(title=title, slug=slug, intro=f"{title} intro about leegstand")
    home.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


def test_search_finds_public_pages(client, home_page):
    _add(home_page, "Open findings", "open")
    html = client.get("/search/?q=leegstand").content.decode()
    assert "Open findings" in html


def test_search_hides_private_and_draft_pages(client, home_page):
    private = _add(home_page, "Private findings", "private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _add(home_page, "Draft findings", "draft", live=False)
    html = client.get("/search/?q=leegstand").content.decode()
    assert "Private findings" not in html
    assert "Draft findings" not in html


@pytest.mark.parametrize("query", ["", "q=", "q=%00", "q=" + "ø" * 3000, "q=a&page=zz", "q=a&page=0"])
def test_search_bad_input(client, site, query):
    assert client.get(f"/search/?{query}").status_code == 200


def test_sitemap_lists_public_pages_only(client, home_page):
    _add(home_page, "Open findings", "open")
    private = _add(home_page, "Private findings", "private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _add(home_page, "Draft findings", "draft", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/open/" in xml
    assert "/private/" not in xml
    assert "/draft/" not in xml


@pytest.mark.parametrize("query", ['"', '"leegstand', "(((", "a AND OR NOT", "*", "-"])
def test_search_syntax_characters_are_plain_text(client, home_page, query):
    _add(home_page, "Open findings", "open")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
