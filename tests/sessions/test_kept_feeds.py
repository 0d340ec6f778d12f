"""Public calendar feeds' bytes kept in the process, gzipped, per ETag (``Feed.body``, #17):
every change a subscriber should see is in the next full answer, whether it moves the ETag
(a session moved, cancelled, added) or not (a theme renamed: the theme feed's name), written
as another host would; a private feed is never kept."""
import pytest
from django.urls import reverse

from network import memo
from network.models import Theme
from sessions.calendars import feeds

from .conftest import edit
from .ical_checks import events_by_uid, parse_both

pytestmark = pytest.mark.django_db


@pytest.fixture
def another_host(monkeypatch):
    """Writes reach the feeds only through the tables' stamps, as from another host."""
    monkeypatch.setattr(memo, "forget", lambda: None)


def events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return events_by_uid(parse_both(response.content)[0]), response


def test_a_kept_feed_follows_every_change(client, make_session, another_host):
    vacancy = Theme.objects.create(name="Vacancy", slug="vacancy")
    session = make_session(title="Empty shops", themes=[vacancy])
    urls = (reverse("sessions:calendar_all"),
            reverse("sessions:calendar_theme", kwargs={"slug": "vacancy"}))
    for url in urls:
        client.get(url)  # kept now
        before, _ = events(client, url)
        assert str(before[session.calendar_uid]["summary"]) == "Empty shops"

    edit(session, title="Empty shops, full streets")
    added = make_session(title="Market day", themes=[vacancy])
    for url in urls:
        after, _ = events(client, url)
        assert str(after[session.calendar_uid]["summary"]) == "Empty shops, full streets", url
        assert added.calendar_uid in after, url

    vacancy.name = "Empty units"
    vacancy.save()
    _, response = events(client, urls[1])
    assert "Empty units" in response.content.decode()


def test_a_kept_feed_is_read_once_and_the_bytes_are_the_built_ones(client, make_session,
                                                                   django_assert_num_queries):
    make_session(title="Empty shops")
    url = reverse("sessions:calendar_all")
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_private_feed_is_never_kept(client, make_session, monkeypatch):
    """A personal calendar holds join links: built for each request, never kept."""
    kept = []
    real = memo.remember_tables

    def spy(name, *args, **kwargs):
        kept.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(feeds.memo, "remember_tables", spy)
    from sessions.registration.feeds import personal_feed
    from sessions.registration.places import register

    session = make_session(title="Empty shops", capacity=5)
    registration = register(session, name="Anna", email="anna@example.nl", notify=False)
    feed = personal_feed(registration.participant)
    assert feed.private
    url = reverse("sessions:calendar_personal",
                  kwargs={"token": registration.participant.calendar_token})
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert "calendar-feed-bodies" not in kept
    client.get(reverse("sessions:calendar_all"))
    assert "calendar-feed-bodies" in kept
