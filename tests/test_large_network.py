"""The large network generator (bench/large_network.py, #17), run at a tiny scale."""
import importlib.util
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.models import Locale, Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from intervisions.models import IntervisionRecord
from network.models import MemberArea, Person
from sessions.models import Registration, SessionIndexPage, SessionPage
from tests.conftest import module_data

SCALE = 0.005  # 50 case studies, 10 areas, 100 people, 25 sessions, 5 intervision records


def load_generator():
    """bench/ is not a package: load the module from its file."""
    path = Path(__file__).resolve().parents[1] / "bench" / "large_network.py"
    spec = importlib.util.spec_from_file_location("large_network", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def generator():
    return load_generator()


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    """The generated images (and their renditions) go to a scratch folder."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@module_data
def generated():
    """A network generated at the tiny scale, once for the module (rolled back after it)."""
    return load_generator().generate(SCALE)


def test_makes_the_numbers_asked_for_in_every_language(generated, db):
    assert MemberArea.objects.filter(slug__startswith="ln-").count() == 10
    assert Person.objects.count() == 100
    assert IntervisionRecord.objects.count() == 5
    for code in ("en", "nl", "da"):
        # Every case study and every session in every language's tree.
        assert CaseStudyPage.objects.filter(locale__language_code=code).count() == 50
        assert SessionPage.objects.filter(locale__language_code=code).count() == 25
    originals = CaseStudyPage.objects.filter(alias_of__isnull=True)
    # Written in more than one language; the other trees hold aliases (or translations).
    assert originals.filter(locale__language_code="en").exists()
    assert originals.values("locale").distinct().count() >= 2
    assert CaseStudyPage.objects.filter(alias_of__isnull=False).count() >= 50
    # Registrations point to the English (canonical) session only.
    assert Registration.objects.exists()
    assert not Registration.objects.exclude(session__locale__language_code="en").exists()
    case = originals.first()
    assert case.themes.count() >= 2 and case.areas.exists() and case.contacts.exists()


def test_pages_form_a_valid_tree(generated, db):
    problems = Page.find_problems()
    assert all(not found for found in problems), problems
    library = CaseStudyIndexPage.objects.get(locale__language_code="en")
    assert library.numchild == 50 == library.get_children().count()
    case = CaseStudyPage.objects.filter(locale__language_code="nl").first()
    assert case.url_path == f"{case.get_parent().url_path}{case.slug}/"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_generated_pages_render(generated, db, client, language):
    locale = Locale.objects.get(language_code=language)
    pages = [CaseStudyIndexPage.objects.get(locale=locale),
             CaseStudyPage.objects.filter(locale=locale, alias_of__isnull=True).first()
             or CaseStudyPage.objects.filter(locale=locale).first(),
             CaseStudyPage.objects.filter(locale=locale, alias_of__isnull=False).first(),
             SessionIndexPage.objects.get(locale=locale),
             SessionPage.objects.filter(locale=locale).first()]
    for page in pages:
        url = page.url
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert page.title.encode() in response.content or page.title in response.text


def test_a_second_run_is_refused(generated, db, generator):
    with pytest.raises(generator.AlreadyGenerated):
        generator.generate(SCALE)
    assert MemberArea.objects.filter(slug__startswith="ln-").count() == 10
