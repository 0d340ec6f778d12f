"""The largest id an address may name.

Primary keys are PostgreSQL ``bigint`` (``BigAutoField``, this project's default) or
``integer`` (Wagtail's pages); the larger, ``bigint``'s maximum, refuses no real id. A number
above it in a URL is simply "not found" (404): SQLite cannot even compare it with a column
(OverflowError, a 500), and lookups through a page's ``page_ptr`` are not range-checked by
Django.
"""
MAX_ID = 2**63 - 1


def is_valid_id(value) -> bool:
    """Whether ``value`` is an int that could be a primary key (1 … ``MAX_ID``)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
