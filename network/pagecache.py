"""The page and feed cache: what anonymous visitors read, served from a shared cache (#17).

What is cached: the answer to a ``GET`` or ``HEAD`` from a visitor without a session (no
session or messages cookie, no ``Authorization``) when it is a ``200`` that sets no cookie but
the language one, says nothing ``private``/``no-store``/``no-cache`` and varies on nothing but
``Cookie`` and ``Accept-Language``: pages, listings, search results, public feeds, the sitemap.
A member's pages are never stored; they are marked ``Cache-Control: private`` so that no shared
cache in front (a CDN, a proxy) keeps them either. Stored pages are sent with ``Vary: Cookie``
and an ``ETag``; ``public, max-age=0, must-revalidate`` lets a CDN keep them but ask each time,
and a matching ``If-None-Match`` is answered ``304`` from the cache.

How it stays right — one *generation* for the whole site, not a list of which page shows what:

- Every entry is stored with the generation that was current when its request *began*, and is
  served only while that generation is still current.
- Any write to a table that pages are made from changes the generation. The write is seen in
  the database driver (:func:`track_writes`, an execute wrapper), so nothing escapes it: model
  saves and deletes, ``QuerySet.update`` and bulk inserts, Wagtail's tree moves (raw SQL), a
  registration that changes the places left, a search-index update by the task worker. Tables
  that no page shows (sessions, log entries, renditions, the task queue, …) are left out
  (:data:`IGNORED_TABLES`).
- The generation changes right after the statement (so a request inside the same transaction,
  as in tests, never sees a page from before its own write) and again after the commit (so a
  page rendered by another request from the data before the commit is never served).
- What changes by the clock alone — a session starting or ending, registration opening or
  closing, a held place running out — is announced by the apps through the
  ``network_content_clock`` hook; no entry outlives the next such moment, nor
  ``PAGE_CACHE_SECONDS``.

Why one generation rather than exact dependencies per page: a case study appears on its page,
the library (every filter and page of it), its areas' pages, the home page, search results and
three languages' feeds; a session in its listing months, every feed it is or was in, the home
page and the theme tiles. Tracking those per page would be a second copy of every template's
queries, and a single missed dependency is a stale page. Writes are rare next to reads (a few
hundred a day against hundreds of thousands of requests), so starting afresh after each is cheap,
and a page is never served from before a change that shows on it.

Where it lives: the ``pages`` cache (``PAGE_CACHE_ALIAS``), Redis when ``REDIS_URL`` is set so
that every worker and host shares one generation, otherwise files in a folder that the
workers of one host share (``PAGE_CACHE_DIR``). A per-process memory cache would let one
worker serve a page another worker's write made stale, so it is used only in tests.
"""
import functools
import gzip
import hashlib
import logging
import re
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag
from wagtail import hooks

from . import memo
from .http import is_admin_path

logger = logging.getLogger(__name__)

CONTENT_CLOCK = "network_content_clock"
GENERATION_KEY = "generation"
# Each table's stamp (table_stamps) is kept under this prefix and the table's name.
TABLE_KEY_PREFIX = "table:"
HEADER = "X-Page-Cache"
# Content types worth keeping: pages, feeds, the sitemap, robots.txt, JSON.
CACHED_TYPES = ("text/html", "text/calendar", "application/rss+xml", "application/atom+xml",
                "application/xml", "text/xml", "text/plain", "application/json")
# A longer query string is somebody's made-up address, not a page worth keeping.
MAX_QUERY_LENGTH = 512
ALLOWED_VARY = {"cookie", "accept-language"}

# Written on reads or by the admin's bookkeeping, never shown on a cached page: a write to one
# of these leaves the cache alone. (Draft revisions are here; a draft also updates the page row,
# which does count, so an edit in the admin still starts a new generation — harmless.)
IGNORED_TABLES = frozenset({
    "django_session", "django_admin_log",
    "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
    "axes_accessattemptexpiration",
    "wagtailimages_rendition", "wagtailcore_referenceindex",
    "wagtailcore_pagelogentry", "wagtailcore_modellogentry", "wagtailcore_revision",
    "wagtailcore_taskstate", "wagtailcore_workflowstate", "wagtailcore_pagesubscription",
    "wagtailcore_comment", "wagtailcore_commentreply", "wagtailadmin_editingsession",
    "wagtailusers_userprofile",
    "django_tasks_database_dbtaskresult", "health_check_db_testmodel",
})
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)
# Logging in records the time on the account and shows on no page.
_LAST_LOGIN_ONLY = re.compile(r'\s*UPDATE\s+"?auth_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE',
                              re.IGNORECASE)


def page_cache():
    """The cache that holds pages and the generation."""
    return caches[settings.PAGE_CACHE_ALIAS]


# --- the generation ----------------------------------------------------------------------------

def new_generation(tables=()):
    """Start a new generation: every page stored so far is out of date.

    A new random value rather than a counter: setting it needs no atomic increment, so any
    cache backend (a folder of files included) will do. ``tables``, the tables just written,
    get a new stamp of their own too (:func:`table_stamps`): what the memo keeps by the tables it
    was read from (``memo.remember_tables``) stays good through writes to other tables.
    """
    # What this process remembers per generation (network/memo.py) goes at once, even if the
    # shared cache cannot be written.
    memo.forget()
    stamp = uuid.uuid4().hex
    try:
        page_cache().set_many({GENERATION_KEY: stamp,
                               **{TABLE_KEY_PREFIX + table: stamp for table in tables}}, None)
    except Exception:  # noqa: BLE001 — a write to the database must never fail for the cache's sake
        memo.forget_tables()  # this process at least reads afresh
        logger.exception("Could not start a new page-cache generation: cached pages may be stale "
                         "for up to PAGE_CACHE_SECONDS.")


def current_generation():
    """The generation now, started if there is none yet (first request, or the cache emptied)."""
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def table_stamps(tables):
    """``{table: stamp}``: each table's stamp changes with every write to it, in any process.

    A table with no stamp (never written since the cache was emptied) gets a new random one, as
    the generation does, so a stamp never comes back to a value it had before."""
    cache = page_cache()
    keys = {TABLE_KEY_PREFIX + table: table for table in tables}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        found.update(cache.get_many(missing))
    return {table: found.get(key) for key, table in keys.items()}


class _AfterCommit:
    """The new generation after a transaction's commit, with the tables it wrote: registered
    once per transaction (``transaction.on_commit``), however many statements write."""

    def __init__(self):
        self.tables = set()

    def __call__(self):
        new_generation(self.tables)


def written_table(sql):
    """The table an INSERT, UPDATE or DELETE statement writes to, or None for anything else."""
    match = _WRITE.match(sql)
    return match.group(1).rsplit(".", 1)[-1].lower() if match else None


def page_table(sql):
    """The table ``sql`` writes to if a cached page could show it, else None."""
    table = written_table(sql)
    if table is None or table in IGNORED_TABLES:
        return None
    if table == "auth_user" and _LAST_LOGIN_ONLY.match(sql):
        return None
    return table


def _on_execute(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    table = page_table(sql) if isinstance(sql, str) else None
    if table is not None:
        new_generation((table,))
        connection = context["connection"]
        if connection.in_atomic_block:
            after_commit = next((func for _sids, func, _robust in connection.run_on_commit
                                 if isinstance(func, _AfterCommit)), None)
            if after_commit is None:
                after_commit = _AfterCommit()
                transaction.on_commit(after_commit, using=connection.alias, robust=True)
            after_commit.tables.add(table)
    return result


def track_writes(sender, connection, **kwargs):
    """Watch each new database connection for writes that change pages (``connection_created``)."""
    if _on_execute not in connection.execute_wrappers:
        connection.execute_wrappers.append(_on_execute)


def connect_signals():
    """Called from the app's ready(): watch connections opened from now on, and any open one."""
    from django.db import connections

    connection_created.connect(track_writes, dispatch_uid="network_pagecache_track_writes")
    for connection in connections.all(initialized_only=True):
        track_writes(None, connection)


# --- the clock ---------------------------------------------------------------------------------

def content_clock(func):
    """Register ``func(now)`` as a source of the next moment pages change by the clock alone
    (an aware datetime after ``now``, or None). Apps register theirs in ``wagtail_hooks``."""
    hooks.register(CONTENT_CLOCK, func)
    return func


@content_clock
def next_local_midnight(now):
    """Dates shown relative to today (this month, "today") turn at midnight in the site's zone."""
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return midnight


def next_change(now=None):
    """The next moment any page changes by the clock alone (see :func:`content_clock`)."""
    now = now or timezone.now()
    moments = [moment for func in hooks.get_hooks(CONTENT_CLOCK) if (moment := func(now))]
    return min(moments, default=None)


def kept_next_change():
    """:func:`next_change` as a timestamp (or None), kept in the process by the tables its
    hooks read (network.memo.remember_tables) until the moment has passed: a key for values
    that change by the clock, which stay the same until then unless one of those tables is
    written."""
    from . import memo

    def load():
        change = next_change()
        return change.timestamp() if change else None

    return memo.remember_tables("network.pagecache.next-change", (), load, size=1,
                                valid=lambda moment: moment is None or moment > timezone.now().timestamp())


def _seconds_to_keep(generation, now):
    """How long an entry stored now may live: until the next change by the clock, at most
    ``PAGE_CACHE_SECONDS``. The next change is looked up once per generation."""
    cache = page_cache()
    clock_key = f"clock:{generation}"
    moment = cache.get(clock_key)
    if moment is None or moment <= now.timestamp():
        change = next_change(now)
        moment = change.timestamp() if change else now.timestamp() + settings.PAGE_CACHE_SECONDS
        cache.set(clock_key, moment, max(1, int(moment - now.timestamp())))
    return max(0, min(settings.PAGE_CACHE_SECONDS, int(moment - now.timestamp())))


# --- which requests and answers ----------------------------------------------------------------

def is_cacheable_request(request):
    """Whether this request may be answered from, and stored in, the shared cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies
            or "HTTP_AUTHORIZATION" in request.META or getattr(request, "is_dummy", False)):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    path = request.path_info
    return not (is_admin_path(path) or path.startswith(("/documents/", settings.MEDIA_URL)))


def _cache_control(response):
    return {part.strip().split("=", 1)[0].lower()
            for part in response.get("Cache-Control", "").split(",") if part.strip()}


def is_storable(request, response):
    """Whether the answer is the same for every visitor without a session, and worth keeping."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith(CACHED_TYPES):
        return False
    if _cache_control(response) & {"private", "no-store", "no-cache"}:
        return False
    # A cookie set for this visitor (a session) means the page was made for them. The language
    # cookie is the same for everyone and set again on every hit; a form's CSRF token is cut
    # out when stored and a fresh one put in on every hit (see _without_csrf_token).
    if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - ALLOWED_VARY:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


_SOURCE_DIRS = ("templates", "network", "sessions", "casestudies", "intervisions", "locale")
_SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}


def release():
    """What code renders the pages: ``PAGE_CACHE_RELEASE`` if set (e.g. the deployed commit),
    else a digest of the templates, code, translations and the static files' manifest.

    Part of every page's key, so that a deployment never serves pages made by the code before
    it, without anyone having to empty the cache. (Not part of the generation's key: hosts
    still on the old release keep being told about every change.) Computed once per process,
    in a few milliseconds.
    """
    return settings.PAGE_CACHE_RELEASE or _source_digest()


@functools.cache
def _source_digest():
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = [path for folder in _SOURCE_DIRS for path in (base / folder).rglob("*")
             if path.suffix in _SOURCE_SUFFIXES and "migrations" not in path.parts]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for path in sorted(files) + ([manifest] if manifest.exists() else []):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(request):
    """One entry per release, scheme, host, address and language: absolute links in a page
    follow the scheme and host it was asked on, and unprefixed addresses resolve their
    language from the request."""
    raw = "|".join((release(), request.scheme, request.get_host(), request.path,
                    request.META.get("QUERY_STRING", ""), translation.get_language() or ""))
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# What a 304 repeats of the full answer (RFC 9110 15.4.5), kept beside each entry.
VALIDATOR_SUFFIX = ":validator"
VALIDATOR_HEADERS = {"etag", "last-modified", "cache-control", "vary", "expires", "content-location"}

# Large answers are stored a second time gzipped, compressed once when stored, and sent so to
# clients that accept it (calendar apps, browsers, CDNs): the all-sessions feed at #17's size is
# a megabyte, 9 % of it gzipped. The copy has a key of its own, so that a hit reads (and the
# cache unpacks) only the copy it sends. Pages with a visitor's CSRF token are never
# compressed (BREACH).
COMPRESS_MIN_BYTES = 16 * 1024
GZIP_SUFFIX = ":gzip"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding


def _accepts_gzip(request):
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _weak(etag):
    """The ETag of the gzipped copy: the same, weak (RFC 9110 8.8.3; as Django's GZipMiddleware)."""
    return etag if not etag or etag.startswith("W/") else f"W/{etag}"


def _gzipped(content):
    """``content`` gzipped, or None when it is too small to gain from it."""
    if len(content) < COMPRESS_MIN_BYTES:
        return None
    # mtime=0: the same page always compresses to the same bytes.
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    return compressed if len(compressed) < len(content) else None


def _send_gzipped(response, compressed):
    """Make ``response`` (a stored page's) carry its gzipped copy."""
    response.content = compressed
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(compressed))
    if response.has_header("ETag"):
        response["ETag"] = _weak(response["ETag"])


# A sign-up form on a session's page carries a CSRF token made for its visitor: the stored page
# holds this mark instead, and every hit gets its own token (and cookie) in its place.
CSRF_MARK = b"\x00csrf-token\x00"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')


def _without_csrf_token(request, response):
    """The page's content with its CSRF tokens replaced by :data:`CSRF_MARK`, or None when a
    token (or the cookie's secret) would remain anywhere else in it."""
    content = response.content
    if settings.CSRF_COOKIE_NAME not in response.cookies:
        return content
    tokens = {match.group(2) for match in _CSRF_INPUT.finditer(content)}
    stripped = _CSRF_INPUT.sub(rb"\1" + CSRF_MARK + rb"\3", content)
    secret = request.META.get("CSRF_COOKIE", "").encode()
    if not tokens or any(token in stripped for token in tokens) or (secret and secret in stripped):
        return None
    return stripped


def _with_csrf_token(request, entry):
    """A hit on a page with a form: a token for this visitor, and the cookie it needs."""
    csrf = CsrfViewMiddleware(lambda request: None)
    csrf.process_request(request)
    content = entry["content"].replace(CSRF_MARK, get_token(request).encode())
    response = _response(entry, content)
    return csrf.process_response(request, response)


def _entry(response, generation, content):
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    return {"generation": generation, "status": response.status_code, "headers": headers,
            "content": content, "csrf": CSRF_MARK in content}


def _response(entry, content=None):
    response = HttpResponse(entry["content"] if content is None else content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous pages and public feeds from the ``pages`` cache (see the module's text).

    Placed after the language middleware (the active language is part of the key, and the
    language cookie is set on hits as on misses) and before CSRF, authentication and the views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and "Cache-Control" not in response:
                # A member's page: no shared cache in front may keep it.
                patch_cache_control(response, private=True)
            return response

        cache, key = page_cache(), cache_key(request)
        revalidating = "HTTP_IF_NONE_MATCH" in request.META
        gzip_key = key + GZIP_SUFFIX if _accepts_gzip(request) else None
        # A client that revalidates (calendar apps, a CDN) is answered from the entry's small
        # validator record, without reading the page itself: a large feed's 304 stays cheap.
        # One that takes gzip asks for the gzipped copy, and for the page itself only when
        # there is none (a small page): the cache reads and unpacks only what is sent.
        first = key + VALIDATOR_SUFFIX if revalidating else gzip_key or key
        found = cache.get_many([GENERATION_KEY, first])
        # None on the first request, or after the cache was emptied: start one all will share.
        generation = found.get(GENERATION_KEY) or current_generation()
        if revalidating:
            validator = found.get(key + VALIDATOR_SUFFIX)
            if validator is not None and generation is not None and validator["generation"] == generation:
                response = _response(validator, b"")
                if validator.get("gzip") and gzip_key:
                    response["ETag"] = _weak(validator["etag"])
                # If-None-Match compares weakly: the copy's ETag matches the page's and back.
                response = get_conditional_response(request, etag=validator["etag"],
                                                    response=response)
                if response.status_code == 304:
                    response[HEADER] = "hit"
                    return response
            if gzip_key:
                found[gzip_key] = cache.get(gzip_key)
        zipped = found.get(gzip_key) if gzip_key else None
        if zipped is not None and generation is not None and zipped["generation"] == generation:
            response = _response(zipped)
            _send_gzipped(response, zipped["content"])
            response = get_conditional_response(
                request, etag=dict(zipped["headers"]).get("ETag"), response=response)
            response[HEADER] = "hit"
            return response
        if key not in found:
            found[key] = cache.get(key)  # no (current) gzipped copy: the page as it is
        entry = found.get(key)
        if entry is not None and generation is not None and entry["generation"] == generation:
            if entry["csrf"]:
                response = _with_csrf_token(request, entry)
            else:
                response = get_conditional_response(
                    request, etag=dict(entry["headers"]).get("ETag"), response=_response(entry))
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        content = None
        if generation is not None and is_storable(request, response):
            content = _without_csrf_token(request, response)
        if content is None:
            response[HEADER] = "bypass"
            return response
        if CSRF_MARK in content:
            # Each copy carries its visitor's token: no shared cache in front may keep it, and
            # an ETag would tell a browser that another copy is the same.
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            if not response.has_header("ETag"):
                digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
                response["ETag"] = quote_etag(digest)
            if "Cache-Control" not in response:
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        compressed = None
        if CSRF_MARK not in content and not response.has_header("Content-Encoding"):
            compressed = _gzipped(content)
        if compressed is not None:
            # Both copies say so: a cache in front keeps one per encoding.
            patch_vary_headers(response, ("Accept-Encoding",))
        timeout = _seconds_to_keep(generation, timezone.now())
        if timeout:
            entry = _entry(response, generation, content)
            stored = {key: entry}
            if compressed is not None:
                # The same headers (the gzip ones are added when it is sent), its own bytes.
                stored[key + GZIP_SUFFIX] = dict(entry, content=compressed)
            if response.has_header("ETag") and not entry["csrf"]:
                stored[key + VALIDATOR_SUFFIX] = {
                    "generation": generation, "status": 200, "etag": response["ETag"],
                    "gzip": compressed is not None,
                    "headers": [(name, value) for name, value in entry["headers"]
                                if name.lower() in VALIDATOR_HEADERS]}
            cache.set_many(stored, timeout)
        if compressed is not None and gzip_key:
            _send_gzipped(response, compressed)
        response[HEADER] = "miss"
        return response
