"""The demo case studies in three languages (#15): six cases fully translated, the rest marked.

The translations are PO files in ``casestudies/demo_translations/<lang>/<slug>.po`` that the
demo loader imports with wagtail-localize (``network.demo_i18n``). A visitor reading a
translated case in Dutch or Danish must read it in that language from the title to the last key
figure; a case nobody translated shows its original text, marked with its language.
"""
import io
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Revision
from wagtail_localize.models import TranslationSource

from casestudies import demo_translations
from casestudies.demo_content import CASES
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from network.demo_i18n import untranslated_segments

PO_DIR = Path(demo_translations.__file__).parent / "demo_translations"
LIBRARY_SLUG = "case-studies"  # its PO files are the library index page's, not a case's
WRITTEN_IN = {case["slug"]: case.get("written_in", "en") for case in CASES}
TRANSLATED = demo_translations.TRANSLATED_CASES
FILES = [(slug, language) for slug, languages in TRANSLATED.items() for language in languages]
LANGUAGES = ("en", "nl", "da")


def po_file(slug, language):
    return polib.pofile(str(PO_DIR / language / f"{slug}.po"), wrapwidth=0)


def original(slug):
    """The case as its author wrote it: the page in the tree of its language."""
    return CaseStudyPage.objects.get(slug=slug, alias_of__isnull=True,
                                     locale__language_code=WRITTEN_IN[slug])


def translated_text(slug, language, context):
    return next(entry.msgstr for entry in po_file(slug, language) if entry.msgctxt == context)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- the PO files, as a translation agency delivered them ------------------------------------

def test_six_cases_of_varied_origin_are_translated_into_the_other_two_languages():
    assert len(TRANSLATED) >= 6
    assert set(TRANSLATED) <= set(WRITTEN_IN)
    for slug, languages in TRANSLATED.items():
        assert sorted(languages) == sorted(set(LANGUAGES) - {WRITTEN_IN[slug]}), slug
    # One written in Dutch and one in Danish among them, and several themes.
    assert {WRITTEN_IN[slug] for slug in TRANSLATED} == set(LANGUAGES)
    themes = {theme for case in CASES if case["slug"] in TRANSLATED for theme in case["themes"]}
    assert len(themes) >= 5
    # Every file on disk is one of these (or the library page's); nothing stray is loaded.
    on_disk = {(path.stem, path.parent.name) for path in PO_DIR.glob("*/*.po")}
    assert {(slug, language) for slug, language in on_disk if slug != LIBRARY_SLUG} == set(FILES)


@pytest.mark.parametrize(("slug", "language"), FILES)
def test_po_file_is_fully_translated(slug, language):
    po = po_file(slug, language)
    assert po.metadata["X-Page-Slug"] == slug
    assert po.metadata["X-Source-Language"] == WRITTEN_IN[slug]
    entries = [entry for entry in po if not entry.obsolete]
    assert entries
    assert [entry.msgid for entry in entries if not entry.msgstr] == []
    for entry in entries:
        if entry.msgctxt == "slug":
            # Old links and the unprefixed redirects rely on one slug in every language.
            assert entry.msgstr == entry.msgid
        # Inline markup and link placeholders survive translation exactly.
        assert sorted(re.findall(r"<[^>]+>", entry.msgstr)) == sorted(
            re.findall(r"<[^>]+>", entry.msgid)), entry.msgid
        # Sentences are translated, not copied (names of funders, numbers may stay).
        prose = entry.msgctxt in ("title", "summary") or entry.msgctxt.startswith("body.")
        if prose and len(entry.msgid) > 40:
            assert entry.msgstr != entry.msgid, entry.msgid


# --- the demo network ------------------------------------------------------------------------

@pytest.mark.parametrize(("slug", "language"), FILES)
def test_translated_case_is_a_published_translation_with_no_untranslated_segment(
        demo_network, slug, language):
    source_page = original(slug)
    page = source_page.get_translation(Locale.objects.get(language_code=language)).specific
    assert page.alias_of_id is None, "still an alias of the original"
    assert page.live and not page.has_unpublished_changes
    assert page.slug == slug
    assert page.title == translated_text(slug, language, "title")
    assert page.summary == translated_text(slug, language, "summary")
    source = TranslationSource.objects.get(object_id=source_page.translation_key,
                                           locale=source_page.locale)
    assert untranslated_segments(source, language) == []


@pytest.mark.parametrize(("slug", "language"), FILES)
def test_translated_case_reads_in_its_language(demo_network, client, slug, language):
    page = original(slug).get_translation(Locale.objects.get(language_code=language))
    soup = soup_of(client.get(page.url))
    article = soup.select_one("article.case")
    assert article.h1["lang"] == language
    assert soup.select(".notice--language") == []
    assert article.h1.get_text(strip=True) == translated_text(slug, language, "title")
    # The last things a translation tends to miss: steps and key figures.
    text = article.get_text(" ", strip=True)
    for entry in po_file(slug, language):
        if re.search(r"\.(steps\.\d+\.title|figures\.\d+\.label)$", entry.msgctxt or ""):
            assert entry.msgstr in text


def test_untranslated_cases_show_the_original_marked_with_its_language(demo_network, client):
    untranslated = set(WRITTEN_IN) - set(TRANSLATED)
    assert untranslated
    for slug in sorted(untranslated):
        written_in = WRITTEN_IN[slug]
        for language in set(LANGUAGES) - {written_in}:
            page = original(slug).get_translation(Locale.objects.get(language_code=language))
            assert page.alias_of_id is not None
            soup = soup_of(client.get(page.url))
            assert soup.select_one("article.case h1")["lang"] == written_in
            assert soup.select(".notice--language"), f"{page.url} does not say its language"


@pytest.mark.parametrize("language", LANGUAGES)
def test_library_lists_each_case_once_marked_where_not_in_the_reader_language(
        demo_network, client, language):
    library = CaseStudyIndexPage.objects.get(locale__language_code=language)
    cards = soup_of(client.get(library.url)).select("li.case-card")
    assert len(cards) == len(CASES)
    by_path = {page.url: page for page in CaseStudyPage.objects.live().filter(
        locale__language_code=language)}
    for card in cards:
        slug = by_path[card.h3.a["href"]].slug
        reads_in_language = WRITTEN_IN[slug] == language or language in TRANSLATED.get(slug, ())
        # A card without ``lang`` reads in the page's language; otherwise it names its own.
        assert card.get("lang", language) == (language if reads_in_language else WRITTEN_IN[slug])


def test_loading_the_translations_again_changes_nothing(demo_network):
    revisions = Revision.objects.count()
    output = io.StringIO()
    demo_translations.load(output)
    assert Revision.objects.count() == revisions
    assert "WARNING" not in output.getvalue()
    assert " 0 published" in output.getvalue()
