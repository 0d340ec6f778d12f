"""The site in three languages (#15, docs/languages.md): prefixed addresses, old links,
the language switcher, alternates, every page present in every language's tree."""
import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from network.models import StandardPage
from network.translation import sync_all_locale_trees, sync_page_to_all_locales

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    """An English About page, present in every language's tree (as aliases)."""
    page = StandardPage(title="About the network", slug="about", intro="Who we are.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    sync_all_locale_trees()
    return page


@pytest.fixture
def dutch_about(about):
    """The Dutch About page as a translation with a slug of its own ("over-ons")."""
    alias = about.get_translation(Locale.objects.get(language_code="nl"))
    alias.delete()
    dutch = about.copy_for_translation(Locale.objects.get(language_code="nl"))
    dutch.title, dutch.slug, dutch.intro = "Over het netwerk", "over-ons", "Wie we zijn."
    dutch.save_revision().publish()
    return dutch


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "nl", "da"])
def test_every_language_has_its_own_prefixed_home_page(client, about, language):
    html = html_of(client.get(f"/{language}/"))
    assert f'<html lang="{language}">' in html


@pytest.mark.parametrize("language", ["nl", "da"])
def test_the_interface_speaks_the_language_of_the_address(client, about, language):
    html = html_of(client.get(f"/{language}/about/"))
    for english in ("Skip to main content", "Member login"):
        assert english not in html, f"{english!r} is not translated into {language}"


@pytest.mark.parametrize("language", ["en", "nl", "da"])
def test_an_old_address_leads_to_the_visitors_language(client, about, language):
    response = client.get("/about/?ref=newsletter", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/about/?ref=newsletter"
    assert "Accept-Language" in response["Vary"]


def test_the_root_leads_to_the_home_page_in_the_visitors_language(client, about):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="da-DK,da;q=0.9,en;q=0.8")
    assert (response.status_code, response["Location"]) == (302, "/da/")


def test_an_old_address_finds_a_translation_with_a_slug_of_its_own(client, dutch_about):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Location"] == "/nl/over-ons/"
    assert "Over het netwerk" in html_of(client.get(response["Location"]))


def test_an_old_address_of_a_view_gets_the_prefix(client, site):
    response = client.get("/members/?country=DK", HTTP_ACCEPT_LANGUAGE="nl")
    assert (response.status_code, response["Location"]) == (302, "/nl/members/?country=DK")


def test_a_form_posted_to_an_old_address_is_posted_again(client, site):
    response = client.post("/account/login/", {"username": "x", "password": "y"})
    assert response.status_code == 307  # a 302 would turn the POST into a GET and lose the form
    assert response["Location"] == "/en/account/login/"


def test_an_unknown_old_address_is_a_404_at_once_not_a_redirect_to_one(client, site):
    response = client.get("/no-such-thing/", follow=True)
    assert response.status_code == 404
    assert response.redirect_chain == []


@pytest.mark.parametrize("path", ["/calendar/themes/%00.ics", "/feeds/case-studies/themes/%00/",
                                  "/en/registrations/..%2F..%2Fetc/", "/documents/0/x.pdf"])
def test_malformed_addresses_are_not_found_whatever_the_prefix(client, site, path):
    assert client.get(path).status_code == 404


def test_the_language_last_read_sticks_for_old_links(client, about):
    client.get("/da/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert client.cookies["django_language"].value == "da"
    assert client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/da/about/"


def test_the_switcher_names_each_language_in_itself_and_links_the_same_page(client, dutch_about):
    html = html_of(client.get("/en/about/"))
    switcher = html[html.index('class="language-switcher"'):]
    switcher = switcher[:switcher.index("</nav>")]
    assert 'href="/nl/over-ons/" hreflang="nl" lang="nl">Nederlands</a>' in switcher
    assert 'href="/da/about/" hreflang="da" lang="da">Dansk</a>' in switcher
    assert 'hreflang="en" lang="en" aria-current="true">English</a>' in switcher
    assert "<form" not in switcher and "<select" not in switcher  # works without JavaScript


def test_the_switcher_on_a_view_outside_the_page_tree_keeps_the_view(client, site):
    html = html_of(client.get("/nl/members/?country=NL"))
    assert 'href="/da/members/?country=NL"' in html
    assert 'href="/en/members/?country=NL"' in html


def test_alternates_name_only_versions_written_in_their_language(client, dutch_about):
    html = html_of(client.get("/nl/over-ons/"))
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
    assert '<link rel="alternate" hreflang="nl" href="http://testserver/nl/over-ons/">' in html
    assert 'hreflang="da" href="http://testserver/da/about/"' not in html  # an alias, English text


def test_an_untranslated_page_shows_its_original_marked_with_its_language(client, about):
    html = html_of(client.get("/da/about/"))
    assert '<html lang="da">' in html
    with translation.override("da"):
        note = translation.gettext("Only available in %(language)s") % {
            "language": translation.gettext("English")}
    assert f'<p class="notice notice--language" lang="da">{note}</p>' in html
    assert "Who we are." in html


def test_a_translated_page_has_no_language_note(client, dutch_about):
    assert "notice--language" not in html_of(client.get("/nl/over-ons/"))


def test_publishing_a_new_page_puts_it_in_every_language(home_page, django_capture_on_commit_callbacks):
    sync_all_locale_trees()
    page = StandardPage(title="Working groups", slug="working-groups")
    home_page.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    versions = Page.objects.filter(translation_key=page.translation_key)
    assert sorted(versions.values_list("locale__language_code", flat=True)) == ["da", "en", "nl"]
    assert all(v.alias_of_id == page.pk for v in versions if v.pk != page.pk)


def test_syncing_twice_makes_nothing_new(about):
    assert sync_page_to_all_locales(about) == []
    assert sync_all_locale_trees() == 0


def test_robots_txt_keeps_accounts_out_in_every_language(client):
    body = client.get("/robots.txt").content.decode()
    for path in ("/account/", "/en/account/", "/nl/account/", "/da/account/"):
        assert f"Disallow: {path}" in body


def test_the_sitemap_lists_each_language_once_with_its_alternates(client, dutch_about):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/nl/over-ons/</loc>" in xml
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert "http://testserver/da/about/" not in xml  # an alias: the English text again
    assert '<xhtml:link rel="alternate" hreflang="nl" href="http://testserver/nl/over-ons/"/>' in xml


def test_a_page_made_private_in_english_is_private_in_every_language(
        client, about, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([Group.objects.get(name="Organisers")])
    for language in ("en", "nl", "da"):
        response = client.get(f"/{language}/about/")
        assert response.status_code == 302 and "login" in response["Location"], language
    assert "Who we are." not in client.get("/nl/search/?q=who").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get("/da/about/").status_code == 200
