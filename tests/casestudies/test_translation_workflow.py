"""An editor translates a case study in the admin with wagtail-localize, through the admin's
own views (#15, docs/languages.md): submit for translation, translate the segments, publish,
and bring the translation up to date when the original changes."""
import json

import pytest
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from network.translation import sync_all_locale_trees

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_case):
    page = make_case(title="Shop windows without shops", slug="shop-windows",
                     summary="Empty units dressed by local artists.")
    sync_all_locale_trees()  # as publishing does: the case is in every tree, as an alias
    return page


@pytest.fixture
def dutch():
    return Locale.objects.get(language_code="nl")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def submit(client, page, locale):
    return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})


def translate_string(client, translation_, source_text, target_text):
    segment = StringSegment.objects.get(source=translation_.source, string__data=source_text)
    response = client.put(
        f"/admin/localize/translate/{translation_.pk}/strings/{segment.pk}/edit/",
        data=f"value={target_text}", content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content


def test_an_editor_translates_a_case_study_and_publishes_it(client, editor_client, case, dutch):
    assert editor_client.get(f"/admin/localize/submit/page/{case.pk}/").status_code == 200
    response = submit(editor_client, case, dutch)
    assert response.status_code == 302
    dutch_page = case.get_translation(dutch)
    assert dutch_page.alias_of_id is None  # the alias became a translation
    translation_ = Translation.objects.get(source__object_id=case.translation_key,
                                           target_locale=dutch)

    # The page's edit view is the translation editor, for the editor who translates.
    editor_view = editor_client.get(f"/admin/pages/{dutch_page.pk}/edit/")
    assert editor_view.status_code == 200
    assert b'class="js-translation-editor"' in editor_view.content

    translate_string(editor_client, translation_, "Shop windows without shops",
                     "Etalages zonder winkels")
    translate_string(editor_client, translation_, "Empty units dressed by local artists.",
                     "Lege panden, ingericht door kunstenaars uit de stad.")
    response = editor_client.post(f"/admin/pages/{dutch_page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    html = client.get("/nl/case-studies/shop-windows/").content.decode()
    assert "Etalages zonder winkels" in html
    assert "notice--language" not in html  # translated: no "only available in" notice


def test_when_the_original_changes_the_translation_is_out_of_date_until_synced(
        editor_client, case, dutch):
    submit(editor_client, case, dutch)
    source = TranslationSource.objects.get(object_id=case.translation_key)

    case.summary = "Empty units dressed by artists, with a lease to follow."
    case.save_revision().publish()
    dutch_page = Page.objects.get(pk=case.get_translation(dutch).pk).specific
    assert dutch_page.summary == "Empty units dressed by local artists."  # not yet synced

    # The editor's "Sync translated pages" form, as the admin shows it after publishing.
    update_url = f"/admin/localize/update/{source.pk}/"
    assert editor_client.get(update_url).status_code == 200
    response = editor_client.post(update_url, {"publish_translations": "on"})
    assert response.status_code == 302
    dutch_page = Page.objects.get(pk=case.get_translation(dutch).pk).specific
    # The new sentence is a new segment: untranslated until done, shown in the original.
    assert StringSegment.objects.filter(
        source=source, string__data="Empty units dressed by artists, with a lease to follow.").exists()
    assert dutch_page.summary == "Empty units dressed by artists, with a lease to follow."


def test_a_contributor_cannot_submit_translations(client, case, dutch, django_user_model):
    from casestudies import roles
    from tests.casestudies.factories import user_in

    contributor = user_in(roles.CONTRIBUTORS, "contributor")
    client.force_login(contributor)
    response = submit(client, case, dutch)
    assert response.status_code in (302, 403)
    assert case.get_translation(dutch).alias_of_id == case.pk  # still only an alias


def test_the_translation_report_lists_translations_for_editors(editor_client, case, dutch):
    submit(editor_client, case, dutch)
    with translation.override("en"):
        response = editor_client.get("/admin/localize/reports/translations/")
    assert response.status_code == 200
    assert json.dumps("Shop windows without shops")[1:-1] in response.content.decode()
