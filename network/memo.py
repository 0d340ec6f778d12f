"""What every page reads before its own work, read once per content generation (#17).

Before a page's own code runs, Wagtail finds the site for the host, the locale for the
language, the home page to route from and the view restrictions of the page and its ancestors;
``public()`` reads every view restriction again. That is five to seven queries on every page,
for data that changes a few times a year. :func:`remember` keeps such values in the process and
reuses them for as long as the page cache's *generation* (network/pagecache.py) stays the same:

- the generation changes on every write to a table pages are made from, in whichever process
  or host (it lives in the shared ``pages`` cache), right after the statement and again after
  the commit; a write in this process also empties the memo at once (:func:`forget`), so a
  request that writes reads its own write (and remembers nothing more);
- a request uses the generation current when it started (read once, at ``request_started``):
  what it reads is as consistent as the page cache that may store its answer;
- outside a request (management commands, the task worker, tests calling models directly),
  or when the cache cannot be read, nothing is remembered: every call reads the database.

Callers get their own copies of model instances (:func:`clone`): what one request caches on an
instance (Wagtail caches ``specific``, templates cache properties) never reaches another.

Values that are costly to read again and depend on a few tables only (the case-study library's
facet counts at 10,000 cases) are kept by :func:`remember_tables` instead: not per generation,
but for as long as none of the tables their queries read has been written. Those tables are
found from the SQL the value was loaded with, so a new query in the loading code is covered
without a list to keep up; each write stamps its table in the shared cache
(``pagecache.table_stamps``). A sign-up, a profile edit or a session moved then leaves the
library's counts alone.
"""
import logging
import re
import sys
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection

logger = logging.getLogger(__name__)

# The generation the running request started with; None outside a request.
_generation: ContextVar[str | None] = ContextVar("network_memo_generation", default=None)
# One store per process: the generation its values belong to, and the values by key.
_store = {"generation": None, "values": {}}
# remember_tables(): per name, the most recently used keys' entries.
_tracked = {}
_tracked_lock = threading.Lock()
# The tables' stamps as read in the running request (read once per table and request).
_request_stamps: ContextVar[dict | None] = ContextVar("network_memo_stamps", default=None)
# The tables read by the remember_tables() loads in progress, innermost last.
_collecting: ContextVar[tuple] = ContextVar("network_memo_collecting", default=())
# Tables in the FROM and JOIN clauses of a statement (quoted by Django, bare in raw SQL).
_READ_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][\w]*)"?', re.IGNORECASE)


class _Kept(NamedTuple):
    """A value kept by remember_tables(), with the tables it was read from and their stamps."""

    value: Any
    tables: tuple
    stamps: tuple
    since: float  # time.monotonic() when kept


def _start(**kwargs):
    from .pagecache import current_generation

    _request_stamps.set(None)
    try:
        _generation.set(current_generation())
    except Exception:  # noqa: BLE001 — a cache that cannot be read only costs the queries
        logger.warning("Could not read the page-cache generation; reading from the database.",
                       exc_info=True)
        _generation.set(None)


def _finish(**kwargs):
    _generation.set(None)
    _request_stamps.set(None)


def in_request():
    """Whether values are remembered now (in a request, with the generation read)."""
    return _generation.get() is not None


def forget():
    """Drop everything remembered in this process (called on every write that changes pages).

    The generation the writing request started with is spent: until a request starts with the
    new one, nothing is remembered under it (what is read now may hold the write before its
    commit, or before its rollback)."""
    _store["generation"] = None
    _store["values"] = {}
    _store["spent"] = _generation.get()
    _request_stamps.set(None)


def forget_tables():
    """Drop every value kept by :func:`remember_tables` in this process (when a write could not
    be stamped in the shared cache)."""
    _tracked.clear()


def _spent():
    # Whether the running request has written (or runs outside a request): nothing is kept.
    generation = _generation.get()
    return generation is None or generation == _store.get("spent")


def remember(key, load):
    """``load()``'s value, read once per generation in this process; in a request only."""
    if _spent() or _collecting.get():
        # Inside a remember_tables() load the queries are read afresh, so that their tables
        # count among that value's.
        return load()
    generation = _generation.get()
    if _store["generation"] != generation:
        _store["generation"], _store["values"] = generation, {}
    values = _store["values"]
    try:
        return values[key]
    except KeyError:
        value = load()
        # Not if a write emptied the store while loading (the value may predate it).
        if _store["values"] is values and _store["generation"] == generation:
            values[key] = value
        return value


def _stamps(tables):
    # The tables' stamps now, as this request first read them.
    from .pagecache import table_stamps

    known = _request_stamps.get()
    if known is None:
        known = {}
        _request_stamps.set(known)
    missing = [table for table in tables if table not in known]
    if missing:
        known.update(table_stamps(missing))
    return tuple(known[table] for table in tables)


def _record_reads(execute, sql, params, many, context):
    if isinstance(sql, str):
        _collecting.get()[-1].update(name.lower() for name in _READ_TABLES.findall(sql))
    return execute(sql, params, many, context)


# Kept values share their tables' names (and the tuple of them) and their stamps' strings:
# 20,000 kept case-study pages held 20,000 copies of the same eleven names and stamps, 39 MB
# of a worker's 150, now 2.6 MB (#17). One tuple per set of tables read: a few dozen.
_table_sets = {}


def _shared(tables):
    tables = tuple(sys.intern(table) for table in tables)
    return _table_sets.setdefault(tables, tables)


def _shared_stamps(stamps):
    return tuple(sys.intern(stamp) if isinstance(stamp, str) else stamp for stamp in stamps)


def _load_recording(load):
    # load()'s value and the tables its queries read (nested loads' tables included).
    tables = set()
    outer = _collecting.get()
    token = _collecting.set((*outer, tables))
    try:
        if outer:
            value = load()
        else:
            with connection.execute_wrapper(_record_reads):
                value = load()
    finally:
        _collecting.reset(token)
    if outer:
        outer[-1].update(tables)
    return value, _shared(sorted(tables))


def remember_tables(name, key, load, size=16, valid=None):
    """``load()``'s value for ``key``, kept in this process while no table it was read from has
    been written (in any process, :func:`_stamps`), among the ``size`` most recently used keys
    of ``name``; in a request only.

    ``load`` must read everything its value depends on from the database (or from other
    ``remember_tables`` values), not from the clock or the request. A value that holds for a
    while only (the next moment pages change by the clock) gives ``valid(value)``: asked before
    a kept value is used, false reads it again.
    """
    from .pagecache import GENERATION_KEY, page_cache

    if _spent():
        return load()
    with _tracked_lock:
        entries = _tracked.setdefault(name, OrderedDict())
    try:
        entry = entries.get(key)
        # Never older than a cached page may be (PAGE_CACHE_SECONDS): a stamp lost with an
        # unwritable cache leaves a stale value for no longer than a stale page.
        if entry is not None and time.monotonic() - entry.since < settings.PAGE_CACHE_SECONDS \
                and (valid is None or valid(entry.value)) and _stamps(entry.tables) == entry.stamps:
            with _tracked_lock:  # threaded servers (tests' live server) share the entries
                if key in entries:
                    entries.move_to_end(key)
            if _collecting.get():
                _collecting.get()[-1].update(entry.tables)
            return entry.value
        before = page_cache().get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 — a cache that cannot be read only costs the queries
        logger.warning("Could not read the tables' stamps; reading from the database.",
                       exc_info=True)
        return load()
    value, tables = _load_recording(load)
    try:
        # Kept only if nothing was written anywhere while it loaded (the generation changes
        # with every write and commit): its stamps, read now, are then those of what it read.
        if _spent() or page_cache().get(GENERATION_KEY) != before:
            return value
        entry = _Kept(value, tables, _shared_stamps(_stamps(tables)), time.monotonic())
        with _tracked_lock:
            entries[key] = entry
            entries.move_to_end(key)
            while len(entries) > size:
                entries.popitem(last=False)
    except Exception:  # noqa: BLE001
        logger.warning("Could not read the tables' stamps; not keeping the value.", exc_info=True)
    return value


def clone(instance):
    """A fresh copy of a model instance: the same field values, nothing cached on it."""
    model = type(instance)
    fields = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(instance._state.db, fields, [getattr(instance, name) for name in fields])


def install():
    """Read the generation at the start of each request. Called from ``NetworkConfig.ready``."""
    request_started.connect(_start, dispatch_uid="network_memo_start")
    request_finished.connect(_finish, dispatch_uid="network_memo_finish")
