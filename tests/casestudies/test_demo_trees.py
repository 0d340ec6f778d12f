"""The demo case studies in three languages (#15): originals in the tree of their language,
every case in every tree, and a case an older demo put in the English tree moved home."""
import io

import pytest
from wagtail.models import Locale, Page

from casestudies import demo
from casestudies.demo_content import CASES
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from network.translation import sync_page_to_all_locales

pytestmark = pytest.mark.django_db

WRITTEN_IN = {case["slug"]: case.get("written_in", "en") for case in CASES}


def library(code):
    return CaseStudyIndexPage.objects.get(slug="case-studies", locale__language_code=code)


def test_originals_are_in_the_tree_of_their_language(demo_network):
    assert {"nl", "da"} <= set(WRITTEN_IN.values())
    for slug, code in WRITTEN_IN.items():
        original = CaseStudyPage.objects.get(slug=slug, alias_of__isnull=True,
                                             locale__language_code=code)
        assert original.get_parent().pk == library(code).pk


@pytest.mark.parametrize("code", ["en", "nl", "da"])
def test_every_case_is_in_every_tree(demo_network, client, code):
    in_tree = CaseStudyPage.objects.child_of(library(code)).live()
    assert sorted(in_tree.values_list("slug", flat=True)) == sorted(WRITTEN_IN)
    response = client.get(f"/{code}/case-studies/")
    assert response.status_code == 200
    assert f"{len(CASES)} " in response.content.decode()


def test_a_case_an_older_demo_put_in_the_english_tree_is_moved(demo_network):
    slug = next(slug for slug, code in WRITTEN_IN.items() if code == "nl")
    dutch, english = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    original = CaseStudyPage.objects.get(slug=slug, alias_of__isnull=True, locale=dutch)
    # What an older demo left: the Dutch text in the English library, no translation, and the
    # aliases that publishing it made in the other trees.
    for version in Page.objects.filter(translation_key=original.translation_key).exclude(
            pk=original.pk):
        version.delete()
    original.move(library("en"), pos="last-child")
    Page.objects.filter(pk=original.pk).update(locale=english)
    sync_page_to_all_locales(Page.objects.get(pk=original.pk))
    assert Page.objects.filter(alias_of=original, locale=dutch).exists()

    demo.load(io.StringIO())

    moved = CaseStudyPage.objects.get(pk=original.pk)
    assert (moved.slug, moved.locale_id, moved.alias_of_id) == (slug, dutch.pk, None)
    assert moved.get_parent().pk == library("nl").pk
    assert not Page.objects.filter(alias_of=original, locale=dutch).exists()
    assert Page.objects.get(alias_of=original, locale=english).get_parent().pk == library("en").pk
    assert CaseStudyPage.objects.filter(translation_key=moved.translation_key).count() == 3
