"""The interface speaks the visitor's language, entirely (#15, docs/languages.md).

Five kinds of check, from the cheapest to the one that looks at what a visitor gets:

1. **Source.** No template shows text outside ``{% translate %}``/``{% blocktranslate %}``
   (visible text, and the attributes a visitor reads or hears: ``aria-label``, ``title``,
   ``placeholder``, ``alt``, a button's ``value``); no Python module passes a literal to the
   places that reach a visitor or an editor (messages, form labels and help, validation errors,
   verbose names, choice labels) without gettext.
2. **Catalogues.** Every message in the Dutch and Danish catalogues is translated, not fuzzy,
   and keeps the message's placeholders (a dropped ``%(name)s`` loses a fact; an unknown one
   breaks the page).
3. **Dates.** Templates format dates with the named formats (``DATE_FORMAT`` …), never with a
   pattern that spells a month or a day the English way ("Mei 2023" in Dutch).
4. **Pages.** On the demo network, each kind of page in /nl/ and /da/ has ``<html lang>`` equal
   to its prefix, shows no English interface text outside an element marked with another
   language (nor its own interface text inside one), marks the content it shows in another
   language with that language, and writes no month with a capital ("Mei 2023").
5. **Formats.** Dates and amounts as each language writes them ("3. december 2026" in Danish,
   "€ 95.000" in Dutch).

Each check reports the file and line (or the page and the text) of every violation, so a
failure says what to fix.
"""
import ast
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_AP
from wagtail.models import Locale, Page

from network import translation

BASE_DIR = Path(settings.BASE_DIR)
PACKAGES = ["network", "sessions", "casestudies", "intervisions"]
TRANSLATED_LANGUAGES = ["nl", "da"]

# A Unicode letter (not a digit, not "_"): text with one is words, text without is punctuation,
# numbers and symbols ("·", "–", "→", "©"), which need no translation.
LETTER = re.compile(r"[^\W\d_]")


def relative(path):
    return str(Path(path).relative_to(BASE_DIR))


# =============================================================================================
# 1a. Templates
# =============================================================================================

def template_files():
    """Every template of the project: the TEMPLATES dirs and the project apps' own template
    folders (not the installed packages', which have their own translations)."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [BASE_DIR / package / "templates" for package in PACKAGES]
    files = set()
    for folder in folders:
        if folder.is_dir():
            files.update(p for p in folder.rglob("*") if p.suffix in {".html", ".txt"})
    return sorted(files)


# Texts with letters that need no translation, per template, each with the reason. Empty: the
# network's name, area names and language names come from variables, and separators ("·",
# "–", "×", "→") have no letters; add an entry only for a word every language writes alike.
TEMPLATE_TEXT_ALLOWED: dict[str, set[str]] = {}

# Attributes whose value a visitor reads (a tooltip, a placeholder) or hears (a screen reader
# reads aria-label and alt instead of, or with, the element's text).
VISIBLE_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description",
                      "aria-valuetext", "aria-roledescription"}
# Filters whose string argument ends up on the page instead of the value ({{ x|default:"None" }}).
LITERAL_FILTERS = re.compile(r"""\|\s*(?:default|default_if_none|yesno)\s*:\s*(["'])(.*?)\1""")
# A template variable that is only a string literal: {{ "Text" }}.
LITERAL_VARIABLE = re.compile(r"""^\s*(["'])(.*)\1\s*$""")
# In the text the HTML parser reads, each piece of template code becomes a space (keeping its
# line breaks, so that line numbers stay right), and \x01 n \x02 stands for the n-th string
# literal a variable would put on the page.
LITERAL_START, LITERAL_END = "\x01", "\x02"
LITERAL_MARKER = re.compile(f"{LITERAL_START}(\\d+){LITERAL_END}")

# Blocks whose text is no text on the page: translated as a whole, a comment, or a block the
# base template puts in an attribute ({% block body_class %}home{% endblock %}).
SKIPPED_BLOCKS = {"comment": "endcomment", "blocktranslate": "endblocktranslate",
                  "blocktrans": "endblocktrans", "block body_class": "endblock"}


def template_skeleton(source):
    """The template as the HTML parser should see it: its text, with each tag, variable and
    comment replaced by a space, the text inside ``{% blocktranslate %}`` and ``{% comment %}``
    gone the same way, and a variable that puts a string literal on the page replaced by a
    marker for that literal. A variable used as an element's name (``<{{ h }}>``) becomes a
    name, so that the element still parses as one.

    Returns ``(skeleton, literals)``.
    """
    pieces, literals, closing = [], [], None
    for token in Lexer(source).tokenize():
        contents = token.contents
        code = " " + "\n" * contents.count("\n")
        if closing is not None:
            # Inside a block whose text is translated (or hidden) as a whole.
            if token.token_type == TokenType.BLOCK and contents.split()[:1] == [closing]:
                closing = None
            pieces.append(code)
            continue
        if token.token_type == TokenType.TEXT:
            pieces.append(contents)
        elif token.token_type == TokenType.BLOCK:
            words = contents.split()
            closing = SKIPPED_BLOCKS.get(" ".join(words[:2])) or SKIPPED_BLOCKS.get(words[0])
            pieces.append(code)
        elif token.token_type == TokenType.VAR:
            if pieces and pieces[-1].endswith(("<", "</")):
                pieces.append("var")
                continue
            found = [match.group(2) for match in LITERAL_FILTERS.finditer(contents)]
            whole = LITERAL_VARIABLE.match(contents)
            if whole:
                found.append(whole.group(2))
            marker = ""
            for literal in found:
                if LETTER.search(literal):
                    literals.append(literal)
                    marker += f"{LITERAL_START}{len(literals) - 1}{LITERAL_END}"
            pieces.append(code + marker)
        else:  # a {# comment #}
            pieces.append(code)
    return "".join(pieces), literals


class VisibleTextParser(HTMLParser):
    """Collects ``(line, text)`` for the text and the visible attribute values of a skeleton."""

    def __init__(self, literals):
        super().__init__(convert_charrefs=True)
        self.literals = literals
        self.found = []
        self.hidden_depth = 0  # inside <script> or <style>

    def report(self, text):
        line = self.getpos()[0]
        for match in LITERAL_MARKER.finditer(text):
            self.found.append((line, self.literals[int(match.group(1))]))
        text = LITERAL_MARKER.sub(" ", text)
        if LETTER.search(text):
            self.found.append((line, " ".join(text.split())))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if value and (name in VISIBLE_ATTRIBUTES
                          or (name == "value" and tag == "input"
                              and attributes.get("type") in {"submit", "button", "reset"})
                          or (name == "content" and tag == "meta"
                              and attributes.get("name") == "description")):
                self.report(value)
        if tag in {"script", "style"}:
            self.hidden_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self.hidden_depth -= 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.report(data)


def untranslated_template_text(path):
    """``(line, text)`` for each piece of visible text in template ``path`` that no translation
    tag covers."""
    source = Path(path).read_text(encoding="utf-8")
    skeleton, literals = template_skeleton(source)
    if Path(path).suffix == ".txt":
        # A plain-text e-mail: all of it is read.
        found = []
        for number, line in enumerate(skeleton.split("\n"), start=1):
            text = LITERAL_MARKER.sub(lambda match: literals[int(match.group(1))], line)
            if LETTER.search(text):
                found.append((number, " ".join(text.split())))
        return found
    parser = VisibleTextParser(literals)
    parser.feed(skeleton)
    parser.close()
    return parser.found


@pytest.mark.parametrize("path", template_files(), ids=relative)
def test_template_shows_no_untranslated_text(path):
    allowed = TEMPLATE_TEXT_ALLOWED.get(relative(path), set())
    found = [f"{relative(path)}:{line}: {text!r}"
             for line, text in untranslated_template_text(path) if text not in allowed]
    assert not found, "Text outside {% translate %}/{% blocktranslate %}:\n" + "\n".join(found)


# =============================================================================================
# 1b. Python
# =============================================================================================

def python_modules():
    """The project's Python modules that build its interface: not migrations (frozen history),
    settings, nor the demo network's content, which is content, written in one language on
    purpose (a key figure "vacancy in the core", notes dated "14 May 2026"), and translated as
    pages are."""
    files = []
    for package in PACKAGES:
        files += [path for path in (BASE_DIR / package).rglob("*.py")
                  if not {"migrations", "settings"} & set(path.parts)
                  and not (path.stem == "demo" or path.stem.startswith("demo_")
                           or any(part.startswith("demo_") for part in path.parts))]
    return sorted(files)


GETTEXT_FUNCTIONS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
                     "pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop", "_lazy"}
# Keyword arguments whose value a visitor or an editor reads: form fields and model fields
# (label, help, errors), Wagtail panels and blocks (heading, label, help_text), menus.
TEXT_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label",
                 "heading", "error_messages", "label_suffix", "placeholder", "menu_label",
                 "page_title", "header_title", "description_text", "message"}
# Class attributes read the same way (class Meta: verbose_name = …; a Wagtail view's page_title).
TEXT_ATTRIBUTES = {"verbose_name", "verbose_name_plural", "page_title", "header_title",
                   "menu_label", "page_subtitle", "add_item_label", "help_text"}
# Widget attributes a visitor reads or hears ({"placeholder": "…"}).
TEXT_WIDGET_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}
# Dictionary keys whose value is shown ({"label": …} for a menu item).
TEXT_DICT_KEYS = {"label", "help_text", "heading", "verbose_name", "placeholder", "aria-label"}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}

# Python literals that need no translation, per module, each with the reason.
PYTHON_TEXT_ALLOWED = {
    # Currency choices: the ISO code and the symbol read the same in every language.
    "casestudies/models.py": {"EUR (€)", "DKK (kr.)"},
}
# Model fields whose first positional argument is the verbose name (not so for relations,
# whose first argument is the related model).
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey",
                   "ParentalManyToManyField"}

HTML_TAG = re.compile(r"<[^>]*>")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[\w.]*\}")


def words_in(text):
    """Whether ``text`` has words once its HTML tags and placeholders are taken out."""
    return bool(LETTER.search(PLACEHOLDER.sub("", HTML_TAG.sub("", text))))


def untranslated_literal(node):
    """The literal text ``node`` puts on a page without gettext, or None (translated, or not a
    literal: a name, an attribute, a call whose result we cannot know)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if words_in(node.value) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        return text if words_in(text) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return untranslated_literal(node.left)  # "…" % values: the values are not the text
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return untranslated_literal(node.left) or untranslated_literal(node.right)
    if isinstance(node, ast.IfExp):
        return untranslated_literal(node.body) or untranslated_literal(node.orelse)
    if isinstance(node, ast.Call):
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        if name in GETTEXT_FUNCTIONS:
            return None
        if name == "format" and isinstance(function, ast.Attribute):
            return untranslated_literal(function.value)
        if name in {"format_html", "mark_safe", "format_lazy"} and node.args:
            return untranslated_literal(node.args[0])
    if isinstance(node, ast.Dict):
        # error_messages={"required": "…"}
        for value in node.values:
            found = untranslated_literal(value)
            if found:
                return found
    return None


def is_choices_class(node):
    return any(getattr(base, "attr", getattr(base, "id", "")) in {"TextChoices", "IntegerChoices", "Choices"}
               for base in node.bases)


class UntranslatedPython(ast.NodeVisitor):
    """Collects ``(line, text)`` for literals that reach a visitor or an editor untranslated."""

    def __init__(self):
        self.found = []

    def check(self, node):
        text = untranslated_literal(node)
        if text:
            self.found.append((node.lineno, text))

    def visit_Call(self, node):
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
        owner = getattr(function, "value", None)
        if name in MESSAGE_LEVELS and getattr(owner, "id", None) == "messages" and len(node.args) >= 2:
            self.check(node.args[1])  # messages.success(request, "…")
        elif name == "add_message" and getattr(owner, "id", None) == "messages" and len(node.args) >= 3:
            self.check(node.args[2])
        elif name in {"ValidationError", "PermissionDenied"} and node.args:
            self.check(node.args[0])
        elif name == "add_error" and len(node.args) >= 2:
            self.check(node.args[1])  # form.add_error("field", "…")
        elif (name and name.endswith("Field") and name not in RELATION_FIELDS
              and getattr(owner, "id", None) == "models" and node.args):
            self.check(node.args[0])  # models.CharField("verbose name", …)
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                self.check(keyword.value)
            elif keyword.arg == "choices":
                self.check_choices(keyword.value)
            elif keyword.arg == "attrs" and isinstance(keyword.value, ast.Dict):
                self.check_widget_attributes(keyword.value)
        self.generic_visit(node)

    def check_choices(self, node):
        """``choices=[("value", "Label"), …]``: each label."""
        if isinstance(node, (ast.List, ast.Tuple)):
            for item in node.elts:
                if isinstance(item, (ast.List, ast.Tuple)) and len(item.elts) == 2:
                    if isinstance(item.elts[1], (ast.List, ast.Tuple)):
                        self.check_choices(item.elts[1])  # a group of choices
                    else:
                        self.check(item.elts[1])

    def check_widget_attributes(self, node):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in TEXT_WIDGET_ATTRIBUTES:
                self.check(value)

    def visit_Dict(self, node):
        """``{"label": "…"}``: menus and navigation built as dictionaries."""
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in TEXT_DICT_KEYS:
                self.check(value)
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        choices = is_choices_class(node)
        for statement in node.body:
            if not isinstance(statement, ast.Assign):
                continue
            names = {getattr(target, "id", None) for target in statement.targets}
            if names & TEXT_ATTRIBUTES:
                self.check(statement.value)
            elif choices and isinstance(statement.value, ast.Tuple) and len(statement.value.elts) >= 2:
                self.check(statement.value.elts[-1])  # VACANCY = "vacancy", "Vacancy"
        self.generic_visit(node)


def untranslated_python_text(path):
    """``(line, text)`` for each literal in module ``path`` that reaches a visitor or an editor
    without gettext."""
    visitor = UntranslatedPython()
    visitor.visit(ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path)))
    return visitor.found


@pytest.mark.parametrize("path", python_modules(), ids=relative)
def test_python_passes_no_untranslated_text_to_the_interface(path):
    allowed = PYTHON_TEXT_ALLOWED.get(relative(path), set())
    found = [f"{relative(path)}:{line}: {text!r}"
             for line, text in untranslated_python_text(path) if text not in allowed]
    assert not found, "Interface text without gettext:\n" + "\n".join(found)


# =============================================================================================
# 2. Catalogues
# =============================================================================================

# %(name)s, %s, %d … and {name}, {0}, {}: what Python fills in. "%%" is a literal percent sign.
CATALOGUE_PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]?\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}")


def placeholders(text):
    """The placeholders in ``text``, as a sorted list (a placeholder used twice counts twice)."""
    return sorted(CATALOGUE_PLACEHOLDER.findall(text.replace("%%", "")))


@cache
def catalogue(language):
    """The project's catalogue for ``language`` (locale/<language>/LC_MESSAGES/django.po)."""
    return polib.pofile(str(BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))


def catalogue_problems(language):
    """One line per message of the catalogue that a visitor would see in English or broken."""
    problems = []
    for entry in catalogue(language):
        if entry.obsolete or not entry.msgid:
            continue
        where = f"locale/{language}/LC_MESSAGES/django.po:{entry.linenum}: {entry.msgid[:70]!r}"
        if entry.fuzzy:
            problems.append(f"{where}: fuzzy (Django shows the English text)")
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            if not forms or not all(forms):
                problems.append(f"{where}: a plural form is not translated")
                continue
            wanted = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
            for index, form in enumerate(forms):
                found = placeholders(form)
                # The singular form may write the number out ("één", "ét") instead of %(counter)s.
                missing = wanted - set(found) if index else set()
                unknown = set(found) - wanted
                if missing or unknown:
                    problems.append(f"{where}: plural form {index} has placeholders {found}, "
                                    f"the message {sorted(wanted)}")
        elif not entry.msgstr:
            problems.append(f"{where}: not translated")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{where}: placeholders {placeholders(entry.msgstr)}, "
                            f"the message has {placeholders(entry.msgid)}")
    return problems


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_translates_every_message_with_its_placeholders(language):
    problems = catalogue_problems(language)
    assert not problems, (f"{len(problems)} messages are not fit to show in {language}:\n"
                          + "\n".join(problems))


# =============================================================================================
# 3. Dates
# =============================================================================================

# Format characters that write a month's name ("F" is "mei", but "M" is "Mei"), "a.m." or an
# English ordinal: a hand-written pattern with one of them also fixes the English order and
# punctuation ("3 mei", but Danish writes "3. maj"). Named formats (DATE_FORMAT …) follow each
# language's conventions. A weekday alone ("l") has no named format and reads right everywhere.
WORD_FORMAT_CHARACTERS = set("FMNbEaAPS")
DATE_FILTER = re.compile(r"""\|\s*(date|time)\s*:\s*(["'])(.*?)\2""")
NAMED_FORMAT = re.compile(r"^[A-Z_]+_FORMAT$")


def spelled_out_date_formats(path):
    """``(line, pattern)`` for each ``|date``/``|time`` pattern in template ``path`` that
    writes words with a hand-written pattern instead of a named format."""
    found = []
    source = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(source.split("\n"), start=1):
        for match in DATE_FILTER.finditer(line):
            pattern = match.group(3)
            unescaped = re.sub(r"\\.", "", pattern)
            if not NAMED_FORMAT.match(pattern) and WORD_FORMAT_CHARACTERS & set(unescaped):
                found.append((number, f"{match.group(1)}:{pattern!r}"))
    return found


def spelled_out_python_formats(path):
    """``(line, pattern)`` for each ``date_format``/``time_format``/``strftime`` call in module
    ``path`` with a hand-written pattern that writes words."""
    found = []
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", None))
        if name in {"date_format", "time_format"} and len(node.args) >= 2:
            pattern = node.args[1]
            if (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
                    and not NAMED_FORMAT.match(pattern.value)
                    and WORD_FORMAT_CHARACTERS & set(re.sub(r"\\.", "", pattern.value))):
                found.append((node.lineno, f"{name}({pattern.value!r})"))
        elif name == "strftime" and node.args:
            pattern = node.args[0]
            # %a %A %b %B %p: English names whatever the active language.
            if (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
                    and re.search(r"%[aAbBp]", pattern.value)):
                found.append((node.lineno, f"strftime({pattern.value!r})"))
    # f"{moment:%B}" writes English names too.
    source = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(source.split("\n"), start=1):
        if re.search(r"\{[^{}]*:[^{}]*%[aAbBp][^{}]*\}", line):
            found.append((number, "an f-string with %a/%A/%b/%B/%p"))
    return found


@pytest.mark.parametrize("path", template_files(), ids=relative)
def test_template_formats_dates_with_named_formats(path):
    found = [f"{relative(path)}:{line}: {pattern}" for line, pattern in spelled_out_date_formats(path)]
    assert not found, ("Dates written with a hand-written pattern (use DATE_FORMAT, "
                       "YEAR_MONTH_FORMAT, DATETIME_FORMAT …):\n" + "\n".join(found))


@pytest.mark.parametrize("path", python_modules(), ids=relative)
def test_python_formats_dates_with_named_formats(path):
    found = [f"{relative(path)}:{line}: {pattern}" for line, pattern in spelled_out_python_formats(path)]
    assert not found, ("Dates written with a hand-written pattern (use DATE_FORMAT, "
                       "YEAR_MONTH_FORMAT, DATETIME_FORMAT …):\n" + "\n".join(found))


# =============================================================================================
# 4. Pages, as a Dutch and a Danish visitor get them
# =============================================================================================

@cache
def english_messages(language):
    """``(whole, sentences, labels, patterns)``: the English messages that ``language`` shows
    differently, and so must never be seen on its pages. ``whole``: messages a text must not be;
    ``sentences``: those a text must not contain; ``labels``: those ending in ":" a text must not
    start with ("Themes: Vacancy"); ``patterns``: messages with placeholders, as regular
    expressions a text must not match. Messages the language writes the same ("Status") are left
    out; untranslated and fuzzy ones are in (the page shows them in English)."""
    whole, sentences, labels, patterns = set(), set(), set(), []
    for entry in catalogue(language):
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, "")),
                     (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for english, translated in pairs:
            english = " ".join(english.split())
            if not entry.fuzzy and english == " ".join(translated.split()):
                continue
            literal = PLACEHOLDER.sub(" ", HTML_TAG.sub(" ", english))
            if not LETTER.search(literal):
                continue
            if HTML_TAG.search(english):
                continue  # a message with markup never shows as one text
            if CATALOGUE_PLACEHOLDER.search(english):
                words = re.findall(r"[^\W\d_]+", literal)
                if len(words) < 2 and not any(len(word) >= 4 for word in words):
                    continue  # "%(taken)s of %(capacity)s" would match Dutch "ja of nee"
                parts = CATALOGUE_PLACEHOLDER.split(english)
                patterns.append((english, re.compile(".+?".join(re.escape(part) for part in parts))))
                continue
            whole.add(english)
            if english.endswith(":"):
                labels.add(english)
            if len(english.split()) >= 3 and english[-1] in ".!?":
                sentences.add(english)
    return whole, sentences, labels, patterns


@cache
def translated_messages(language):
    """The translations (without placeholders) ``language``'s catalogue gives, where they differ
    from the English: interface text in ``language``, which an element marked with another
    language must not contain."""
    found = set()
    for entry in catalogue(language):
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        pairs = ([(entry.msgid, entry.msgstr_plural.get(0, "")),
                  (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
                 if entry.msgid_plural else [(entry.msgid, entry.msgstr)])
        for english, translated in pairs:
            translated = " ".join(translated.split())
            if (translated and translated != " ".join(english.split()) and LETTER.search(translated)
                    and not CATALOGUE_PLACEHOLDER.search(translated) and not HTML_TAG.search(translated)):
                found.add(translated)
    return found


@cache
def capitalised_months(language):
    """A regular expression for a month's name or abbreviation in ``language`` written with a
    capital before a year ("Mei 2023", "Okt. 2024"): Dutch and Danish write months in lower case."""
    with django_translation.override(language):
        names = {str(name) for months in (MONTHS, MONTHS_3, MONTHS_AP) for name in months.values()}
    names = sorted({name.strip(".").capitalize() for name in names}, key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\b(?:{alternatives})\.? \d{{4}}\b")


def english_in(text, language):
    """The English message ``text`` is or contains, or None."""
    text = " ".join(text.split())
    if not LETTER.search(text):
        return None
    whole, sentences, labels, patterns = english_messages(language)
    if text in whole:
        return text
    for label in labels:
        if text.startswith(label):
            return label
    for sentence in sentences:
        if sentence in text:
            return sentence
    for english, pattern in patterns:
        # The message's own words must be a good part of the text: "%(counter)s area" is
        # "12 area", not any sentence that ends in "area".
        literal = len(CATALOGUE_PLACEHOLDER.sub("", english).replace(" ", ""))
        if pattern.fullmatch(text) and 3 * literal >= len(text.replace(" ", "")):
            return english
    return None


# Short words that only English prose is full of (none of them a common Dutch or Danish word):
# a text of a few lines with several of them, and fewer of the page language's own, is English.
ENGLISH_WORDS = {"the", "and", "with", "which", "that", "this", "from", "their", "were", "into",
                 "they", "are", "been", "would", "who", "what", "when", "where"}
OWN_WORDS = {"nl": {"de", "het", "een", "en", "van", "met", "voor", "die", "dat", "zijn", "niet", "ook"},
             "da": {"og", "det", "en", "et", "med", "til", "som", "af", "har", "på", "den", "ikke", "også"}}


def reads_as_english(text, language):
    """Whether ``text`` (a sentence or more) is English prose rather than ``language``'s."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return False
    english = sum(word in ENGLISH_WORDS for word in words)
    own = sum(word in OWN_WORDS[language] for word in words)
    return english >= 3 and english > own


def element_language(element):
    """The language an element is marked with: its own ``lang`` or its nearest ancestor's
    ("" for a language marked unknown, None where nothing is marked)."""
    for node in [element, *element.parents]:
        if getattr(node, "attrs", None) and "lang" in node.attrs:
            # lang="" says the language is unknown (a member's text in an unrecorded language).
            return node.attrs["lang"].split("-")[0].lower()
    return None


def visible_texts(soup):
    """``(element, text)`` for every text a visitor reads or hears: text nodes (not scripts,
    styles or comments) and the visible attributes."""
    for string in soup.find_all(string=True):
        if type(string) is not NavigableString or string.parent.name in {"script", "style", "template"}:
            continue
        if string.strip():
            yield string.parent, str(string)
    for element in soup.find_all(True):
        for name in VISIBLE_ATTRIBUTES:
            if element.get(name):
                yield element, element[name]
        if (element.name == "input" and element.get("type") in {"submit", "button", "reset"}
                and element.get("value")):
            yield element, element["value"]


def language_problems(html, language, page=None, pages_by_path=None):
    """What is wrong with the language of one page: ``<html lang>``, English interface text,
    content in another language without its ``lang``.

    ``page`` is the Wagtail page shown (if any): its title (the page's ``<h1>``) must be marked
    with its text's language. ``pages_by_path`` maps the paths of the pages of this language's
    tree to the pages: a link in the main content that shows a page's title must be marked with
    that page's text language (a listing of Dutch pages with one English original).
    """
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    html_lang = soup.html.get("lang") if soup.html else None
    if html_lang != language:
        problems.append(f'<html lang="{html_lang}"> on a page in /{language}/')
    # English is the language of the messages themselves: no catalogue to check its text with.
    translated = language != settings.LANGUAGE_CODE
    for element, text in visible_texts(soup) if translated else ():
        marked = element_language(element)
        if marked not in {language, None}:
            # Marked as another language on purpose (an original's text, the switcher): but
            # the interface around it speaks the visitor's language, and must say so.
            shown = " ".join(text.split())
            if shown in translated_messages(language):
                problems.append(f"interface text {shown!r} in <{element.name}> is in {language!r}, "
                                f"marked as {marked!r}")
            continue
        shown = " ".join(text.split())
        english = english_in(shown, language)
        if english:
            problems.append(f"English interface text {english!r} in <{element.name}>: {shown[:100]!r}")
        elif reads_as_english(shown, language):
            problems.append(f'English text not marked lang="en" in <{element.name}>: {shown[:100]!r}')
        for match in capitalised_months(language).finditer(shown):
            problems.append(f"a month with a capital in {match.group(0)!r} (<{element.name}>)")
    if page is not None:
        text_language = translation.text_language(page)
        heading = soup.find("h1")
        if heading is None:
            problems.append("no <h1>")
        elif element_language(heading) != text_language:
            problems.append(f"the <h1> {heading.get_text(' ', strip=True)[:60]!r} shows text in "
                            f"{text_language!r}, marked as {element_language(heading)!r}")
        if text_language != language and not soup.select(".notice--language"):
            problems.append(f"text in {text_language!r} without the note that it is only available so")
    main = soup.find("main") or soup
    for link in main.find_all("a", href=True):
        target = (pages_by_path or {}).get(urlsplit(link["href"]).path)
        if target is None or link.get_text(" ", strip=True) != " ".join(target.title.split()):
            continue
        text_language = translation.text_language(target)
        if element_language(link) != text_language:
            problems.append(f"the link to {link['href']} shows its title {target.title[:60]!r} in "
                            f"{text_language!r}, marked as {element_language(link)!r}")
    return problems


def live_pages(language, model=Page):
    """The live pages of ``language``'s tree (of type ``model``), specific, in tree order."""
    locale = Locale.objects.get(language_code=language)
    return model.objects.live().public().filter(locale=locale).specific().order_by("path")


def pick(pages, translated):
    """The first page of ``pages`` whose text is in its tree's language (``translated``), or
    the first whose text is another language's (an alias of an original)."""
    for page in pages:
        if (translation.text_language(page) == page.locale.language_code) == translated:
            return page
    return None


def page_address(kind, language):
    """``(path, page)`` of one page of ``kind`` in ``language`` on the demo network; ``page``
    is None for views outside the page tree."""
    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from network.models import HomePage, MemberArea, StandardPage
    from sessions.models import SessionIndexPage, SessionPage

    with django_translation.override(language):
        if kind in {"members", "login", "search", "area", "not-found"} or kind.startswith("intervision"):
            if kind == "intervision-lessons":
                return reverse("intervisions:summaries"), None
            if kind == "intervision-records":
                return reverse("intervisions:records"), None
            if kind == "intervision-record":
                from intervisions.models import IntervisionRecord

                record = IntervisionRecord.objects.order_by("-date", "pk").first()
                assert record is not None, "the demo network has no intervision record"
                return reverse("intervisions:record", args=[record.pk]), None
            if kind == "intervision-actions":
                return reverse("intervisions:actions"), None
            if kind == "members":
                return reverse("area_index"), None
            if kind == "login":
                return reverse("account_login"), None
            if kind == "search":
                return f"{reverse('search')}?q={SEARCH_TERMS[language]}", None
            if kind == "area":
                return reverse("area_detail", args=[MemberArea.objects.order_by("slug").first().slug]), None
            return f"/{language}/no-page-has-this-address/", None
        models = {"home": HomePage, "about": StandardPage, "library": CaseStudyIndexPage,
                  "case-study": CaseStudyPage, "case-study-original": CaseStudyPage,
                  "sessions": SessionIndexPage, "session": SessionPage,
                  "session-original": SessionPage}
        pages = live_pages(language, models[kind])
        if kind in {"case-study", "session"}:
            page = pick(pages, translated=True)
        elif kind.endswith("-original"):
            page = pick(pages, translated=False)
        else:
            page = pages.first()
        if page is None and language == settings.LANGUAGE_CODE and kind.endswith("-original"):
            pytest.skip(f"every {kind} page of the English tree is written or translated in English")
        assert page is not None, f"the demo network has no {kind} page in {language}"
        return page.url, page


def intervision_organiser():
    """A member who may read every intervision record (and has no access to the admin)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from intervisions.permissions import CHANGE_PERMISSION

    user = get_user_model().objects.create_user("language-check", "language-check@example.org")
    app_label, codename = CHANGE_PERMISSION.split(".")
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


# A word that finds case studies in every language (docs/languages.md, "Search").
SEARCH_TERMS = {"en": "vacancy", "nl": "leegstand", "da": "tomme"}
PAGE_KINDS = ["home", "about", "library", "case-study", "case-study-original", "sessions",
              "session", "session-original", "members", "area", "search", "login", "not-found",
              "intervision-lessons", "intervision-records", "intervision-record", "intervision-actions"]
# Pages for members only, seen by an intervision organiser (who may read every record; not an
# admin user, whose page would carry Wagtail's user bar).
ORGANISER_PAGES = {"intervision-records", "intervision-record", "intervision-actions"}


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", ["en", *TRANSLATED_LANGUAGES])
def test_page_speaks_the_visitors_language_and_marks_other_languages(demo_network, client, language, kind):
    path, page = page_address(kind, language)
    assert path.startswith(f"/{language}/"), path
    if kind in ORGANISER_PAGES:
        client.force_login(intervision_organiser())
    response = client.get(path)
    assert response.status_code == (404 if kind == "not-found" else 200), path
    pages_by_path = {urlsplit(p.url).path: p for p in live_pages(language)}
    problems = language_problems(response.content.decode(), language, page, pages_by_path)
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_error_pages_without_the_site_layout_speak_the_visitors_language():
    """The 500 and 503 pages are rendered without base.html (nothing there may need the
    database): they set their own ``lang``, from the active language."""
    from django.template import loader

    for language in TRANSLATED_LANGUAGES:
        with django_translation.override(language):
            for name in ("500.html", "503.html"):
                html = loader.get_template(name).render({})
                problems = language_problems(html, language)
                assert not problems, f"{name} in {language}:\n" + "\n".join(problems)


# =============================================================================================
# 5. Formats: what a date, a month and an amount look like in each language
# =============================================================================================

@pytest.mark.parametrize(("language", "day", "month", "moment"), [
    ("en", "3 December 2026", "May 2023", "3 December 2026, 14:30"),
    ("nl", "3 december 2026", "mei 2023", "3 december 2026 14:30"),
    ("da", "3. december 2026", "maj 2023", "3. december 2026 14:30"),
])
def test_named_formats_write_dates_as_each_language_does(language, day, month, moment):
    """Dutch and Danish months in lower case, Danish "3." with its dot; English as this network
    has always written it (network/formats), not Django's American "Dec. 3, 2026"."""
    from datetime import date, datetime

    from django.template import Context, Template

    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ month|date:"YEAR_MONTH_FORMAT" }}|'
                        '{{ moment|date:"DATETIME_FORMAT" }}')
    with django_translation.override(language):
        shown = template.render(Context({"day": date(2026, 12, 3), "month": date(2023, 5, 1),
                                         "moment": datetime(2026, 12, 3, 14, 30)}))
    assert shown.split("|") == [day, month, moment]


@pytest.mark.parametrize(("language", "currency", "shown"), [
    ("nl", "EUR", "€ 95.000"),
    ("da", "EUR", "95.000 €"),
    ("nl", "DKK", "95.000 kr."),
    ("da", "DKK", "95.000 kr."),
])
def test_amounts_follow_each_languages_conventions(db, language, currency, shown):
    """A case study's budget: Dutch groups thousands with a dot and puts the euro sign first;
    Danish puts the currency after the amount, euro or kroner."""
    from casestudies.models import CaseStudyPage

    case = CaseStudyPage(title="Budget", budget_amount=95000, budget_currency=currency)
    with django_translation.override(language):
        assert case.budget_display == shown


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_form_errors_speak_the_visitors_language(demo_network, client, language):
    """What a visitor reads after a mistake: a login with a wrong password, and a password
    reset asked for without an address."""
    with django_translation.override(language):
        login, reset = reverse("account_login"), reverse("password_reset")
    for path, data in [(login, {"username": "nobody@example.org", "password": "wrong"}), (reset, {})]:
        response = client.post(path, data)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "form-errors" in html or "field__error" in html, f"{path} shows no error"
        problems = language_problems(html, language)
        assert not problems, f"{path} after a mistake:\n" + "\n".join(problems)
