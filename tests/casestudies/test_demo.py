"""The demo case studies: varied, complete, and loading them twice changes nothing."""
import io

import pytest
from wagtail.models import Revision

from casestudies import demo
from casestudies.models import CaseStudyIndexPage, CaseStudyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_network, site):
    """The demo network the suite loads once, case studies included."""


def test_demo_library_is_varied_and_complete(loaded, client):
    library = CaseStudyIndexPage.objects.get(slug="case-studies", locale__language_code="en")
    cases = list(CaseStudyPage.objects.child_of(library).live()
                 .prefetch_related("areas", "themes", "contacts", "stakeholders"))
    assert len(cases) >= 8
    assert {area.country for case in cases for area in case.areas.all()} == {"NL", "DK"}
    assert len({theme.slug for case in cases for theme in case.themes.all()}) >= 6
    # Cases written in Dutch and Danish are originals in their trees: test_demo_languages.py.
    assert all(case.contacts.all() for case in cases)
    assert sum(1 for case in cases if case.hero_image_id) >= 3
    assert any(block.block_type == "document" for case in cases for block in case.body)
    for case in cases:
        assert client.get(case.url).status_code == 200
    assert client.get(library.url + "?theme=vacancy&country=NL").status_code == 200


def test_loading_twice_changes_nothing(loaded):
    revisions = Revision.objects.count()
    out = io.StringIO()
    demo.load(out)
    assert Revision.objects.count() == revisions
    assert "(0 created or updated)" in out.getvalue()


def test_demo_accounts_for_the_workflow(loaded):
    from django.contrib.auth import get_user_model

    contributor = get_user_model().objects.get(username="contributor")
    assert contributor.groups.filter(name="Case study contributors").exists()
    assert contributor.person.areas.filter(slug="vlaardingen").exists()
