"""The demo network's translations, stored as PO files and loaded with wagtail-localize (#15).

Each translated demo page is one PO file per target language, as a translation agency would
deliver it: exported from wagtail-localize, filled in, and kept in the app that owns the page::

    <app>/demo_translations/<target language>/<page slug>.po

Two headers say which page the file translates: ``X-Source-Language`` (the locale of the
original, "en" for most pages, "nl"/"da" for a case study written in Dutch or Danish) and
``X-Page-Slug``. wagtail-localize's own ``X-WagtailLocalize-TranslationID`` header is left
out: it names a ``Translation`` row of one database, and wagtail-localize silently ignores a
file whose ID is not the translation it is imported into, which every fresh demo database is.

Writers of demo content create or refresh the files with ``manage.py demo_translation_po``
(``write_po_templates``); the demo loader imports them with ``load_po_directory``, which turns
the alias that ``network.translation`` put in each language's tree into a real translation
(wagtail-localize's ``create_or_update_translation``), so the admin shows it as translated, with
every segment, and "Sync translated pages" works on it as on any other translation.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

SOURCE_HEADER = "X-Source-Language"
SLUG_HEADER = "X-Page-Slug"
# Tied to one database's Translation row (see the module docstring): never stored.
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"
DIRECTORY_NAME = "demo_translations"


class DemoTranslationError(Exception):
    """A PO file that cannot be matched to exactly one demo page."""


# --------------------------------------------------------------------------------------------
# Finding pages and their wagtail-localize records
# --------------------------------------------------------------------------------------------

def source_page(slug, language):
    """The live original (not an alias, not a translation) with ``slug`` in ``language``'s tree.

    Raises ``DemoTranslationError`` when there is none or more than one.
    """
    candidates = list(Page.objects.live().filter(slug=slug, alias_of__isnull=True,
                                                 locale__language_code=language)[:2])
    if len(candidates) != 1:
        found = "no page" if not candidates else "more than one page"
        raise DemoTranslationError(f"{found} with the slug {slug!r} in the {language!r} tree")
    return candidates[0].specific


def guess_source_language(slug):
    """The language of the original page with ``slug``, for a PO file that does not exist yet.

    Among the live non-alias pages with that slug, the one that is the source of a
    wagtail-localize translation, else the only one, else the one in the default locale.
    """
    pages = list(Page.objects.live().filter(slug=slug, alias_of__isnull=True)
                 .select_related("locale"))
    if not pages:
        raise DemoTranslationError(f"no live page with the slug {slug!r}")
    sources = {(key, locale) for key, locale in TranslationSource.objects.filter(
        object_id__in=[page.translation_key for page in pages]).values_list("object_id", "locale_id")}
    originals = [page for page in pages if (page.translation_key, page.locale_id) in sources]
    if len(originals) == 1:
        return originals[0].locale.language_code
    if len(pages) == 1:
        return pages[0].locale.language_code
    return Locale.get_default().language_code


# --------------------------------------------------------------------------------------------
# Contexts that survive a fresh database
# --------------------------------------------------------------------------------------------
# wagtail-localize names a segment inside a StreamField by its block's random UUID
# ("agenda.6f1c…-….item"), which a freshly loaded demo database does not share. The files
# store the block's position in its stream instead ("agenda.0.item"); the loader translates
# positions back to the UUIDs of the page it imports into.

def _block_positions(instance):
    """``{block id: position in its stream or list}`` for every block in ``instance``'s
    StreamFields, nested blocks included."""
    from wagtail.blocks import StreamValue, StructValue
    from wagtail.blocks.list_block import ListValue
    from wagtail.fields import StreamField

    positions = {}

    def walk(value):
        if isinstance(value, StreamValue):
            for index, child in enumerate(value):
                if child.id:
                    positions[str(child.id)] = str(index)
                walk(child.value)
        elif isinstance(value, ListValue):
            for index, child in enumerate(value.bound_blocks):
                if getattr(child, "id", None):
                    positions[str(child.id)] = str(index)
                walk(child.value)
        elif isinstance(value, StructValue):
            for child in value.values():
                walk(child)

    for model_field in instance._meta.get_fields():
        if isinstance(model_field, StreamField):
            walk(getattr(instance, model_field.name))
    return positions


def portable_context(path, positions):
    """``path`` with each block id replaced by the block's position (see ``_block_positions``)."""
    return ".".join(positions.get(part, part) for part in (path or "").split("."))


def translation_source(page):
    """The page's ``TranslationSource`` (wagtail-localize's copy of its text), refreshed from
    the page only when its content changed (wagtail-localize compares the serialised
    content), so a re-run writes nothing."""
    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    return source


def _translation(source, language):
    locale = Locale.objects.get(language_code=language)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    return translation


def untranslated_segments(source, language):
    """The source texts of ``source``'s segments that have no translation into ``language``
    (in segment order): what a visitor would still read in the source language."""
    locale = Locale.objects.get(language_code=language)
    segments = (StringSegment.objects.filter(source=source).order_by("order")
                .select_related("string").annotate_translation(locale))
    return [segment.string.data for segment in segments if not segment.translation]


# --------------------------------------------------------------------------------------------
# Writing PO files (for writers of demo content)
# --------------------------------------------------------------------------------------------

def export_po(page, target_language):
    """wagtail-localize's PO file for translating ``page`` into ``target_language``, with the
    ``X-Source-Language`` and ``X-Page-Slug`` headers and without the database-bound
    translation ID. ``msgstr`` holds what is already translated in this database."""
    page = page.specific
    source = translation_source(page)
    po = _translation(source, target_language).export_po()
    positions = _block_positions(source.as_instance())
    for entry in po:
        entry.msgctxt = portable_context(entry.msgctxt, positions)
    po.metadata.pop(TRANSLATION_ID_HEADER, None)
    po.metadata.pop("POT-Creation-Date", None)
    po.metadata.update({
        "Language": target_language,
        SOURCE_HEADER: page.locale.language_code,
        SLUG_HEADER: page.slug,
    })
    return po


def translations_dir(app_label_or_dir):
    """The ``demo_translations`` directory of an app, given by its directory ("sessions/",
    "sessions/demo_translations") or its module name or label ("sessions", "casestudies")."""
    path = Path(app_label_or_dir)
    if not path.is_dir():
        # By module name first: our "sessions" app has the label "network_sessions", and
        # Django's own sessions app the label "sessions".
        configs = apps.get_app_configs()
        config = (next((c for c in configs if c.name == str(app_label_or_dir)), None)
                  or next((c for c in configs if c.label == str(app_label_or_dir)), None))
        if config is None:
            raise DemoTranslationError(f"{app_label_or_dir!r} is neither a directory nor an app")
        path = Path(config.path)
    return path if path.name == DIRECTORY_NAME else path / DIRECTORY_NAME


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def merge_po(fresh, existing):
    """``fresh`` (an export) with the translations of ``existing`` (the file as stored) put back:
    an entry keeps its stored ``msgstr`` where the same ``msgid`` and ``msgctxt`` are still in
    the page. Stored translations of texts the page no longer has (or does not have yet, such
    as a session's summary written after it took place) are kept as obsolete entries, as
    ``msgmerge`` does, so nobody's work is lost."""
    if existing is None:
        return fresh
    stored = {_key(entry): entry.msgstr for entry in existing if entry.msgstr}
    seen = set()
    for entry in fresh:
        key = _key(entry)
        seen.add(key)
        if stored.get(key):
            entry.msgstr = stored[key]
    for key, msgstr in stored.items():
        if key not in seen:
            fresh.append(polib.POEntry(msgctxt=key[0], msgid=key[1], msgstr=msgstr,
                                       obsolete=True))
    return fresh


def write_po_templates(app_label_or_dir, slugs, languages, stdout=None):
    """Create or refresh ``<dir>/<language>/<slug>.po`` for each page slug and target language,
    keeping every translation already in the files. Returns the paths written."""
    directory = translations_dir(app_label_or_dir)
    written = []
    for slug in slugs:
        for language in languages:
            path = directory / language / f"{slug}.po"
            existing = polib.pofile(str(path), wrapwidth=0) if path.exists() else None
            source_language = (existing.metadata.get(SOURCE_HEADER) if existing else None
                               ) or guess_source_language(slug)
            if source_language == language:
                continue
            po = merge_po(export_po(source_page(slug, source_language), language), existing)
            po.wrapwidth = 0
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            written.append(path)
            if stdout is not None:
                missing = sum(1 for entry in po if not entry.msgstr and not entry.obsolete)
                stdout.write(f"  {path}: {len(po)} entries, {missing} to translate\n")
    return written


# --------------------------------------------------------------------------------------------
# Loading PO files (the demo loader)
# --------------------------------------------------------------------------------------------

@dataclass
class LoadReport:
    """What ``load_po_directory`` did."""

    files: int = 0
    saved: int = 0
    unchanged: int = 0
    strings_imported: int = 0
    untranslated: dict = field(default_factory=dict)  # path -> [source texts]
    skipped: dict = field(default_factory=dict)  # path -> why (no such page)


def load_po_directory(directory, stdout=None):
    """Import every ``<directory>/<language>/<slug>.po`` and publish the translated pages.

    For each file: the original is the live non-alias page with the file's slug in its
    ``X-Source-Language`` tree; its ``TranslationSource`` is created or refreshed, the file's
    translations imported, and the page in the target language saved as a translation and
    published, which turns the alias the tree sync made there into a translated page.

    Idempotent: a page is saved (with a new revision) only when the translated content differs
    from what is published, so a second run writes no revision. Segments without a translation
    are reported as a warning (their source text would show through), and so are files whose
    page does not exist (they are skipped). Returns a ``LoadReport``.
    """
    directory = Path(directory)
    report = LoadReport()
    for path in sorted(directory.glob("*/*.po")):
        language = path.parent.name
        po = polib.pofile(str(path), wrapwidth=0)
        slug = po.metadata.get(SLUG_HEADER) or path.stem
        source_language = po.metadata.get(SOURCE_HEADER) or Locale.get_default().language_code
        try:
            page = source_page(slug, source_language)
        except DemoTranslationError as error:
            # The demo's content and its translations have drifted apart: say so, load the rest.
            report.skipped[str(path)] = str(error)
            continue
        with transaction.atomic():
            source = translation_source(page)
            translation = _translation(source, language)
            report.strings_imported += _import(translation, po)
            missing = untranslated_segments(source, language)
            if _save_needed(source, translation.target_locale):
                _save_and_publish(source, translation.target_locale)
                report.saved += 1
            else:
                report.unchanged += 1
        report.files += 1
        if missing:
            report.untranslated[str(path)] = missing
    if stdout is not None:
        stdout.write(f"  Translations from {_display(directory)}: {report.files} pages, "
                     f"{report.saved} published, {report.unchanged} up to date, "
                     f"{report.strings_imported} texts imported\n")
        for path, why in report.skipped.items():
            stdout.write(f"  WARNING: {_display(Path(path))} skipped: {why}\n")
        for path, missing in report.untranslated.items():
            stdout.write(f"  WARNING: {_display(Path(path))} leaves {len(missing)} segments "
                         "untranslated: " + "; ".join(repr(text[:60]) for text in missing) + "\n")
    return report


def _display(path):
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _import(translation, po):
    """Import the entries of ``po`` that the page has now; return how many strings changed.

    Entries of texts the page does not have (yet) are skipped without a warning: a session's
    file, for instance, carries the translation of the summary it gets once it has ended.
    """
    positions = _block_positions(translation.source.as_instance())
    # (context as stored in the files, source text) -> the context in this database
    current = {(portable_context(path, positions), text): path
               for path, text in StringSegment.objects.filter(source=translation.source)
               .values_list("context__path", "string__data")}
    wanted = polib.POFile(wrapwidth=0)
    for entry in po:
        path = current.get(((entry.msgctxt or ""), entry.msgid))
        if entry.msgstr and path is not None:
            wanted.append(polib.POEntry(msgctxt=path, msgid=entry.msgid, msgstr=entry.msgstr))
    before = _stored_strings(translation)
    translation.import_po(wanted, tool_name="demo_translations")
    return len(_stored_strings(translation).items() - before.items())


def _stored_strings(translation):
    return dict(((row[0], row[1]), row[2]) for row in StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale=translation.target_locale,
    ).values_list("translation_of_id", "context_id", "data"))


def _save_needed(source, locale):
    """Whether the page in ``locale`` differs from what the translation would make of it: it
    is missing, an alias, not live, has a draft, or its translated content differs."""
    try:
        target = source.get_translated_instance(locale)
    except Page.DoesNotExist:
        return True
    if target.alias_of_id or not target.live or target.has_unpublished_changes:
        return True
    wanted = source.get_ephemeral_translated_instance(locale, fallback=True)
    # wagtail-localize makes the slug unique among its siblings on save; compare the same.
    wanted.slug = find_available_slug(target.get_parent(), slugify(wanted.slug),
                                      ignore_page_id=target.pk)
    current = source.get_translated_instance(locale)
    return _content(wanted) != _content(current)


def _content(page):
    """The page's serialised content, for comparison. Child rows (a session's hosts) are
    compared without their primary keys and stream blocks without their ids: wagtail-localize
    rebuilds child rows and gives list items new ids on each ingest."""
    from wagtail.fields import StreamField

    page = page.specific
    data = json.loads(json.dumps(page.serializable_data(), default=str))
    for value in data.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    item.pop("pk", None)
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField) and isinstance(data.get(model_field.name), str):
            data[model_field.name] = _without_ids(json.loads(data[model_field.name] or "[]"))
    return data


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _save_and_publish(source, locale):
    """Save the translation (converting the alias) and publish its revision now.

    ``Translation.save_target(publish=True)`` publishes on commit; the demo loader and the
    tests run inside a transaction that may never commit (tests roll back), so the revision is
    published here, in the same transaction, instead.
    """
    page, _created = source.create_or_update_translation(
        locale, publish=False, fallback=True, copy_parent_pages=True)
    page.get_latest_revision().publish()
    return page


def load_app_translations(module_file, stdout=None):
    """``load_po_directory`` for the ``demo_translations`` directory next to an app's
    ``demo_translations.py`` (pass its ``__file__``)."""
    return load_po_directory(Path(module_file).parent / DIRECTORY_NAME, stdout)
