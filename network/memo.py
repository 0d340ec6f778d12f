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
"""
import logging
from contextvars import ContextVar

from django.core.signals import request_finished, request_started

logger = logging.getLogger(__name__)

# The generation the running request started with; None outside a request.
_generation: ContextVar[str | None] = ContextVar("network_memo_generation", default=None)
# One store per process: the generation its values belong to, and the values by key.
_store = {"generation": None, "values": {}}


def _start(**kwargs):
    from .pagecache import current_generation

    try:
        _generation.set(current_generation())
    except Exception:  # noqa: BLE001 — a cache that cannot be read only costs the queries
        logger.warning("Could not read the page-cache generation; reading from the database.",
                       exc_info=True)
        _generation.set(None)


def _finish(**kwargs):
    _generation.set(None)


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


def remember(key, load):
    """``load()``'s value, read once per generation in this process; in a request only."""
    generation = _generation.get()
    if generation is None or generation == _store.get("spent"):
        return load()
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


def clone(instance):
    """A fresh copy of a model instance: the same field values, nothing cached on it."""
    model = type(instance)
    fields = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(instance._state.db, fields, [getattr(instance, name) for name in fields])


def install():
    """Read the generation at the start of each request. Called from ``NetworkConfig.ready``."""
    request_started.connect(_start, dispatch_uid="network_memo_start")
    request_finished.connect(_finish, dispatch_uid="network_memo_finish")
