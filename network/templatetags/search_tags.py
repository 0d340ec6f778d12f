"""How the site search shows a page of any type: a type label, a plain-text snippet, facts.

``network`` must not name the other apps, so it asks each page through three optional hooks
instead of checking its class:

- ``search_result_type``: the label (default: the model's verbose name, e.g. "Case study");
- ``search_snippet()``: the text to summarise; markup is allowed, the search page strips it
  (default: the first filled-in of the search description, intro, summary, description, body);
- ``search_meta()``: safe inline HTML with facts such as a session's date (default: none).

The hooks must not query the database: they run once per result.
"""
import re

from django import template
from django.utils.text import Truncator, capfirst
from wagtail.rich_text import RichText, get_text_for_indexing

register = template.Library()

SNIPPET_WORDS = 30
# Fields a page without its own search_snippet() is summarised from, best first.
SNIPPET_FIELDS = ("search_description", "intro", "summary", "description", "body")
# get_text_for_indexing leaves no space after <br> or <hr> written without a slash.
_BREAK = re.compile(r"(<(?:br|hr)\b[^>]*>)", re.IGNORECASE)


def plain_text(value) -> str:
    """Text without markup or entities, whitespace collapsed: safe to show escaped as it is."""
    if value is None:
        return ""
    if isinstance(value, RichText):
        value = value.source
    elif hasattr(value, "raw_data"):  # a StreamField value
        value = " ".join(_stream_text(value.raw_data))
    text = get_text_for_indexing(_BREAK.sub(r"\1 ", str(value)))
    return " ".join(text.split())


def _stream_text(raw_data):
    """The text blocks of a stream, read from its raw data.

    The raw data, not the blocks: turning blocks into values looks up their images and
    documents, a query per page of results.
    """
    for item in raw_data:
        value = item.get("value")
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict) and isinstance(value.get("text"), str):
            yield value["text"]


@register.filter
def search_snippet(page, words=SNIPPET_WORDS):
    """A plain-text summary of ``page`` of at most ``words`` words, cut at a word boundary."""
    hook = getattr(page, "search_snippet", None)
    if callable(hook):
        text = plain_text(hook())
    else:
        text = next((t for t in (plain_text(getattr(page, name, None)) for name in SNIPPET_FIELDS)
                     if t), "")
    return Truncator(text).words(int(words))


@register.filter
def search_result_type(page):
    """The kind of page, as a label for its search result."""
    label = getattr(page, "search_result_type", None) or page._meta.verbose_name
    return capfirst(label)


@register.filter
def search_meta(page):
    """Extra facts the page offers for its search result (safe HTML), or ""."""
    hook = getattr(page, "search_meta", None)
    return hook() if callable(hook) else ""
