"""Fixtures shared by the whole suite.

``demo_network`` gives a test the whole demo network (``manage.py load_demo_network``) without
loading it for each test: see its docstring.
"""
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase
from django.utils import translation
from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from network import memo
from network.models import HomePage


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in the site's language: LocaleMiddleware leaves the language of
    the last request active in the thread, which would leak into the next test."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def reference_index(request):
    """Wagtail's reference index ("where is this used") is kept up to date only for the tests
    marked ``reference_index`` (and while the demo network loads): it is a fifth of what saving
    a page costs, and only usage views and the erasure of shared photos read it."""
    if request.node.get_closest_marker("reference_index"):
        yield
        return
    with disable_reference_index_auto_update():
        yield


@pytest.fixture(autouse=True)
def search_index(request, settings):
    """The search index is kept up to date only in the tests marked ``search_index`` (and
    while the demo network loads, which is indexed whole): indexing is an eighth of what the
    suite does, and only tests that search read it. A test that searches rows it made without
    the marker finds nothing, so it fails rather than passing by accident."""
    if request.node.get_closest_marker("search_index"):
        return
    settings.WAGTAILSEARCH_BACKENDS = {name: {**params, "AUTO_UPDATE": False}
                                       for name, params in settings.WAGTAILSEARCH_BACKENDS.items()}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters, cached pages and Wagtail's
    site root paths from an earlier test (whose rows were rolled back) must not leak into it."""
    for each in caches.all():
        each.clear()
    memo.forget_tables()  # read afresh anyway (every stamp is new), but not kept from one to the next


@pytest.fixture
def home_page(db):
    """The home page the migrations create, as the default site's root (the English one: the
    other languages' home pages are its translations or aliases, #15)."""
    return HomePage.objects.get(depth=2, locale__language_code="en")


@pytest.fixture
def site(home_page):
    site = Site.objects.get(is_default_site=True)
    # The test client talks to "testserver"; a default site answers any host anyway.
    return site


@pytest.fixture
def library(home_page, site):
    """An empty case-study library under the home page (tests of a module may override it)."""
    from tests.casestudies.factories import CaseStudyIndexPageFactory

    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def programme(home_page, site):
    """An empty session programme (sessions index) under the home page."""
    from tests.sessions.factories import SessionIndexPageFactory

    return SessionIndexPageFactory(parent=home_page)


@pytest.fixture
def member_client(client, django_user_model):
    """A client logged in as an ordinary member (no admin rights)."""
    user = django_user_model.objects.create_user("member", "member@example.org", "pw-for-tests-1")
    client.force_login(user)
    client.user = user
    return client


@dataclass(frozen=True)
class DemoNetwork:
    """What loading the demo network once printed (its logins, among others) and e-mailed."""

    output: str
    mails: tuple


class OuterTransaction:
    """A transaction that stays open while several tests run on the rows made inside it.

    Each test still gets pytest-django's own transaction (``db``), which nests as a savepoint
    inside this one: whatever a test writes is rolled back after it, and the next test sees
    the shared rows exactly as they were made. Closing rolls the shared rows back too.
    """

    def __init__(self):
        self._atomic = self._blocker = None

    def open(self, blocker, build):
        """Run ``build()`` in a new outer transaction and return what it returns."""
        self._blocker = blocker
        with blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                return build()
            except BaseException:
                self.close()
                raise

    @property
    def is_open(self):
        return self._atomic is not None

    def close(self):
        """Roll everything back (nothing happens if it is not open)."""
        if self._atomic is None:
            return
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        # Wagtail keeps site root paths in the cache: none of the shared pages may outlive them.
        cache.clear()


def module_data(build):
    """Make ``build`` a module-scoped fixture (of the same name) whose rows are made once per
    test module, in an ``OuterTransaction`` rolled back after the module's last test.

    For tests that read a handful of shared rows (and may add their own): they then pay for
    creating them once per module instead of once per test. ``build`` takes no arguments.
    """
    @pytest.fixture(scope="module", name=build.__name__)
    def fixture(django_db_setup, django_db_blocker):
        outer = OuterTransaction()
        cache.clear()
        data = outer.open(django_db_blocker, build)
        yield data
        outer.close()

    fixture.__doc__ = build.__doc__
    return fixture


class SharedDemoNetwork:
    """The demo network, loaded in an ``OuterTransaction`` that stays open while its tests run."""

    def __init__(self):
        self.loaded = None  # a DemoNetwork while open
        self._outer = OuterTransaction()

    def open(self, blocker):
        """Load the demo network in a new outer transaction."""
        self.loaded = self._outer.open(blocker, self._load)

    @staticmethod
    def _load():
        with translation.override("en"):
            output = StringIO()
            mail.outbox = []
            call_command("load_demo_network", stdout=output)
        # Each test's ``mailoutbox`` starts empty: keep what the loading sent for the tests.
        return DemoNetwork(output=output.getvalue(), mails=tuple(mail.outbox))

    def close(self):
        """Roll the demo network back (nothing happens if it is not loaded)."""
        self._outer.close()
        self.loaded = None


shared_demo_network = SharedDemoNetwork()


@pytest.fixture(scope="session")
def _demo_network_loaded(django_db_setup, django_db_blocker):
    """Load the demo network once per test session (see ``SharedDemoNetwork``)."""
    shared_demo_network.open(django_db_blocker)
    yield shared_demo_network
    shared_demo_network.close()


@pytest.fixture
def demo_network(_demo_network_loaded, db):
    """The whole demo network, loaded once for all the tests that use it (read or write).

    The tests that use it run one after another (``pytest_collection_modifyitems``), and
    after the last of them the load is rolled back (``pytest_runtest_teardown``).
    """
    if _demo_network_loaded.loaded is None:
        pytest.fail("The shared demo network was rolled back before this test: the tests on it "
                    "must run one after another (has another plugin reordered the tests?)")
    # A previous test may have cached pages or site root paths it later rolled back.
    cache.clear()
    return _demo_network_loaded.loaded


def _uses_demo_network(item):
    return "_demo_network_loaded" in getattr(item, "fixturenames", ())


# The order the tests run in, by kind (see ``_run_group``).
DEMO, PLAIN_DB, NO_DB, TRANSACTIONAL, WHOLE_DATABASE, BROWSER = range(6)


def _run_group(item):
    """Where a test runs: the tests on the demo network first, as one block (and, under
    pytest-xdist, one worker's first large piece of work, so that the workers finish together);
    then plain database tests and those without a database; then the transactional tests,
    which empty the database when they end (the home page the migrations create included) and
    cannot run inside the demo's open transaction; the browser journeys last, because
    Playwright's sync API keeps an event loop running in the main thread until the session
    ends, and Django refuses database calls from such a thread."""
    if item.get_closest_marker("browser"):
        return BROWSER
    if item.get_closest_marker("whole_database"):
        # Replaces the whole database (a backup's round trip): on PostgreSQL a transactional
        # test with serialized rollback after it could not restore the content types.
        return WHOLE_DATABASE
    if _uses_demo_network(item):
        return DEMO
    test_class = getattr(item, "cls", None)
    if test_class and issubclass(test_class, TransactionTestCase):
        return PLAIN_DB if issubclass(test_class, TestCase) else TRANSACTIONAL
    fixtures = getattr(item, "fixturenames", ())
    if "unwrapped_database" in fixtures:
        # Migrates the test database back and forth outside any transaction: it needs the
        # database as migrations left it, before a transactional test empties it.
        return PLAIN_DB
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return TRANSACTIONAL
    if {"transactional_db", "live_server"} & set(fixtures):
        return TRANSACTIONAL
    return PLAIN_DB if marker or "db" in fixtures else NO_DB


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the shared demo network back after the last test on it (its own savepoint first)."""
    result = yield
    if _uses_demo_network(item) and (nextitem is None or not _uses_demo_network(nextitem)):
        shared_demo_network.close()
    return result


def pytest_collection_modifyitems(config, items):
    """Put the tests in the order of ``_run_group``, and skip PostgreSQL-only tests elsewhere.

    Tests marked ``postgres`` need PostgreSQL's row locks and real parallel connections;
    the suite's second run in CI (DATABASE_URL=postgres://…) runs them.
    """
    items.sort(key=_run_group)  # stable: the order within each group stays
    # Under pytest-xdist the tests on the demo network share one worker, which loads it once,
    # and so do the journeys: one served demo network, one browser.
    groups = {DEMO: pytest.mark.xdist_group("demo_network"), BROWSER: pytest.mark.xdist_group("browser")}
    for item in items:
        group = groups.get(_run_group(item))
        if group is not None:
            item.add_marker(group)
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
