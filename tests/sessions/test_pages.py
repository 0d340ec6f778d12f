"""The programme listing, the session page and the tags on home and area pages."""
import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageViewRestriction

from network.models import Theme
from sessions.models import SessionStatus
from tests.factories import MemberAreaFactory

from .conftest import edit
from .factories import SessionSeriesFactory

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/secret-room-42"


@pytest.fixture
def themes(db):
    return {slug: Theme.objects.create(name=slug.title(), slug=slug)
            for slug in ("vacancy", "branding")}


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_listing_shows_upcoming_by_default_and_past_with_materials(client, make_session, index):
    today = timezone.localdate()
    make_session(title="Next month on vacancy")
    make_session(title="Last spring on branding", date=today - datetime.timedelta(days=40),
                 summary="<p>Three towns compared their logos.</p>")
    html = html_of(client.get(index.url))
    assert "Next month on vacancy" in html and "Last spring on branding" not in html
    assert '<main id="main"' in html and '<label for="id_theme">' in html
    html = html_of(client.get(index.url + "?when=past"))
    assert "Last spring on branding" in html and "Next month on vacancy" not in html
    assert "Summary and materials" in html


def test_listing_filters_by_theme_series_and_format(client, make_session, index, themes):
    series = SessionSeriesFactory(name="Setting up centre management", slug="setting-up")
    make_session(title="About empty shops", themes=[themes["vacancy"]])
    make_session(title="Working group meeting", series=series, format="in_person", venue="Deventer")
    make_session(title="Logo session", themes=[themes["branding"]], format="hybrid")
    assert "About empty shops" in html_of(client.get(index.url + "?theme=vacancy"))
    assert "Logo session" not in html_of(client.get(index.url + "?theme=vacancy"))
    html = html_of(client.get(index.url + "?series=setting-up"))
    assert "Working group meeting" in html and "About empty shops" not in html
    assert "/calendar/series/setting-up.ics" in html  # subscribe to what you filtered on
    html = html_of(client.get(index.url + "?format=hybrid"))
    assert "Logo session" in html and "About empty shops" not in html


def test_month_view(client, make_session, index):
    make_session(title="March session", date=datetime.date(2031, 3, 13))
    make_session(title="April session", date=datetime.date(2031, 4, 10))
    html = html_of(client.get(index.url + "?month=2031-03"))
    assert "March session" in html and "April session" not in html
    assert "month=2031-04" in html and "month=2031-02" in html  # next / previous month


@pytest.mark.parametrize("query", [
    "?month=2026-13", "?month=abcd-ef", "?month=" + "9" * 5000, "?page=abc", "?page=²",
    "?page=99999999999999999999", "?page=-1", "?theme[]=x", "?theme=%00", "?series=%00%ff",
    "?format=teleport", "?when=tomorrow", "?theme=" + "x" * 10000, "?month=2026-03%00",
    "?theme=vacancy&theme=branding", "?series=no-such-series",
])
def test_bad_input_never_fails(client, make_session, index, themes, query):
    make_session(title="Still listed")
    response = client.get(index.url + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still listed" in html or "No session matches" in html


def test_bad_filter_value_is_reported(client, make_session, index):
    make_session()
    html = html_of(client.get(index.url + "?month=2026-13&format=teleport"))
    assert "Some filters were not understood and have been ignored" in html
    assert "have been ignored: Format, Month." in html


def test_pagination_keeps_filters(client, make_session, index):
    for i in range(14):
        make_session(title=f"Online {i}")
    html = html_of(client.get(index.url + "?format=online"))
    assert "format=online&amp;page=2" in html or "page=2&amp;format=online" in html
    assert "Online 13" in html_of(client.get(index.url + "?format=online&page=2"))


def test_drafts_and_private_sessions_are_not_listed(client, make_session, index):
    make_session(title="Open to all")
    make_session(title="Not yet published", live=False)
    private = make_session(title="Closed group only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = html_of(client.get(index.url))
    assert "Open to all" in html
    assert "Not yet published" not in html and "Closed group only" not in html
    assert "Closed group only" not in html_of(client.get("/en/"))


def test_session_page_shows_time_in_its_zone_and_calendar_links(client, make_session):
    session = make_session(title="Public space in Køge", time_zone="Europe/Copenhagen",
                           date=datetime.date(2031, 3, 13))
    html = html_of(client.get(session.url))
    assert "Thursday 13 March 2031, 15:00" in html and "16:30" in html
    assert "CET" in html and "Europe/Copenhagen" in html
    assert f"/calendar/sessions/{session.pk}.ics" in html
    assert "webcal://" in html
    assert "calendar.google.com" in html and "outlook.live.com" in html


def test_join_link_only_for_organisers(client, member_client, make_session, django_user_model):
    session = make_session(format="online")
    assert JOIN not in html_of(client.get(session.url))
    assert JOIN not in html_of(member_client.get(session.url))
    assert JOIN not in html_of(client.get(session.get_parent().url))
    # An editor with edit rights on the programme sees it.
    editors = Group.objects.create(name="Session editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=editors, page=session.get_parent(),
                                       permission=Permission.objects.get(codename="change_page"))
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw-for-tests-1")
    editor.groups.add(editors)
    client.force_login(editor)
    assert JOIN in html_of(client.get(session.url))
    assert session.can_see_join_link(editor)
    staff = django_user_model.objects.create_user("staff", "s@example.org", "x", is_staff=True)
    assert session.can_see_join_link(staff)
    assert not session.can_see_join_link(member_client.user)


def test_moved_session_shows_old_time_struck_through(client, make_session, future_date):
    session = make_session(start_time=datetime.time(15), end_time=datetime.time(16, 30))
    session = edit(session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    html = html_of(client.get(session.url))
    assert "<del>" in html and "15:00" in html and "10:00" in html
    assert "Moved" in html
    assert "<del>" in html_of(client.get(session.get_parent().url))


def test_cancelled_session_shows_reason(client, make_session):
    session = edit(make_session(), status=SessionStatus.CANCELLED,
                   cancellation_reason="The speaker fell ill.")
    html = html_of(client.get(session.url))
    assert "This session is cancelled." in html and "The speaker fell ill." in html


def test_home_page_shows_next_session_and_area_page_hosted_ones(client, make_session, site):
    area = MemberAreaFactory(name="Køge", slug="koge")
    make_session(title="Hosted in Køge", host_area=area)
    assert "Hosted in Køge" in html_of(client.get("/en/"))
    assert "Hosted in Køge" in html_of(client.get(area.get_absolute_url()))


def test_registration_window_is_shown(client, make_session):
    opens = timezone.now() - datetime.timedelta(days=1)
    session = make_session(capacity=24, registration_opens=opens,
                           registration_closes=timezone.now() + datetime.timedelta(days=5))
    html = html_of(client.get(session.url))
    assert "24 places left" in html
    assert f'action="/en/registrations/sessions/{session.pk}/"' in html


def test_listing_query_count_does_not_grow(client, make_session, index, themes,
                                           django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    series = SessionSeriesFactory()
    for i in range(3):
        make_session(title=f"S{i}", themes=[themes["vacancy"], themes["branding"]], series=series)
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    # Counted now: the context reads the connection's query log, which later queries rotate.
    budget = len(few)
    for i in range(20):
        make_session(title=f"T{i}", themes=[themes["vacancy"]], series=series)
    client.get(index.url)  # what is read once per content generation is read again after writes
    with django_assert_max_num_queries(budget):
        assert "T8" in html_of(client.get(index.url))


# --- the session page on a phone: facts first, one "Add to calendar" control ----------------

class _CalendarLinks(HTMLParser):
    """Collects the calendar links of a page and the <details> each one sits in."""

    CALENDAR = ("webcal://", ".ics", "calendar.google.com", "outlook.live.com")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_details = []  # the outermost <details> is the control a link belongs to
        self.controls = 0
        self.links = {}  # href -> index of its outermost <details>, or None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details":
            if not self.open_details:
                self.controls += 1
            self.open_details.append(self.controls)
        elif tag == "a" and any(mark in (attrs.get("href") or "") for mark in self.CALENDAR):
            self.links[attrs["href"]] = self.open_details[0] if self.open_details else None

    def handle_endtag(self, tag):
        if tag == "details" and self.open_details:
            self.open_details.pop()


def _calendar_links(html):
    parser = _CalendarLinks()
    parser.feed(html)
    return parser.links


def test_session_facts_come_before_the_description_and_agenda(client, make_session, themes):
    session = make_session(
        title="Squares people stay on", date=datetime.date(2031, 3, 13), format="in_person",
        venue="Town hall", capacity=30, themes=[themes["vacancy"]],
        agenda=[("item", {"time": datetime.time(15), "item": "Welcome"})])
    html = html_of(client.get(session.url))
    facts = html.index('<dl class="session-facts">')
    facts_html = html[facts:html.index("</dl>", facts)]
    for fact in ("Thursday 13 March 2031, 15:00", "CET", "In person · Town hall", "Vacancy",
                 "30 places left", "Open"):
        assert fact in facts_html
    register = html.index('<a class="button" href="#register">Register</a>')
    assert facts < register < html.index('id="about-heading"') < html.index('id="agenda-heading"')


def test_cancelled_and_moved_status_are_among_the_facts(client, make_session):
    session = edit(make_session(capacity=10), status=SessionStatus.CANCELLED,
                   cancellation_reason="The speaker fell ill.")
    html = html_of(client.get(session.url))
    facts = html[html.index('<dl class="session-facts">'):]
    facts = facts[:facts.index("</dl>")]
    assert "Cancelled" in facts and "places left" not in facts
    assert 'href="#register"' not in html  # nothing to register for
    moved = edit(make_session(), start_time=datetime.time(10), end_time=datetime.time(11, 30))
    html = html_of(client.get(moved.url))
    facts = html[html.index('<dl class="session-facts">'):]
    assert "Moved" in facts[:facts.index("</dl>")] and "<del>" in facts[:facts.index("</dl>")]


def test_calendar_links_sit_in_one_add_to_calendar_control(client, make_session):
    series = SessionSeriesFactory(name="Working group", slug="working-group")
    session = make_session(series=series)
    html = html_of(client.get(session.url))
    links = _calendar_links(html)
    assert len(links) == 11  # the session's own 3, and 4 for each of two feeds
    assert set(links.values()) == {1}  # all inside the first and only <details>
    assert html.count("<details") == 1
    assert "<summary" in html and "Add to calendar</summary>" in html


def test_session_page_keeps_every_calendar_link(client, make_session, rf):
    from django.urls import reverse
    from django.utils.html import escape

    from sessions.calendars.links import session_links, subscription_links

    series = SessionSeriesFactory(name="Working group", slug="working-group")
    session = make_session(series=series)
    html = html_of(client.get(session.url))
    request = rf.get(session.url)
    expected = [session_links(request, session)[key] for key in ("ics", "google", "outlook")]
    for path, name in ((reverse("sessions:calendar_series", kwargs={"slug": "working-group"}),
                        "Working group"),
                       (reverse("sessions:calendar_all"), "All sessions")):
        feed = subscription_links(request, path, name)
        expected += [feed[key] for key in ("webcal", "google", "outlook", "ics")]
    for url in expected:
        assert f'href="{escape(url)}"' in html, url


def test_listing_calendar_links_sit_in_one_control(client, make_session, index, themes):
    series = SessionSeriesFactory(name="Working group", slug="working-group")
    make_session(series=series, themes=[themes["vacancy"]])
    html = html_of(client.get(index.url + "?theme=vacancy&series=working-group"))
    links = _calendar_links(html)
    assert "/calendar/series/working-group.ics" in html and "/calendar/themes/vacancy.ics" in html
    # One control: the same <details> for every link (the filter panel is a <details> too,
    # before it in the page, and holds none of them).
    assert len(links) >= 12 and len(set(links.values())) == 1 and None not in links.values()
