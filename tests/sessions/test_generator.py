"""The admin's series generator: rule, preview, drafts, permissions."""
import datetime
from datetime import UTC

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from sessions.admin_forms import SeriesGeneratorForm
from sessions.models import SessionPage
from sessions.recurrence import MONTHLY, WEEKLY, RecurrenceRule

from .factories import SessionSeriesFactory

pytestmark = pytest.mark.django_db

URL = "/admin/sessions/generate/"


def rule_data(series, **overrides):
    data = {
        "series": series.pk, "title": "Thematic session", "frequency": MONTHLY, "interval": 1,
        "week_of_month": 2, "weekday": 3, "start_date": "2027-01-01", "count": 12,
        "start_time": "15:00", "end_time": "16:30", "time_zone": "Europe/Amsterdam",
        "format": "online", "skip_dates": "",
    }
    data.update(overrides)
    return data


def test_every_second_thursday_twelve_times():
    rule = RecurrenceRule(frequency=MONTHLY, interval=1, weekday=3, week_of_month=2,
                          start_date=datetime.date(2027, 1, 1), count=12)
    dates = rule.dates()
    assert len(dates) == 12
    assert dates[0] == datetime.date(2027, 1, 14) and dates[-1] == datetime.date(2027, 12, 9)
    assert all(d.weekday() == 3 and 8 <= d.day <= 14 for d in dates)


def test_skipped_dates_are_taken_out_and_reported():
    rule = RecurrenceRule(frequency=MONTHLY, interval=1, weekday=3, week_of_month=2,
                          start_date=datetime.date(2027, 1, 1), count=12,
                          skip=(datetime.date(2027, 8, 12), datetime.date(2027, 8, 13)))
    assert datetime.date(2027, 8, 12) not in rule.dates()
    assert len(rule.dates()) == 11
    assert rule.skipped() == [datetime.date(2027, 8, 12)]
    assert rule.unused_skips() == [datetime.date(2027, 8, 13)]


def test_last_weekday_and_weekly_every_other_week():
    last = RecurrenceRule(frequency=MONTHLY, interval=1, weekday=4, week_of_month=-1,
                          start_date=datetime.date(2027, 1, 1), count=2)
    assert last.dates() == [datetime.date(2027, 1, 29), datetime.date(2027, 2, 26)]
    weekly = RecurrenceRule(frequency=WEEKLY, interval=2, weekday=1,
                            start_date=datetime.date(2027, 1, 1), count=3)
    assert weekly.dates() == [datetime.date(2027, 1, 5), datetime.date(2027, 1, 19),
                              datetime.date(2027, 2, 2)]


def test_form_errors_keep_what_was_typed(db):
    series = SessionSeriesFactory()
    form = SeriesGeneratorForm(rule_data(series, end_time="14:00", skip_dates="2027-08-12, 12/08/2027",
                                         count="0"))
    assert not form.is_valid()
    assert set(form.errors) == {"end_time", "skip_dates", "count"}
    assert "12/08/2027" in str(form.errors["skip_dates"])
    assert form["skip_dates"].value() == "2027-08-12, 12/08/2027"


@pytest.fixture
def admin_client(client, django_user_model, index):
    user = django_user_model.objects.create_superuser("organiser", "o@example.org", "pw-for-tests-1")
    client.force_login(user)
    client.user = user
    return client


def test_preview_then_create_drafts(admin_client, index):
    series = SessionSeriesFactory(name="Learning programme 2027")
    response = admin_client.get(URL + f"?series={series.pk}")
    assert response.status_code == 200
    response = admin_client.post(URL, rule_data(series, skip_dates="2027-08-12", action="preview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "11 sessions will be created" in html
    assert "<del>12 August 2027</del>" in html
    assert not SessionPage.objects.exists()  # preview creates nothing
    response = admin_client.post(URL, rule_data(series, skip_dates="2027-08-12", action="create"))
    assert response.status_code == 302
    pages = SessionPage.objects.order_by("starts_at")
    assert pages.count() == 11
    assert all(not page.live and page.series == series for page in pages)
    assert pages[0].title == "Thematic session, 14 January 2027"
    assert all(page.latest_revision_id for page in pages)
    # Drafts: in no listing or feed yet.
    assert b"BEGIN:VEVENT" not in admin_client.get(reverse("sessions:calendar_all")).content


def test_invalid_post_shows_errors_and_keeps_input(admin_client, index):
    series = SessionSeriesFactory()
    response = admin_client.post(URL, rule_data(series, start_time="17:00", skip_dates="soon",
                                                 action="create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The sessions must end after they start." in html
    assert "soon" in html
    assert not SessionPage.objects.exists()


def test_generated_series_keeps_local_time_across_dst(admin_client, index):
    series = SessionSeriesFactory()
    admin_client.post(URL, rule_data(series, frequency=WEEKLY, interval=1, weekday=6,
                                     start_date="2026-03-22", count=2, action="create"))
    before, after = SessionPage.objects.order_by("starts_at")
    assert (before.date, after.date) == (datetime.date(2026, 3, 22), datetime.date(2026, 3, 29))
    assert before.starts_at == datetime.datetime(2026, 3, 22, 14, tzinfo=UTC)
    assert after.starts_at == datetime.datetime(2026, 3, 29, 13, tzinfo=UTC)


def test_only_people_who_may_add_sessions_can_generate(client, django_user_model, index):
    series = SessionSeriesFactory()
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw-for-tests-1")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    # Wagtail's admin turns "permission denied" into a redirect to the dashboard with a message.
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.post(URL, rule_data(series, action="create")).status_code == 302
    assert not SessionPage.objects.exists()
    GroupPagePermission.objects.create(group=group, page=index,
                                       permission=Permission.objects.get(codename="add_page"))
    assert client.get(URL).status_code == 200


def test_series_listing_offers_generate_button(admin_client):
    series = SessionSeriesFactory()
    response = admin_client.get(reverse("wagtailsnippets_network_sessions_sessionseries:list"))
    assert response.status_code == 200
    assert f"{URL}?series={series.pk}".encode() in response.content


def test_dates_hitting_a_clock_change_are_reported_and_not_created(admin_client, index):
    series = SessionSeriesFactory()
    # Sundays 02:30–03:30: 28 March 2027 has no 02:30 in Amsterdam.
    rule = rule_data(series, frequency=WEEKLY, interval=1, weekday=6, start_date="2027-03-21",
                     count=3, start_time="02:30", end_time="03:30")
    gap = ("02:30 does not exist on 28 March 2027 in Europe/Amsterdam: clocks go forward from "
           "02:00 to 03:00.")
    response = admin_client.post(URL, {**rule, "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 200 and gap in html
    assert "1 date falls in a daylight-saving change" in html
    assert 'value="create"' not in html  # no "Create" button
    response = admin_client.post(URL, {**rule, "action": "create"})
    assert response.status_code == 200
    assert response.context["form"].errors["start_time"] == [gap]
    assert not SessionPage.objects.exists()
    # Skipping the date (or choosing another time) lets the rest be created.
    response = admin_client.post(URL, {**rule, "skip_dates": "2027-03-28", "action": "preview"})
    assert "2 sessions will be created" in response.content.decode()
    response = admin_client.post(URL, {**rule, "skip_dates": "2027-03-28", "action": "create"})
    assert response.status_code == 302
    assert list(SessionPage.objects.order_by("date").values_list("date", flat=True)) == [
        datetime.date(2027, 3, 21), datetime.date(2027, 4, 4)]


def test_a_repeated_time_is_reported_too(admin_client, index):
    series = SessionSeriesFactory()
    # Last Sunday of October 2028, 01:00–02:15 in Copenhagen: 02:15 occurs twice.
    rule = rule_data(series, week_of_month=-1, weekday=6, start_date="2028-10-01", count=1,
                     start_time="01:00", end_time="02:15", time_zone="Europe/Copenhagen")
    response = admin_client.post(URL, {**rule, "action": "create"})
    errors = response.context["form"].errors
    assert set(errors) == {"end_time"}
    assert errors["end_time"][0].startswith("02:15 occurs twice on 29 October 2028 in "
                                            "Europe/Copenhagen: clocks go back from 03:00 to 02:00")
    assert not SessionPage.objects.exists()


def test_create_drafts_refuses_a_clock_change_before_creating_anything(admin_client, index):
    from sessions.generator import create_drafts

    series = SessionSeriesFactory()
    with pytest.raises(ValueError, match="02:00 does not exist on 26 March 2028"):
        create_drafts(index=index, series=series, title="Night", user=admin_client.user,
                      dates=[datetime.date(2028, 3, 19), datetime.date(2028, 3, 26)],
                      start_time=datetime.time(2), end_time=datetime.time(4),
                      time_zone="Europe/Amsterdam", format="online")
    assert not SessionPage.objects.exists()
