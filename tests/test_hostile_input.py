"""Hostile input on every address of the site: never a server error, never reflected markup,
never a contact detail for anonymous visitors (#14, "Security tests in CI").

Every URL pattern of the project (``get_resolver()``, walked recursively: the site, the
Wagtail admin, the document and feed routes) and the demo network's pages (one live page of
each type, and the sub-routes of routable pages) are requested with their path parameters and
query strings filled with hostile values: NUL, ``%2e%2e/``, very long strings, integers beyond
2**63, negative numbers, unicode (with a right-to-left override), ``<script>``,
``' OR 1=1``, ``a[]=`` arrays and repeated parameters. Each request goes as anonymous, member
or contributor and as GET, HEAD or POST, rotating so that every pattern meets every value
class and, across the patterns, every class meets every user and method. POSTs carry no CSRF
token (a 403 is the expected answer), and login forms may answer 429 (throttling). A
property-based part (hypothesis, fixed seed, bounded examples) sends arbitrary text to the
filters and search of the public listings.

Cheap by design (one request per pattern per value class; patterns without a path
parameter get one request per user carrying every class in its query string), it runs on the
shared demo network and its writes are rolled back.
"""
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlencode

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from network.models import Person

pytestmark = pytest.mark.django_db

MARKER = "hostile-7f3a"
SCRIPT = f"<script>{MARKER}</script>"


@dataclass(frozen=True)
class Hostile:
    """One class of hostile value: how it goes into a path segment and into a query string."""

    name: str
    path: str  # already percent-encoded where it must be
    query: tuple = field(default=())  # extra (name, value) pairs, beside the common parameters
    value: str = ""  # the value of every common query parameter


_UNICODE = "ünï©ødé-雪-💥-\u202eevil"
CLASSES = [
    Hostile("nul", "%00", value="\x00"),
    Hostile("dot-dot", "%2e%2e/", value="../../"),
    Hostile("long", "x" * 2100, value="y" * 2100),
    Hostile("huge-int", str(2**64 + 7), value=str(2**70)),
    Hostile("negative", "-1", value="-99999999999999999999"),
    Hostile("unicode", quote(_UNICODE), value=_UNICODE),
    Hostile("script", quote(SCRIPT), value=SCRIPT),
    Hostile("sql", quote("' OR 1=1--"), value="' OR 1=1--"),
    Hostile("array", "0", query=(("a[]", ""), ("q[]", "x"), ("page[]", "1")), value="[]"),
    Hostile("repeated", "1", query=(("page", "1"), ("page", "-1"), ("q", "a"), ("q", SCRIPT)),
            value="1"),
]
# Query parameters the site's and the admin's views read (filters, search, pagination, redirects).
PARAMETERS = ("q", "p", "page", "area", "areas", "theme", "themes", "country", "kind", "status",
              "sort", "ordering", "year", "month", "from", "to", "next", "id", "format",
              "collection_id", "locale", "tag", "role", "period", "language", "level")
USERS = (None, "member", "contributor")
METHODS = ("get", "head", "post")
# A regex group or the wildcard ``.*`` in a ``re_path()``, and a converter in a ``path()``.
_REGEX_PART = re.compile(r"\((?:[^()]|\([^()]*\))*\)[*+?]?|\.\*")
_CONVERTER = re.compile(r"<(?:\w+:)?\w+>")


def _pattern_paths(resolver, prefix=""):
    """(view, path template) for every URL pattern below ``resolver``; the template has ``{}``
    where a parameter goes."""
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            part = _CONVERTER.sub("{}", str(pattern))
        elif isinstance(pattern, RegexPattern):
            part = _REGEX_PART.sub("{}", str(pattern).lstrip("^").rstrip("$")).replace("\\", "")
        else:  # pragma: no cover - LocalePrefixPattern is not used here
            part = str(pattern)
        if isinstance(entry, URLResolver):
            yield from _pattern_paths(entry, prefix + part)
        elif isinstance(entry, URLPattern):
            yield entry.callback, prefix + part


def _query(hostile, offset):
    """The query string: every common parameter with the class's value, and its extras."""
    pairs = [(name, hostile.value) for name in PARAMETERS[offset % 3::3]]
    return urlencode([*pairs, *hostile.query])


def _mixed_query(offset):
    """One query string holding every class, assigned to the parameters in rotation."""
    pairs = []
    for index, name in enumerate(PARAMETERS):
        pairs.append((name, CLASSES[(index + offset) % len(CLASSES)].value))
    for hostile in CLASSES:
        pairs.extend(hostile.query)
    return urlencode(pairs)


def _reaches(path, view):
    """Whether ``path`` reaches ``view`` (a value its converter refuses is a plain 404 from the
    resolver: the 404 page is swept on its own, see ``test_error_pages_...``)."""
    if view is None:
        return True
    try:
        return resolve(unquote(path)).func is view
    except Resolver404:
        return False


def _requests(template, index, view=None):
    """(path, user, method) for one pattern: one per value class, users and methods rotating."""
    if "{}" in template:
        for number, hostile in enumerate(CLASSES):
            turn = number + index
            path = "/" + template.replace("{}", hostile.path)
            if not _reaches(path, view):
                continue
            yield (f"{path}?{_query(hostile, turn)}", USERS[turn % 3], METHODS[(turn // 3) % 3])
    else:
        for number, user in enumerate(USERS):
            turn = number + index
            yield f"/{template}?{_mixed_query(turn)}", user, METHODS[turn % 3]


def _demo_page_templates():
    """One live page of each type on the demo network, with a hostile extra segment, and the
    sub-routes of routable pages."""
    templates = []
    seen = set()
    for page in Page.objects.live().specific().order_by("path"):
        if type(page) in seen or not page.url:
            continue
        seen.add(type(page))
        url = page.url.lstrip("/")
        templates.append(url)
        templates.append(url + "{}/")
        if isinstance(page, RoutablePageMixin):
            templates.extend(url + template for _view, template in _pattern_paths(page.get_resolver()))
    return [(template, None) for template in templates]


@pytest.fixture
def quiet_logs():
    """Thousands of 404s and 403s are expected: they are not logged while the sweep runs (a
    server error still fails the test, the test client raises it)."""
    loggers = [logging.getLogger(name) for name in ("django", "network", "axes")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def clients(demo_network, django_user_model, quiet_logs):
    """A client per user; POSTs get CSRF checks as in a browser."""
    made = {}
    for username in USERS:
        client = Client(enforce_csrf_checks=True)
        if username:
            client.force_login(django_user_model.objects.get(username=username))
        made[username] = client
    return made


@pytest.fixture
def contact_details(demo_network):
    """A pattern matching any demo person's e-mail address or phone number."""
    details = set()
    for email, phone in Person.objects.values_list("email", "phone"):
        details.update(value for value in (email, phone) if value)
    return re.compile("|".join(re.escape(value) for value in sorted(details)).encode())


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _problem(response, user, contact_details):
    """What is wrong with ``response``, or None."""
    if response.status_code >= 500:
        return f"status {response.status_code}"
    body = _body(response)
    if SCRIPT.encode() in body or f"<script>{MARKER}".encode() in body:
        return "reflects the <script> marker unescaped"
    if user is None and (found := contact_details.search(body)):
        return f"shows a contact detail to anonymous visitors: {found.group().decode()}"
    return None


def _send(clients, path, user, method):
    client = clients[user]
    if method == "post":
        path, _, query = path.partition("?")
        return client.post(path, data=query, content_type="application/x-www-form-urlencoded")
    return getattr(client, method)(path)


def _sweep(clients, contact_details, templates):
    problems = []
    for index, (template, view) in enumerate(templates):
        for path, user, method in _requests(template, index, view):
            try:
                response = _send(clients, path, user, method)
            except Exception as error:  # the test client re-raises what made a 500
                problems.append(f"{method.upper()} {path[:160]} as {user}: {error!r}"[:400])
                continue
            problem = _problem(response, user, contact_details)
            if problem:
                problems.append(f"{method.upper()} {path[:160]} as {user}: {problem}")
    return problems


def test_every_url_pattern_survives_hostile_input(clients, contact_details):
    templates = sorted({(template, view) for view, template in _pattern_paths(get_resolver())},
                       key=lambda pair: pair[0])
    assert len(templates) > 200  # the site's, the admin's, documents, feeds, calendars
    problems = _sweep(clients, contact_details, templates)
    assert not problems, "\n".join(problems[:40])


def test_every_demo_page_type_and_sub_route_survives_hostile_input(clients, contact_details):
    templates = _demo_page_templates()
    assert any("register/" in template for template, _view in templates)  # a routable sub-route
    problems = _sweep(clients, contact_details, templates)
    assert not problems, "\n".join(problems[:40])


def test_error_pages_survive_hostile_input(clients, contact_details):
    """The 404 pages of the site and of the admin, for every value class and user."""
    templates = [("{}", None), ("{}/", None), ("admin/{}/", None), ("documents/{}/{}", None)]
    problems = _sweep(clients, contact_details, templates)
    assert not problems, "\n".join(problems)


# --- property-based: arbitrary text in the filters and search of the public listings ----------

LISTINGS = ("/en/search/", "/en/case-studies/", "/en/sessions/", "/en/members/", "/en/members/people/",
            "/en/intervisions/summaries/", "/en/intervisions/records/")
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(listing=st.sampled_from(LISTINGS), user=st.sampled_from(USERS),
       params=st.lists(st.tuples(st.sampled_from(PARAMETERS), _TEXT), max_size=6))
def test_listings_survive_arbitrary_filter_values(clients, contact_details, listing, user, params):
    response = clients[user].get(f"{listing}?{urlencode(params)}")
    assert _problem(response, user, contact_details) is None, (listing, params)
