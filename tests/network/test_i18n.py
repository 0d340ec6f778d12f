"""The UI speaks English, Dutch and Danish; the visitor's language choice sticks."""
import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "da"])
def test_home_page_in_members_language(client, site, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for english in ("Next sessions", "Latest case studies", "Skip to main content", "Member login"):
        assert english not in html, f"{english!r} is not translated into {language}"


def test_every_catalogue_translates_the_navigation():
    for language in ("nl", "da"):
        with translation.override(language):
            assert translation.gettext("Members") != "Members"
            assert translation.gettext("Case studies") != "Case studies"


def test_language_switch_is_remembered(client, site):
    response = client.post("/i18n/setlang/", {"language": "da", "next": "/members/"})
    assert response.status_code == 302
    assert '<html lang="da">' in client.get("/members/").content.decode()
