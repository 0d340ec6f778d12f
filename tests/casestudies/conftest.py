"""Fixtures for the case-study tests."""
import pytest

from casestudies import roles
from network.models import Theme
from tests.factories import MemberAreaFactory

from .factories import CaseStudyIndexPageFactory, CaseStudyPageFactory, user_in


@pytest.fixture
def library(home_page, site):
    """The case-study library (slug "case-studies") under the home page."""
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def make_case(library):
    """Create a published case study in the library."""
    def make(**kwargs):
        return CaseStudyPageFactory(parent=library, **kwargs)
    return make


def make_themes():
    """Four themes by slug (found if they exist already)."""
    names = {"vacancy": "Vacancy", "branding": "Branding", "mobility": "Mobility",
             "governance": "Organisation and governance"}
    return {slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in names.items()}


@pytest.fixture
def themes(db):
    return make_themes()


@pytest.fixture
def own_area(db):
    """The contributor's member area."""
    return MemberAreaFactory(slug="vlaardingen", name="Vlaardingen city centre")


@pytest.fixture
def other_area(db):
    return MemberAreaFactory(slug="schiedam", name="Schiedam centre")


@pytest.fixture
def contributor(library, own_area):
    """A case study contributor of ``own_area`` (their directory entry is ``.person``)."""
    return user_in(roles.CONTRIBUTORS, "contributor", [own_area])


@pytest.fixture
def editor(library):
    return user_in(roles.EDITORS, "editor")
