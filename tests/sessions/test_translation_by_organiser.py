"""An organiser translates a session in the admin with wagtail-localize (#15): the role that
keeps the programme submits the translation; a Dutch page appears, the event stays one."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from network.translation import sync_all_locale_trees
from sessions.models import SessionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, django_user_model, index):
    user = django_user_model.objects.create_user("olga", "olga@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return client


def test_an_organiser_submits_a_session_for_translation(organiser_client, make_session):
    session = make_session(title="Vacancy in small towns")
    sync_all_locale_trees()
    dutch = Locale.objects.get(language_code="nl")
    url = f"/admin/localize/submit/page/{session.pk}/"
    assert organiser_client.get(url).status_code == 200
    response = organiser_client.post(url, {"locales": [dutch.pk]})
    assert response.status_code == 302
    translation = session.get_translation(dutch)
    assert translation.alias_of_id is None  # a translation to work on, no longer an alias
    assert organiser_client.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200
    # Still one event: the Dutch page is not a second session in the programme.
    assert list(SessionPage.objects.canonical().values_list("pk", flat=True)) == [session.pk]


def test_an_organiser_cannot_add_a_session_in_the_dutch_tree(organiser_client, index):
    sync_all_locale_trees()
    dutch_index = index.get_translation(Locale.objects.get(language_code="nl"))
    response = organiser_client.get(
        f"/admin/pages/add/network_sessions/sessionpage/{dutch_index.pk}/")
    assert response.status_code in (302, 403)  # refused: sessions are added in English only
