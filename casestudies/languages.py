"""The language of case studies' text in listings (#15, docs/languages.md).

A listing of one language's tree shows translations and, where there is none yet, aliases of
originals written in another language; each card is marked with the language of its text.
"""
from wagtail.models import Page


def mark_text_languages(pages):
    """Note on each page the language its text is in (``network.translation.text_language``)
    in one query for all of them, so that cards marked with ``lang`` cost no query per card.
    Returns ``pages`` (a list)."""
    pages = list(pages)
    # ``text_language`` keeps what it found for an alias in ``_text_language``: filled here.
    aliases = [page for page in pages if page.alias_of_id
               and page.__dict__.get("_text_language") is None]
    if aliases:
        codes = dict(Page.objects.filter(pk__in={page.alias_of_id for page in aliases})
                     .values_list("pk", "locale__language_code"))
        for page in aliases:
            if page.alias_of_id in codes:
                page.__dict__["_text_language"] = codes[page.alias_of_id]
    return pages
