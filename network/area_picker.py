"""Choosing one member area: a select while the directory is short, a text field with
suggestions once it is long (#17, docs/directory.md).

A network the size of #17's has some two thousand member areas. As a select that is a list
nobody can scroll through, 80–120 KB of every page that offers it (the library's filter, the
sign-up form, the people filter) and, rendered by Django's select widget, 200 ms of a worker.
Above ``settings.AREA_SELECT_LIMIT`` areas the same field is a text field:

- the visitor types a name; with JavaScript (static/js/area-picker.js) the browser's own list
  of suggestions (a ``<datalist>``) fills from ``/<language>/members/areas.json?q=…`` as they
  type, so the page carries none of the names;
- without JavaScript, a name typed in full is found just the same (any case, in the visitor's
  language or in English, or the area's slug), and a name that is not found is answered with
  the nearest ones;
- where two areas share a name, each is offered and found as "name (country)".

The areas are read once per language and kept until the areas are written
(``network.memo.remember_tables``): the select's options, the suggestions and the lookup all
come from that one list, so none of them costs a query.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import memo
from .localized import localized_field_names
from .models import Country, MemberArea
from .translation import active_language

#: How many suggestions one answer holds: what a list under a text field shows at once.
SUGGESTIONS = 10
#: Longer text is not a name of anything: it is cut before it is searched for.
MAX_TEXT_LENGTH = 120
#: The text field's help text, under its label.
TEXT_FIELD_HELP = _("Type part of the name, then choose it from the suggestions.")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class AreaEntry:
    """One area in the directory as the picker offers it, in the active language."""

    pk: int
    slug: str
    name: str  # the area's name
    country: str  # its country's name
    text: str  # what the text field shows and finds: the name, or "name (country)" if shared
    folded: str  # ``text`` case-folded, for matching


@dataclass(frozen=True, slots=True)
class AreaDirectory:
    entries: tuple  # AreaEntry, by the text shown
    by_text: dict  # case-folded text, name, English name or slug → AreaEntry (unambiguous only)
    by_pk: dict  # str(pk) → AreaEntry


def _fold(text):
    # Case and accents aside ("abenra" finds "Åbenrå"), as the tag filter does in the browser.
    text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return " ".join(_CONTROL.sub(" ", text).casefold().split())


def directory():
    """The areas in the directory, by name in the active language, with their lookup: kept
    until an area is written."""

    def load():
        rows = list(MemberArea.objects.in_directory().order_by()
                    .values("pk", "slug", "country", *localized_field_names("name")))
        language = active_language()
        names = [(row.get(f"name_{language}") or "").strip() or row["name"] for row in rows]
        shared = {folded for folded, n in Counter(map(_fold, names)).items() if n > 1}
        entries, by_text, ambiguous = [], {}, set()
        for row, name in zip(rows, names, strict=True):
            country = str(Country(row["country"]).label) if row["country"] in Country.values else ""
            text = f"{name} ({country})" if _fold(name) in shared and country else name
            entry = AreaEntry(row["pk"], row["slug"], name, country, text, _fold(text))
            entries.append(entry)
            for key in {entry.folded, _fold(name), _fold(row["name"])}:
                if key in by_text and by_text[key] != entry:
                    ambiguous.add(key)
                by_text.setdefault(key, entry)
        for key in ambiguous:
            del by_text[key]
        # By the text shown, whatever the database's collation: "Bergen (Denmark)" first.
        entries.sort(key=lambda entry: (entry.folded, entry.pk))
        # Slugs last: unique, so they win over a name that happens to be spelled like one.
        by_text.update({entry.slug: entry for entry in entries})
        return AreaDirectory(tuple(entries), by_text, {str(entry.pk): entry for entry in entries})

    return memo.remember_tables("network.area_picker.directory", active_language(), load)


def use_text_field():
    """Whether the directory is too long for a select (``settings.AREA_SELECT_LIMIT``)."""
    return len(directory().entries) > settings.AREA_SELECT_LIMIT


def find(text):
    """The area whose name (as offered, in the active language or in English, any case) or slug
    is ``text``; None if there is none, or more than one."""
    return directory().by_text.get(_fold(text)[:MAX_TEXT_LENGTH])


def suggest(text, limit=SUGGESTIONS):
    """Up to ``limit`` areas for what was typed: names that start with it first, then names
    with a word that does, then names that contain it; each group by name."""
    needle = _fold(text)[:MAX_TEXT_LENGTH]
    if not needle:
        return []
    starts, words, inside = [], [], []
    for entry in directory().entries:
        position = entry.folded.find(needle)
        if position == 0:
            starts.append(entry)
            if len(starts) == limit:
                break
        elif position > 0:
            before = entry.folded[position - 1]
            (words if not before.isalnum() else inside).append(entry)
    return (starts + words + inside)[:limit]


def not_found_message(text):
    """What to tell someone whose typed area was not found: the nearest names, if any."""
    near = [entry.text for entry in suggest(text, limit=3)]
    if not near:
        return _("No member area in the directory is called “%(text)s”.") % {"text": text}
    return _("No member area in the directory is called “%(text)s”. Did you mean: %(names)s?") % {
        "text": text, "names": ", ".join(f"“{name}”" for name in near)}


class AreaInput(forms.Widget):
    """A member-area field's control: a select of every area in the directory, or above
    ``AREA_SELECT_LIMIT`` a text field with suggestions (module docstring).

    ``key`` is what the field's value is: the area's ``pk`` or its ``slug``. The select's
    options are written in one pass: Django's select renders a template per option, two
    seconds for a large network's areas.
    """

    def __init__(self, attrs=None, *, key="pk", empty_label=""):
        super().__init__(attrs)
        self.key = key
        self.empty_label = empty_label

    def _entry(self, value):
        """The area ``value`` stands for: its key, or a name typed as it is found (``find``
        also finds slugs)."""
        if value in (None, ""):
            return None
        by_key = directory().by_pk.get(str(value)) if self.key == "pk" else None
        return by_key or find(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        value = "" if value is None else str(value)
        if use_text_field():
            entry = self._entry(value)
            list_id = f"{attrs.get('id') or name}-suggestions"
            attrs.update({"type": "text", "name": name, "list": list_id, "autocomplete": "off",
                          "spellcheck": "false", "maxlength": MAX_TEXT_LENGTH,
                          "data-area-suggest": reverse("area_suggestions"),
                          "value": entry.text if entry else value})
            # The list starts empty: area-picker.js fills it as the visitor types.
            return format_html('<input{}><datalist id="{}"></datalist>', flatatt(attrs), list_id)
        options = [("", escape(self.empty_label))] + [
            (str(getattr(entry, self.key)), escape(entry.text)) for entry in directory().entries]
        html = "".join(f'<option value="{key}"{" selected" if key == value else ""}>{label}</option>'
                       for key, label in options)
        # Attributes in Django's own order (name first, as its select template writes them).
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{html}</select>')  # noqa: S308 — escaped above


class AreaChoiceField(forms.ModelChoiceField):
    """A member area of the directory, chosen from a select or typed (``AreaInput``).

    A typed name is found with ``find``; anything else is refused with the nearest names.
    """

    def __init__(self, *, to_field_name=None, empty_label="", **kwargs):
        kwargs.setdefault("queryset", MemberArea.objects.in_directory())
        kwargs.setdefault("widget", AreaInput(key=to_field_name or "pk", empty_label=empty_label))
        super().__init__(to_field_name=to_field_name, empty_label=empty_label, **kwargs)

    @property
    def help_text(self):
        if self._help_text or not use_text_field():
            return self._help_text
        return TEXT_FIELD_HELP

    @help_text.setter
    def help_text(self, value):
        self._help_text = value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        entry = find(text)
        if entry is not None:
            # The key the field stores, so that the queryset still decides what is allowed.
            value = getattr(entry, self.to_field_name or "pk")
        try:
            return super().to_python(value)
        except forms.ValidationError:
            if not use_text_field():
                raise
            raise forms.ValidationError(not_found_message(text), code="invalid_choice") from None
