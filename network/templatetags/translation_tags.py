"""Template tags for pages in three languages (#15, docs/languages.md)."""
from django import template

from network import translation

register = template.Library()


@register.simple_tag
def text_lang(page):
    """The language code of the text ``page`` shows, for a ``lang`` attribute on its content."""
    return translation.text_language(page)


@register.inclusion_tag("includes/original_language_note.html")
def original_language_note(page):
    """The "Only available in Dutch" notice, when the page's text is not in the active language."""
    code, active = translation.text_language(page), translation.active_language()
    if code == active:
        return {"show": False}
    # ``active`` marks the notice itself, which may sit inside content marked with ``code``.
    return {"show": True, "code": code, "active": active,
            "language": translation.language_name(code)}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """The header's language switcher: the same page in each language, named in itself."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    page = context.get("page")
    page = page if getattr(page, "translation_key", None) else None
    return {"links": translation.switcher_links(request, page)}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang>`` for the page's versions written in each language."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not getattr(page, "translation_key", None):
        return {"links": []}
    return {"links": translation.hreflang_links(request, page)}
