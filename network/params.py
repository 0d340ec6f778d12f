"""Lenient readers for query-string values that every listing shares.

Malformed input must never become a 500: these turn anything odd into a sensible default.
"""
import re

# Characters the search backends' query parsers treat as syntax (a lone '"' breaks SQLite FTS):
# keep letters, digits, and apostrophes or hyphens inside words.
_NOT_SEARCHABLE = re.compile(r"[^\w\s'-]|(?<!\w)[-']|[-'](?!\w)")


def page_number(params) -> int:
    """``?page=`` as a positive integer; anything else (0, -1, "abc", "²") means page 1.

    isascii(): "²".isdigit() is true but int("²") fails. Numbers past the last page are left
    to Paginator.get_page, which answers them with the last page.
    """
    raw = params.get("page", "")
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    return 1


def search_text(raw: str) -> str:
    """The words of a search box, without punctuation the search backends would parse."""
    return " ".join(_NOT_SEARCHABLE.sub(" ", raw or "").split())
