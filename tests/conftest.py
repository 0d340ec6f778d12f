"""Fixtures shared by the whole suite."""
import pytest
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


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL's row locks and real parallel connections;
    the suite's second run in CI (DATABASE_URL=postgres://…) runs them."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
