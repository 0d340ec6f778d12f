"""Fixtures shared by the whole suite.

``demo_network`` gives a test the whole demo network (``manage.py load_demo_network``) without
loading it for each test: see its docstring.
"""
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase
from django.utils import translation
from wagtail.models import Site

from network.models import HomePage


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in the site's language: LocaleMiddleware leaves the language of
    the last request active in the thread, which would leak into the next test."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def home_page(db):
    """The home page the migrations create, as the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def site(home_page):
    site = Site.objects.get(is_default_site=True)
    # The test client talks to "testserver"; a default site answers any host anyway.
    return site


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


class SharedDemoNetwork:
    """The demo network, loaded inside a transaction that stays open while its tests run.

    Each test on it still gets pytest-django's own transaction (``db``), which nests as a
    savepoint inside this one: whatever a test writes is rolled back after it, and the next
    test sees the demo network exactly as loaded. Closing rolls the whole load back.
    """

    def __init__(self):
        self.loaded = None  # a DemoNetwork while open
        self._atomic = self._blocker = None

    def open(self, blocker):
        """Load the demo network in a new outer transaction."""
        self._blocker = blocker
        with blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                with translation.override("en"):
                    output = StringIO()
                    mail.outbox = []
                    call_command("load_demo_network", stdout=output)
            except BaseException:
                self.close()
                raise
        # Each test's ``mailoutbox`` starts empty: keep what the loading sent for the tests.
        self.loaded = DemoNetwork(output=output.getvalue(), mails=tuple(mail.outbox))

    def close(self):
        """Roll the demo network back (nothing happens if it is not loaded)."""
        if self._atomic is None:
            return
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = self.loaded = None
        # Wagtail keeps site root paths in the cache: none of the demo's may outlive it.
        cache.clear()


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


def _run_group(item):
    """0 plain database tests, 1 tests on the demo network, 2 transactional tests, 3 the rest,
    4 the browser journeys: Playwright's sync API keeps an event loop running in the main
    thread until the session ends, and Django refuses database calls from such a thread."""
    if item.get_closest_marker("browser"):
        return 4
    if _uses_demo_network(item):
        return 1
    test_class = getattr(item, "cls", None)
    if test_class and issubclass(test_class, TransactionTestCase):
        return 0 if issubclass(test_class, TestCase) else 2
    fixtures = getattr(item, "fixturenames", ())
    if "unwrapped_database" in fixtures:
        # Migrates the test database back and forth outside any transaction: it needs the
        # database as migrations left it, before a transactional test empties it.
        return 0
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return 2
    if {"transactional_db", "live_server"} & set(fixtures):
        return 2
    return 0 if marker or "db" in fixtures else 3


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Roll the shared demo network back after the last test on it (its own savepoint first)."""
    result = yield
    if _uses_demo_network(item) and (nextitem is None or not _uses_demo_network(nextitem)):
        shared_demo_network.close()
    return result


def pytest_collection_modifyitems(config, items):
    """Group the tests on the shared demo network, and skip PostgreSQL-only tests elsewhere.

    pytest-django has already put plain database tests first and transactional ones after
    them. The demo tests go between the two groups: a transactional test empties the
    database when it ends (the home page the migrations create included), and cannot run
    inside the demo's open transaction.

    Tests marked ``postgres`` need PostgreSQL's row locks and real parallel connections;
    the suite's second run in CI (DATABASE_URL=postgres://…) runs them.
    """
    items.sort(key=_run_group)  # stable: the order within each group stays
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
