"""Fixtures for the case-study tests."""
import pytest

from network.models import Theme

from .factories import CaseStudyIndexPageFactory, CaseStudyPageFactory


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


@pytest.fixture
def themes(db):
    names = {"vacancy": "Vacancy", "branding": "Branding", "mobility": "Mobility",
             "governance": "Organisation and governance"}
    return {slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in names.items()}
