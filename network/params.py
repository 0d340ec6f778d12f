"""Lenient readers for query-string values that every listing shares.

Malformed input must never become a 500: these turn anything odd into a sensible default.
Page numbers are read by network.pagination, filters by network.filters.
"""
import re

# Characters the search backends' query parsers treat as syntax (a lone '"' breaks SQLite FTS):
# keep letters, digits, and apostrophes or hyphens inside words.
_NOT_SEARCHABLE = re.compile(r"[^\w\s'-]|(?<!\w)[-']|[-'](?!\w)")


def search_text(raw: str) -> str:
    """The words of a search box, without punctuation the search backends would parse."""
    return " ".join(_NOT_SEARCHABLE.sub(" ", raw or "").split())
