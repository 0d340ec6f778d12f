"""URLs of the sessions app outside the page tree (calendar feeds, registrations, intervisions).

The addresses do not depend on page slugs, so subscriptions survive renaming the programme.
"""
from django.urls import path

from . import intervision_views, registration_views, views

app_name = "sessions"

urlpatterns = [
    path("calendar/sessions.ics", views.session_feed, name="calendar_all"),
    path("calendar/themes/<slug:slug>.ics", views.theme_feed, name="calendar_theme"),
    path("calendar/series/<slug:slug>.ics", views.series_feed, name="calendar_series"),
    path("calendar/sessions/<int:pk>.ics", views.session_ics, name="calendar_session"),
    # Registration: the secret links in registration e-mails, and the personal calendar.
    path("calendar/personal/<str:token>.ics", registration_views.personal_calendar,
         name="calendar_personal"),
    path("registrations/<str:token>/", registration_views.manage, name="registration_manage"),
    path("registrations/<str:token>/<int:pk>/cancel/", registration_views.cancel_registration,
         name="registration_cancel"),
    path("registrations/<str:token>/calendar/", registration_views.reset_calendar,
         name="registration_calendar_reset"),
    path("registrations/<str:token>/forget/", registration_views.forget_me,
         name="registration_forget"),
    path("account/sessions/", registration_views.my_registrations, name="my_registrations"),
    # Under /intervisions/ (plural): /intervision/ is the editors' "How intervision works" page.
    path("intervisions/summaries/", intervision_views.summaries, name="intervision_summaries"),
    path("intervisions/records/", intervision_views.record_list, name="intervision_records"),
    path("intervisions/records/<int:pk>/", intervision_views.record_detail, name="intervision_record"),
    path("intervisions/records/<int:pk>/follow-up/", intervision_views.follow_up,
         name="intervision_follow_up"),
    path("intervisions/records/<int:pk>/attachments/<int:number>/", intervision_views.attachment,
         name="intervision_attachment"),
    path("intervisions/actions/", intervision_views.open_actions, name="intervision_actions"),
]
