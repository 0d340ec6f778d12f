"""Fixtures for the sessions tests."""
import datetime

import pytest
from django.utils import timezone

from sessions.models import SessionPage
from tests.factories import MemberAreaFactory

from .factories import SessionIndexPageFactory, SessionPageFactory


@pytest.fixture
def index(home_page, site):
    """The session programme page (slug "sessions") under the home page."""
    return SessionIndexPageFactory(parent=home_page)


@pytest.fixture
def future_date():
    """A Thursday well in the future, so "upcoming" does not depend on today's date."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=60)
    return day + datetime.timedelta(days=(3 - day.weekday()) % 7)


@pytest.fixture
def make_session(index, future_date):
    """Create a published session under the programme page."""
    def make(**kwargs):
        kwargs.setdefault("date", future_date)
        return SessionPageFactory(parent=index, **kwargs)
    return make


def edit(page, publish=True, user=None, **changes):
    """Change a session the way the admin does: save a draft revision, then publish it."""
    page = SessionPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return SessionPage.objects.get(pk=page.pk)


@pytest.fixture
def delft(db):
    """A member area to register from."""
    return MemberAreaFactory(name="Delft", slug="delft")

