"""The demo network in three languages (#15): the home page, the standard pages, the index pages
and the featured sessions are real Dutch and Danish translations, loaded from PO files.

The PO files live in each app's ``demo_translations/<lang>/<slug>.po`` (``network.demo_i18n``);
the case studies' own files are tested in tests/casestudies/test_demo_languages.py.
"""
import datetime
import re
import shutil
from importlib import import_module
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, TranslationLog

from network.demo_i18n import (
    SLUG_HEADER,
    SOURCE_HEADER,
    TRANSLATION_ID_HEADER,
    load_po_directory,
    source_page,
    translation_source,
    untranslated_segments,
)
from network.translation import text_language
from sessions import demo_translations as session_translations
from sessions.models import SessionPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The pages this suite claims translated: every file of these apps, and the library's page.
OWN_FILES = sorted(
    [path for app in ("network", "sessions", "intervisions")
     for path in (ROOT / app / "demo_translations").glob("*/*.po")]
    + list((ROOT / "casestudies" / "demo_translations").glob("*/case-studies.po"))
)
ALL_FILES = sorted(ROOT.glob("*/demo_translations/*/*.po"))
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def po_of(path):
    return polib.pofile(str(path), wrapwidth=0)


def translated_page(path):
    """(source page, page in the file's language) for a demo PO file."""
    po = po_of(path)
    original = source_page(po.metadata[SLUG_HEADER], po.metadata[SOURCE_HEADER])
    locale = Locale.objects.get(language_code=path.parent.name)
    return original, original.get_translation(locale).specific


def msgstr(path, context):
    return next(entry.msgstr for entry in po_of(path) if entry.msgctxt == context)


def test_the_promised_pages_have_files_in_dutch_and_danish():
    slugs = {(path.parent.name, po_of(path).metadata[SLUG_HEADER]) for path in OWN_FILES}
    pages = ["home", "about", "intervision", "case-studies",
             *session_translations.TRANSLATED_PAGES]
    assert slugs == {(lang, slug) for lang in ("nl", "da") for slug in pages}


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_po_files_fit_any_database(path):
    """Files name stream blocks by position, not by a database's block ids, and carry no
    translation ID (wagtail-localize ignores a file whose ID is another database's)."""
    po = po_of(path)
    assert po.metadata.get(SLUG_HEADER) and po.metadata.get(SOURCE_HEADER) in ("en", "nl", "da")
    assert TRANSLATION_ID_HEADER not in po.metadata
    assert not [entry.msgctxt for entry in po if UUID.search(entry.msgctxt or "")]


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_own_po_files_are_complete(path):
    po = po_of(path)
    assert not [entry.msgid for entry in po if not entry.msgstr]
    # Placeholders (links, bold) survive translation, so the translated text keeps them.
    for entry in po:
        assert re.findall(r"<[^>]+>", entry.msgstr) == re.findall(r"<[^>]+>", entry.msgid)


def test_demo_pages_are_published_translations_with_nothing_left_in_english(demo_network):
    for path in OWN_FILES:
        language = path.parent.name
        original, page = translated_page(path)
        assert page.live and not page.alias_of_id, path
        assert text_language(page) == language, path
        assert page.title == msgstr(path, "title") != original.title, path
        assert untranslated_segments(translation_source(original), language) == [], path
        # Old links keep working: the slug is the source's (the home pages' are Wagtail's).
        if original.slug != "home":
            assert page.slug == original.slug


def test_loading_the_demo_warns_about_none_of_these_pages(demo_network):
    warnings = [line for line in demo_network.output.splitlines() if "WARNING" in line]
    assert not [line for line in warnings
                if any(str(path.relative_to(ROOT)) in line for path in OWN_FILES)]
    assert re.search(r"Translations from \S*network/demo_translations: 4 pages", demo_network.output)


@pytest.mark.parametrize("language", ["nl", "da"])
def test_visitors_read_the_demo_pages_in_their_language(demo_network, client, language):
    for path in OWN_FILES:
        if path.parent.name != language:
            continue
        _original, page = translated_page(path)
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert "notice--language" not in html, f"{page.url} says it is in another language"
        assert page.title in html


def test_the_dutch_home_page_speaks_dutch(demo_network, client):
    html = client.get("/nl/").content.decode()
    assert "Centrummanagers leren van elkaar" in html
    assert "Maandelijkse online thematische sessies" in html
    assert "What members do here" not in html
    html = client.get("/da/").content.decode()
    assert "Citychefer lærer af hinanden" in html


def test_the_featured_sessions_are_the_first_six_after_the_launch(demo_network):
    """The translated sessions are the six that open the programme from December 2026, when
    the demo starts: fixed by slug, so translations never depend on the day of loading."""
    launch = datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC)
    first_six = (SessionPage.objects.canonical().filter(starts_at__gte=launch)
                 .order_by("starts_at").values_list("slug", flat=True)[:6])
    assert list(first_six) == session_translations.FEATURED_SESSIONS


def test_translated_sessions_keep_the_facts_of_the_canonical_session(demo_network):
    for slug in session_translations.FEATURED_SESSIONS:
        canonical = SessionPage.objects.canonical().get(slug=slug)
        for language in ("nl", "da"):
            page = canonical.get_translation(Locale.objects.get(language_code=language))
            assert not page.alias_of_id
            assert (page.starts_at, page.status, page.capacity) == (
                canonical.starts_at, canonical.status, canonical.capacity)
            assert page.title != canonical.title


def test_featured_sessions_stay_translated_after_they_took_place(demo_network):
    """Once a session has ended, the demo adds its summary and notes: the files already
    translate them, so the page does not fall back to English."""
    from sessions.demo import load_sessions

    load_sessions(StringIO(), now=datetime.datetime(2028, 1, 1, tzinfo=datetime.UTC))
    session_translations.load(StringIO())
    for slug in session_translations.FEATURED_SESSIONS:
        canonical = SessionPage.objects.canonical().get(slug=slug)
        source = translation_source(canonical)
        for language in ("nl", "da"):
            assert untranslated_segments(source, language) == [], (slug, language)
    dutch = SessionPage.objects.get(slug="2026-12-vacancy", locale__language_code="nl")
    assert "Vragen om mee naar huis te nemen:" in dutch.summary
    assert dutch.materials[0].value["title"] == "Aantekeningen van de sessie"


def test_loading_the_translations_again_writes_nothing(demo_network):
    revisions, logs = Revision.objects.count(), TranslationLog.objects.count()
    for config in apps.get_app_configs():
        module = getattr(config, "demo_translations_module", None)
        if module:
            import_module(module).load(StringIO())
    assert (Revision.objects.count(), TranslationLog.objects.count()) == (revisions, logs)


def test_the_loader_warns_about_untranslated_segments(demo_network, tmp_path):
    directory = tmp_path / "demo_translations"
    (directory / "nl").mkdir(parents=True)
    po = po_of(ROOT / "network" / "demo_translations" / "nl" / "about.po")
    blanked = next(entry for entry in po if entry.msgctxt == "body.2")
    blanked.msgstr = ""
    po.save(str(directory / "nl" / "about.po"))
    # The translation already in the database would hide the gap: forget it first.
    StringTranslation.objects.filter(translation_of__data=blanked.msgid,
                                     locale__language_code="nl").delete()
    out = StringIO()
    report = load_po_directory(directory, out)
    assert "WARNING" in out.getvalue() and "The golden triangle" in out.getvalue()
    assert list(report.untranslated.values()) == [["The golden triangle"]]


def test_writing_po_files_keeps_the_translations_already_made(demo_network, tmp_path):
    directory = tmp_path / "demo_translations"
    shutil.copytree(ROOT / "network" / "demo_translations", directory)
    before = {(e.msgctxt, e.msgid): e.msgstr for e in po_of(directory / "nl" / "about.po")}
    call_command("demo_translation_po", str(directory), "about", "--lang", "nl",
                 stdout=StringIO())
    after = po_of(directory / "nl" / "about.po")
    assert {(e.msgctxt, e.msgid): e.msgstr for e in after} == before
    assert after.metadata[SOURCE_HEADER] == "en" and after.metadata[SLUG_HEADER] == "about"


def test_every_page_of_the_demo_exists_in_every_language(demo_network):
    """No visitor meets a missing page: each English page has a Dutch and a Danish version."""
    english = Page.objects.filter(locale__language_code="en", depth__gt=1).count()
    for language in ("nl", "da"):
        assert Page.objects.filter(locale__language_code=language).count() == english
