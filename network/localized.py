"""Names of the shared vocabulary in the active language (#15, docs/languages.md "Vocabulary").

Themes, member areas, session series and intervision methods are *keys* shared by every
language: ``?theme=vacancy`` and a feed per theme mean the same in Dutch and Danish. So each is
one row with a column per language rather than one row per locale::

    name      "Vacancy"          the English name: required, the key editors know
    name_nl   "Leegstand"        blank = not translated yet
    name_da   "Tomme butikker"

``localized(obj, "name")`` reads the column of the active language and falls back to the English
one when that is empty, so a half-translated vocabulary never shows a blank. Models that use it
take ``LocalizedNamesMixin``, whose ``__str__`` is the localized name: ``{{ theme }}``, the
choices of a ``ModelChoiceFilter``, the admin's choosers and list views all follow the language
without knowing about it. With English active (the unprefixed feeds, ``in_language("en")``) every
name is the English column, byte for byte what it was before there were languages.

Searching: the translations are indexed beside the English name (each model's
``search_fields``), and the directory's plain search looks in every language, so "leegstand"
finds vacancy whatever language the visitor reads.

Ordering: themes are ordered by ``sort_order``, the same in every language. Lists ordered by
name in SQL use the English name: the member directory (its order and A–Z letters) files
"Binnenstad Vlaardingen" under V, where the English "Vlaardingen city centre" is. Where a list
must sort on the name people see, ``localized_expression`` gives it as SQL (the case-study
library's area filter does).

Stakeholder kinds are a fixed list of choices (``StakeholderKind``) and translate with the
interface (gettext), like roles: editors do not add or rename them.
"""
from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .translation import active_language, language_codes, language_name

# The options of every translated column: blank means "not translated yet". The database default
# lets rows be written by code that does not know the columns (the historical models of older
# migrations, other apps' data migrations) without failing.
TRANSLATION_COLUMN = {"blank": True, "default": "", "db_default": ""}


def translated_languages():
    """The codes of the languages that have their own columns (every language but the default)."""
    return [code for code in language_codes() if code != settings.LANGUAGE_CODE]


def localized_field_names(field):
    """The English column and its translations, e.g. ``["name", "name_nl", "name_da"]``: for
    ``.only()``, ``search_fields`` and anything else that must load or index every language."""
    return [field] + [f"{field}_{code}" for code in translated_languages()]


def localized(obj, field, language=None):
    """``obj.<field>`` in ``language`` (default: the active language), or the English
    ``obj.<field>`` when that translation is empty or the model has no column for it."""
    code = language or active_language()
    if code != settings.LANGUAGE_CODE:
        value = getattr(obj, f"{field}_{code}", "")
        if value and value.strip():
            return value
    return getattr(obj, field)


def localized_expression(field, language=None):
    """The same choice as ``localized`` as an SQL expression (for ordering or filtering on the
    name a visitor sees): the translation's column where it is not empty, else the English one."""
    code = language or active_language()
    if code == settings.LANGUAGE_CODE:
        return F(field)
    return Coalesce(NullIf(F(f"{field}_{code}"), Value("")), F(field))


def localized_panel(field, label, side_by_side=True):
    """The English column and its translations in the admin, each headed with its language
    ("Name (English)", "Name (Dutch)", "Name (Danish)", in the admin user's language): side by
    side in one row for short names, one under the other for longer texts."""
    panels = [FieldPanel(name, heading=format_lazy("{} ({})", capfirst(label),
                                                   lazy(language_name, str)(code)))
              for name, code in zip(localized_field_names(field), language_codes(), strict=True)]
    if side_by_side:
        return FieldRowPanel(panels)
    return MultiFieldPanel(panels, heading=capfirst(label))


class LocalizedNamesMixin:
    """For a vocabulary model with ``name``, ``name_nl``, ``name_da`` columns: its string is
    the name in the active language (with the English fallback). The columns themselves are
    declared on each model, with their own labels and lengths."""

    @property
    def localized_name(self):
        """The name in the active language, or the English name if it has no translation."""
        return localized(self, "name")

    @property
    def localized(self):
        """Every translated column of this row in the active language, as attributes:
        ``theme.localized.description`` in Python, ``{{ area.localized.profile }}`` in a
        template."""
        return LocalizedFields(self)

    def __str__(self):
        return self.localized_name


class LocalizedFields:
    """``localized(obj, field)`` as attribute access, for templates (which cannot pass
    arguments): ``LocalizedFields(area).profile`` is the area's profile in the active language."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field):
        if field.startswith("_"):  # copy, pickle and templates probe for these
            raise AttributeError(field)
        return localized(self._obj, field)
