"""Site search in three languages (#15, docs/languages.md "Search"): the active language's tree,
hits marked with their text's language, themes found by their name in any language, and on
PostgreSQL each text stemmed in its own language."""
import datetime
import re

import pytest
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from network.models import StandardPage, Theme
from network.translation import sync_page_to_all_locales
from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

# Every test here searches what it made.
pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def vacancy(db):
    theme, _created = Theme.objects.get_or_create(slug="vacancy", defaults={"name": "Vacancy"})
    theme.name, theme.name_nl, theme.name_da = "Vacancy", "Leegstand", "Tomme butikker"
    theme.save()
    return theme


@pytest.fixture
def libraries(home_page, site):
    english = CaseStudyIndexPageFactory(parent=home_page)
    found = {"en": english}
    for code in ("nl", "da"):
        found[code] = english.copy_for_translation(locale(code), copy_parents=True,
                                                   alias=True).specific
    return found


def add_case(library, title, slug, themes=(), summary="A centre tried something new."):
    """A published case study in ``library`` with an alias in every other tree (what
    publishing does once its transaction commits)."""
    page = CaseStudyPageFactory(parent=library, title=title, slug=slug, themes=list(themes),
                                summary=summary, period_start=datetime.date(2023, 1, 1))
    sync_page_to_all_locales(page)
    return page


def hits(response):
    assert response.status_code == 200
    page = response.content.decode()
    titles = r'<h3 class="card__title"( lang="[a-z]+")?><a href="([^"]+)">([^<]+)</a></h3>'
    return re.findall(titles, page), page


def test_results_are_the_pages_of_the_active_language(client, libraries, vacancy):
    add_case(libraries["en"], "Pop-up shops against vacancy", "pop-up-shops", [vacancy])
    for code in ("en", "nl", "da"):
        found, _page = hits(client.get(f"/{code}/search/", {"q": "pop-up"}))
        # Once, in the visitor's tree (the page itself or its alias there).
        assert [(url, title) for _lang, url, title in found] == [
            (f"/{code}/case-studies/pop-up-shops/", "Pop-up shops against vacancy")]


def test_a_dutch_search_finds_vacancy_cases_in_any_language(client, libraries, vacancy):
    """"leegstand" is the Dutch name of the theme: it finds the English and Danish cases about
    vacancy too, each marked with the language it is written in."""
    add_case(libraries["en"], "Pop-up shops on the high street", "pop-up-shops", [vacancy])
    add_case(libraries["da"], "Midlertidige lejere i Køge", "koge-lejere", [vacancy])
    add_case(libraries["en"], "Cycle parking", "cycle-parking")
    found, page = hits(client.get("/nl/search/", {"q": "leegstand"}))
    assert {title: lang for lang, _url, title in found} == {
        "Pop-up shops on the high street": ' lang="en"',
        "Midlertidige lejere i Køge": ' lang="da"',
    }
    # Named beside the result's type, in the visitor's language.
    assert re.search(r'<span class="[^"]*search-results__language">[^<]*Engels[^<]*</span>', page)
    # The English search page finds them by the English name.
    found, _page = hits(client.get("/en/search/", {"q": "vacancy"}))
    assert {title for _lang, _url, title in found} == {"Pop-up shops on the high street",
                                                       "Midlertidige lejere i Køge"}


def test_marking_results_costs_no_query_per_result(client, libraries, vacancy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get("/en/search/", {"q": "leegstand"})  # what every page reads: once per change
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/search/", {"q": "leegstand"}).status_code == 200
        return len(ctx.captured_queries)

    add_case(libraries["nl"], "Leegstand 0", "leegstand-0", [vacancy])
    count()  # warm the caches (site root paths, content types)
    few = count()
    for n in range(1, 5):
        add_case(libraries["nl" if n % 2 else "da"], f"Leegstand {n}", f"leegstand-{n}", [vacancy])
    assert count() == few


def test_a_translated_page_is_found_in_its_translation(client, libraries, vacancy):
    original = add_case(libraries["en"], "Pop-up shops on the high street", "pop-up-shops",
                        [vacancy])
    original.get_translation(locale("nl")).delete()  # the alias makes way for a translation
    translated = original.copy_for_translation(locale("nl"))
    translated.title = "Pop-upwinkels in de hoofdstraat"
    translated.save_revision().publish()
    found, _page = hits(client.get("/nl/search/", {"q": "leegstand"}))
    assert found == [("", "/nl/case-studies/pop-up-shops/", "Pop-upwinkels in de hoofdstraat")]


def test_private_pages_of_other_trees_never_show(client, home_page, libraries):
    page = StandardPage(title="Openbare bevindingen", slug="open", intro="over leegstand")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    found, _page = hits(client.get("/en/search/", {"q": "leegstand"}))
    assert [title for _lang, _url, title in found] == ["Openbare bevindingen"]
    # Not yet in the Dutch tree (no alias made): not found there.
    found, _page = hits(client.get("/nl/search/", {"q": "leegstand"}))
    assert found == []


# --- PostgreSQL: each text stemmed in its own language ---------------------------------------------

def _standard(parent, title, slug, intro):
    page = StandardPage(title=title, slug=slug, intro=intro)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def homes(home_page, site):
    found = {"en": home_page}
    for code in ("nl", "da"):
        found[code] = home_page.copy_for_translation(locale(code), alias=True)
    return found


@pytest.mark.postgres
@pytest.mark.parametrize("query", ["winkels", "straten"])
def test_dutch_text_is_stemmed_in_dutch(client, homes, query):
    # English stemming would not find "straat" for "straten": only Dutch reduces both to "strat".
    _standard(homes["nl"], "Ondernemers in de binnenstad", "ondernemers",
              "Elke winkel in de straat telt mee.")
    found, _page = hits(client.get("/nl/search/", {"q": query}))
    assert [title for _lang, _url, title in found] == ["Ondernemers in de binnenstad"]


@pytest.mark.postgres
def test_danish_text_is_stemmed_in_danish(client, homes):
    _standard(homes["da"], "Handel i bymidten", "handel", "En butik på hjørnet.")
    found, _page = hits(client.get("/da/search/", {"q": "butikkerne"}))
    assert [title for _lang, _url, title in found] == ["Handel i bymidten"]


@pytest.mark.postgres
def test_english_text_is_stemmed_in_english(client, homes):
    _standard(homes["en"], "Shopping streets", "streets", "Every shop counts.")
    found, _page = hits(client.get("/en/search/", {"q": "shops"}))
    assert [title for _lang, _url, title in found] == ["Shopping streets"]


@pytest.mark.postgres
def test_pages_are_indexed_with_their_texts_configuration(homes):
    from wagtail.search.models import IndexEntry

    from network.search_backend import index_config

    dutch = _standard(homes["nl"], "Winkels", "winkels", "Lege winkels in de straat.")
    assert index_config(dutch) == "dutch"
    entry = IndexEntry.objects.get(object_id=str(dutch.pk))
    # Dutch stemming ("straat" → "strat"; "de" and "in" are Dutch stop words).
    assert "'strat'" in str(entry.body) and "'winkel'" in str(entry.body)
    assert "'straat'" not in str(entry.body)


@pytest.mark.postgres
def test_leegstand_from_dutch_search_finds_an_english_case(client, libraries, vacancy):
    add_case(libraries["en"], "Pop-up shops on the high street", "pop-up-shops", [vacancy],
             summary="Empty shops filled with starters.")
    found, _page = hits(client.get("/nl/search/", {"q": "leegstand"}))
    assert [(lang, title) for lang, _url, title in found] == [
        (' lang="en"', "Pop-up shops on the high street")]
    assert CaseStudyPage.objects.filter(locale=locale("nl")).count() == 1
