"""The programme's filters (sessions.listing.SessionFilter): odd input is ignored with a note."""
import pytest

from network.models import Theme
from tests.sessions.factories import SessionSeriesFactory

pytestmark = pytest.mark.django_db

NOTE = "Some filters were not understood and have been ignored:"


@pytest.fixture
def listed(make_session):
    theme = Theme.objects.create(name="Vacancy", slug="vacancy")
    series = SessionSeriesFactory(name="Setting up centre management", slug="setting-up")
    make_session(title="Online about vacancy", themes=[theme], format="online")
    make_session(title="Hybrid in a series", series=series, format="hybrid")


@pytest.mark.parametrize("query, label", [
    ("theme=%00", "Theme"),
    ("theme=1", "Theme"),  # an id instead of a slug
    ("series=" + "s" * 300, "Series"),
    ("series=setting-up&series=nope", "Series"),  # repeated: the last value counts
    ("format=online%00", "Format"),
    ("when=past&when=tomorrow", "Show"),
    ("month=2031-03%00", "Month"),
])
def test_bad_values_are_ignored_with_a_note(client, index, listed, query, label):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{NOTE} {label}." in html
    # Ignored means: the default listing, every upcoming session.
    assert "Online about vacancy" in html and "Hybrid in a series" in html


def test_an_empty_repeat_does_not_clear_a_filter(client, index, listed):
    html = client.get(f"{index.url}?format=hybrid&format=").content.decode()
    assert "Hybrid in a series" in html and "Online about vacancy" not in html
    assert NOTE not in html


def test_a_filtered_listing_offers_the_feed_of_what_it_shows(client, index, listed):
    response = client.get(f"{index.url}?theme=vacancy&series=setting-up&series=")
    assert response.context["filters"]["series"].name == "Setting up centre management"
    html = response.content.decode()
    assert "/calendar/series/setting-up.ics" in html and "/calendar/themes/vacancy.ics" in html
