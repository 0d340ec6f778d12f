"""Case studies in three languages (#15): each language's library lists every case once, text
in another language is marked, related cases and feeds follow the visitor's language."""
import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from casestudies.models import CaseStudyPage, RelatedCaseStudy
from casestudies.templatetags import casestudy_tags
from network.translation import sync_page_to_all_locales

from .factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def libraries(library):
    """The library in each language's tree: the English one and its aliases."""
    found = {"en": library}
    for code in ("nl", "da"):
        found[code] = library.copy_for_translation(locale(code), copy_parents=True,
                                                   alias=True).specific
    return found


def publish_everywhere(page):
    """What publishing does once its transaction commits: an alias in every other tree."""
    sync_page_to_all_locales(page)
    return page


@pytest.fixture
def cases(libraries, themes):
    """An English, a Dutch and a Danish original about vacancy, each present in every tree."""
    made = {
        "en": CaseStudyPageFactory(parent=libraries["en"], title="Pop-up shops on the high street",
                                   slug="pop-up-shops", themes=[themes["vacancy"]],
                                   period_start=datetime.date(2023, 5, 1),
                                   period_end=datetime.date(2024, 10, 31)),
        "nl": CaseStudyPageFactory(parent=libraries["nl"], title="Leegstand te lijf in de Hoogstraat",
                                   slug="hoogstraat", themes=[themes["vacancy"]],
                                   summary="Eigenaren en gemeente vullen lege winkels samen."),
        "da": CaseStudyPageFactory(parent=libraries["da"], title="Tomme butikker i Køge",
                                   slug="koge-butikker", themes=[themes["vacancy"]],
                                   summary="Byen fylder tomme butikker med midlertidige lejere."),
    }
    for page in made.values():
        publish_everywhere(page)
    return made


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def cards(page_html):
    return re.findall(r'<li class="card case-card"( lang="[a-z]+")?>\s*'
                      r'(?:<div class="card__media">.*?</div>\s*)?'
                      r'<div class="card__body">\s*<h3 class="card__title"><a href="([^"]+)">([^<]+)</a>',
                      page_html, flags=re.S)


# --- the library in each language ---------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "nl", "da"])
def test_each_library_lists_every_case_once_in_its_own_tree(client, libraries, cases, code):
    found = cards(html(client.get(f"/{code}/case-studies/")))
    assert sorted(title for _lang, _url, title in found) == sorted(
        page.title for page in cases.values())
    # Every link stays in the visitor's language.
    assert all(url.startswith(f"/{code}/case-studies/") for _lang, url, _title in found)
    # Only the cards whose text is in another language carry a lang attribute.
    marked = {title: lang for lang, _url, title in found}
    for written_in, page in cases.items():
        expected = "" if written_in == code else f' lang="{written_in}"'
        assert marked[page.title] == expected


def test_facet_counts_count_each_case_once(client, libraries, cases):
    page = html(client.get("/nl/case-studies/"))
    assert re.search(r'<option value="vacancy">[^<]+ \(3\)</option>', page)
    assert "3 case studies" in html(client.get("/en/case-studies/"))


def test_a_card_in_another_language_names_it(client, libraries, cases):
    soup = BeautifulSoup(html(client.get("/en/case-studies/")), "html.parser")

    def card(title):
        return soup.find("a", string=title).find_parent("li", class_="case-card")

    dutch = card("Leegstand te lijf in de Hoogstraat")
    assert dutch.select_one(".badge.case-card__language").get_text(strip=True) == "in Dutch"
    # The interface's words on the card (areas, period, themes) are in the visitor's language.
    assert dutch.select_one(".card__meta")["lang"] == "en"
    assert dutch.select_one(".card__footer")["lang"] == "en"
    english = card("Pop-up shops on the high street").get_text()
    assert "in English" not in english and "in Dutch" not in english


def test_a_translation_replaces_the_original_in_its_language(client, libraries, cases):
    """Once someone translates the English case into Dutch, the Dutch library lists the
    translation (unmarked) instead of the English text."""
    alias = cases["en"].get_translation(locale("nl"))
    alias.delete()
    translated = cases["en"].copy_for_translation(locale("nl"))
    translated.title = "Pop-upwinkels in de hoofdstraat"
    translated.save_revision().publish()
    found = {title: lang for lang, _url, title in cards(html(client.get("/nl/case-studies/")))}
    assert "Pop-upwinkels in de hoofdstraat" in found and found["Pop-upwinkels in de hoofdstraat"] == ""
    assert "Pop-up shops on the high street" not in found
    assert len(found) == 3


def test_home_and_area_sections_follow_the_active_language(libraries, cases):
    area = cases["nl"].areas.first()
    with translation.override("da"):
        latest = cards(casestudy_tags.latest_case_studies({"request": None}, 10)["cards"])
        assert len(latest) == 3
        assert all(url.startswith("/da/") for _lang, url, _title in latest)  # the Danish tree's
        of_area = cards(casestudy_tags.area_case_studies({"request": None}, area)["cards"])
        assert [(url.split("/")[1], title) for _lang, url, title in of_area] == [
            ("da", cases["nl"].title)]


# --- one case study -------------------------------------------------------------------------------

def test_an_original_shows_no_language_note(client, libraries, cases):
    page = html(client.get("/nl/case-studies/hoogstraat/"))
    assert '<h1 id="case-title" lang="nl"' in page
    assert "notice--language" not in page
    assert '<meta property="og:locale" content="nl_NL">' in page


def test_an_untranslated_case_is_marked_with_its_language(client, libraries, cases):
    page = html(client.get("/en/case-studies/hoogstraat/"))
    assert '<h1 id="case-title" lang="nl"' in page
    assert "Only available in Dutch" in page
    assert '<meta property="og:locale" content="nl_NL">' in page
    facts = page.split('id="case-facts"')[1].split("</dl>")[0]
    assert "Written in</dt><dd>Dutch</dd>" in facts


def test_related_cases_link_to_the_visitors_language(client, libraries, cases):
    """An editor chose the Danish original as related to the English case; a Dutch reader of
    the English case gets the Dutch tree's version of it, not the Danish page."""
    english = cases["en"]
    english.related_links = [RelatedCaseStudy(related=cases["da"], sort_order=0)]
    english.save_revision().publish()  # the aliases follow their original on publish
    page = html(client.get("/nl/case-studies/pop-up-shops/"))
    related = page.split('id="case-related"')[1].split("</section>")[0]
    assert 'href="/nl/case-studies/koge-butikker/"' in related
    assert '<li class="card case-card" lang="da">' in related
    assert "/da/" not in related


def test_period_in_the_visitors_language(client, libraries, cases):
    assert "May 2023 – October 2024" in html(client.get("/en/case-studies/pop-up-shops/"))
    assert "mei 2023 – oktober 2024" in html(client.get("/nl/case-studies/pop-up-shops/"))
    assert "maj 2023 – oktober 2024" in html(client.get("/da/case-studies/pop-up-shops/"))


def test_key_figures_are_never_split(client, library):
    page = CaseStudyPageFactory(parent=library, body=[
        ("context", {"text": "<p>Why.</p>"}),
        ("result", {"text": "<p>What.</p>", "figures": [{"value": "+12 %", "label": "footfall"}]}),
    ])
    assert '<dd class="key-figure__value" lang="en">+12\u00a0%</dd>' in html(client.get(page.url))


# --- feeds ------------------------------------------------------------------------------------------

def feed(response):
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    return channel, {item.findtext("title"): item for item in channel.findall("item")}


def test_each_language_has_its_feed(client, libraries, cases):
    channel, items = feed(client.get("/nl/feeds/case-studies/"))
    assert channel.findtext("language") == "nl"
    assert set(items) == {page.title for page in cases.values()}
    assert all(item.findtext("link").startswith("http://testserver/nl/case-studies/")
               for item in items.values())
    # Items whose text is not Dutch say which language it is in.
    assert items[cases["en"].title].findtext(DC_LANGUAGE) == "en"
    assert items[cases["da"].title].findtext(DC_LANGUAGE) == "da"
    assert items[cases["nl"].title].find(DC_LANGUAGE) is None


def test_the_unprefixed_feed_is_the_english_one(client, libraries, cases):
    client.cookies["django_language"] = "nl"
    response = client.get("/feeds/case-studies/", HTTP_ACCEPT_LANGUAGE="da")
    channel, items = feed(response)
    assert channel.findtext("language") == "en"
    assert set(items) == {page.title for page in cases.values()}
    assert all(item.findtext("link").startswith("http://testserver/en/case-studies/")
               for item in items.values())
    assert items[cases["en"].title].find(DC_LANGUAGE) is None
    assert items[cases["nl"].title].findtext(DC_LANGUAGE) == "nl"
    # The same items as /en/feeds/…; only the feed's own address (atom:link) differs.
    _channel, english = feed(client.get("/en/feeds/case-studies/"))
    assert [ET.tostring(item) for item in items.values()] == [
        ET.tostring(item) for item in english.values()]


def test_a_feed_of_english_cases_only_is_plain_rss(client, library, make_case):
    make_case(title="Only English")
    body = client.get("/feeds/case-studies/").content.decode()
    assert "Only English" in body and "dc:" not in body and "purl.org" not in body


# --- queries ---------------------------------------------------------------------------------------

def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/nl/case-studies/", "/nl/case-studies/?theme=vacancy",
                                 "/en/", "/nl/feeds/case-studies/",
                                 "/nl/case-studies/pop-up-shops/"])
def test_queries_do_not_grow_with_untranslated_cases(client, libraries, cases, themes, url):
    """Cards of untranslated originals (aliases) cost no query each to mark."""
    few = _count(client, url)
    for n in range(4):
        publish_everywhere(CaseStudyPageFactory(parent=libraries["da"], title=f"Dansk sag {n}",
                                                themes=[themes["vacancy"]]))
    assert _count(client, url) == few


def test_a_translated_case_says_what_it_was_translated_from(client, libraries, cases):
    """wagtail-localize's Translate turns the Dutch tree's alias into a translation; the fact
    box then names both languages, and the marked-original notice is gone."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(cases["en"])
    Translation.objects.create(source=source, target_locale=locale("nl")).save_target(publish=True)
    page = html(client.get("/nl/case-studies/pop-up-shops/"))
    assert '<h1 id="case-title" lang="nl"' in page
    facts = page.split('id="case-facts"')[1].split("</dl>")[0]
    assert "Engels" in facts  # "English", named in Dutch
    assert "notice--language" not in page
    # The original itself is no translation.
    assert "translated from" not in html(client.get("/en/case-studies/pop-up-shops/"))


# --- writing in Dutch (the admin) -------------------------------------------------------------------

def test_a_contributor_writes_a_case_in_dutch_from_the_dashboard(client, libraries, contributor,
                                                               own_area):
    from wagtail.models import WorkflowState

    from .test_workflow import form_data

    client.force_login(contributor)
    dashboard = client.get("/admin/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" lang="(nl|da)">', dashboard))
    dutch_add = next(url for url, code in links.items() if code == "nl")
    assert f"/{libraries['nl'].pk}/" in dutch_add and f"area={own_area.pk}" in dutch_add
    assert client.get(dutch_add).status_code == 200

    data = form_data("Leegstand in de Hoogstraat", [own_area], [contributor.person],
                     **{"action-submit": "Submit for review"})
    response = client.post(dutch_add.split("?")[0], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CaseStudyPage.objects.get(slug="leegstand-in-de-hoogstraat")
    # The library it was added to is its language: the Dutch tree, reviewed like any other.
    assert case.locale.language_code == "nl" and case.alias_of_id is None
    assert case.get_parent().pk == libraries["nl"].pk
    assert WorkflowState.objects.filter(object_id=str(case.pk),
                                        status=WorkflowState.STATUS_IN_PROGRESS).exists()
