"""The members' list of intervision records: its filters ignore odd input with a note."""
import pytest

from tests.factories import MemberAreaFactory

from .test_channels import login, markers_in, shared_world, world  # noqa: F401 (the fixtures of every test)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]

NOTE = "Some filters were not understood and have been ignored:"


@pytest.mark.parametrize("query, labels", [
    ("theme=nope", "Theme"),
    ("theme=1", "Theme"),  # an id instead of a slug
    ("area=%00", "Area"),
    ("area=" + "a" * 5000, "Area"),
    ("theme=nope&area=schiedam%00", "Theme, Area"),
    ("area=elsewhere&area=nowhere", "Area"),  # repeated: the last value counts
])
def test_bad_filters_are_ignored_with_a_note(client, query, labels):
    login(client, "organiser")
    response = client.get(f"/en/intervisions/records/?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{NOTE} {labels}." in body
    assert markers_in(body) == {"participants", "members", "summary"}


def test_an_empty_repeat_does_not_clear_a_filter(client):
    MemberAreaFactory(slug="elsewhere")
    login(client, "organiser")
    body = client.get("/en/intervisions/records/?area=elsewhere&area=").content.decode()
    assert markers_in(body) == set()
    assert NOTE not in body
