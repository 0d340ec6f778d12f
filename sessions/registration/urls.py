"""Addresses of registration (included by ``sessions/urls.py``, namespace ``sessions``): the
sign-up form's target, the secret links in registration e-mails and the personal calendar."""
from django.urls import path

from . import views

# A registered person's own calendar: a feed, also answered at its old unprefixed address.
feed_urlpatterns = [
    path("calendar/personal/<str:token>.ics", views.personal_calendar, name="calendar_personal"),
]

urlpatterns = [
    *feed_urlpatterns,
    # The sign-up form on a session page posts here; <session page>/register/ forwards to it.
    path("registrations/sessions/<int:pk>/", views.register_for_session, name="register"),
    path("registrations/sessions/<int:pk>/check-your-email/", views.check_email,
         name="register_check_email"),
    path("registrations/<str:token>/", views.manage, name="registration_manage"),
    path("registrations/<str:token>/<int:pk>/cancel/", views.cancel_registration,
         name="registration_cancel"),
    path("registrations/<str:token>/<int:pk>/confirm/", views.confirm_registration,
         name="registration_confirm"),
    path("registrations/<str:token>/link/", views.reset_manage_link,
         name="registration_link_reset"),
    path("registrations/<str:token>/calendar/", views.reset_calendar,
         name="registration_calendar_reset"),
    path("registrations/<str:token>/forget/", views.forget_me, name="registration_forget"),
    path("account/sessions/", views.my_registrations, name="my_registrations"),
]
