"""Addresses of the public calendar feeds (included by ``sessions/urls.py``, namespace
``sessions``). They do not depend on page slugs, so subscriptions survive renaming pages."""
from django.urls import path

from . import views

urlpatterns = [
    path("calendar/sessions.ics", views.session_feed, name="calendar_all"),
    path("calendar/themes/<slug:slug>.ics", views.theme_feed, name="calendar_theme"),
    path("calendar/series/<slug:slug>.ics", views.series_feed, name="calendar_series"),
    path("calendar/sessions/<int:pk>.ics", views.session_ics, name="calendar_session"),
]
