"""The demo network has pictures: every case study, session and member area shows a generated
illustration (CC0) with alt text, the same in every language, and loading again adds none."""
from io import StringIO

import pytest
from wagtail.images import get_image_model

from casestudies import demo as casestudies_demo
from casestudies.models import CaseStudyPage
from network import demo as network_demo
from network import illustrations
from network.models import MemberArea
from sessions import demo as sessions_demo
from sessions.languages import sync_translations
from sessions.models import SessionPage

pytestmark = pytest.mark.usefixtures("demo_network")


def demo_images():
    return get_image_model().objects.filter(collection__name=illustrations.COLLECTION)


def test_every_case_study_session_and_member_area_has_a_picture():
    cases = CaseStudyPage.objects.filter(alias_of__isnull=True)
    sessions = SessionPage.objects.canonical()
    assert cases.exists() and sessions.exists()
    assert not cases.filter(hero_image__isnull=True).exists()
    assert not sessions.filter(image__isnull=True).exists()
    assert not MemberArea.objects.filter(image__isnull=True).exists()
    # Including aliases and translations: the card shows the picture in every language.
    assert all(page.card_image for page in CaseStudyPage.objects.all())


def test_demo_pictures_are_described_small_and_credited_as_cc0():
    images = list(demo_images())
    assert len(images) >= 25
    for image in images:
        assert image.description.startswith("Illustration: "), image.title
        assert (image.width, image.height) == (1600, 1067)
        assert image.file_size < 200 * 1024
    # The original and its translations.
    pages = CaseStudyPage.objects.filter(slug="vlaardingen-golden-triangle")
    assert len({page.hero_image_id for page in pages}) == 1
    assert all("CC0" in page.hero_credit for page in pages)  # translated, licence kept
    case = pages.order_by("pk").first()
    assert case.hero_credit == illustrations.CREDIT
    assert case.hero_caption  # the content's own caption
    assert "harbour quay" in case.hero_image.description


def test_a_vacancy_session_shows_empty_shops_and_its_translations_the_same_picture():
    session = SessionPage.objects.canonical().get(slug="2027-02-vacancy")  # hosted by Valby
    assert "“LEJES” (for rent)" in session.card_image.description
    translations = SessionPage.objects.filter(translation_key=session.translation_key).exclude(
        pk=session.pk)
    assert translations.count() == 2
    assert {page.image_id for page in translations} == {session.image_id}


def test_loading_the_demo_again_adds_no_picture():
    count = demo_images().count()
    area_images = dict(MemberArea.objects.values_list("slug", "image_id"))
    output = StringIO()
    network_demo.load(output)
    casestudies_demo.load(output)
    sessions_demo.load_sessions(output)
    assert demo_images().count() == count
    assert dict(MemberArea.objects.values_list("slug", "image_id")) == area_images


def test_a_new_picture_for_a_session_reaches_its_dutch_and_danish_pages():
    """The organiser changes the picture of the English session and publishes it: the
    translations show the new picture too (it is one of the session's facts)."""
    session = SessionPage.objects.canonical().get(slug="2027-03-public-space")
    other = demo_images().exclude(pk=session.image_id).first()
    session.image = other
    session.save_revision().publish()
    sync_translations(SessionPage.objects.get(pk=session.pk))
    pages = SessionPage.objects.filter(translation_key=session.translation_key)
    assert pages.count() == 3
    assert {page.image_id for page in pages} == {other.pk}
    assert {page.card_image for page in pages} == {other}
