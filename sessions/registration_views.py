"""Public views of registration: signing up on a session page, a person's registrations
(reached through the secret link in their e-mails), cancelling, and the personal calendar.

Pages behind a secret link are never cached by shared caches, never indexed, and send a
Referer only to this site, so the secret does not travel to other sites.
"""
from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import feeds
from .forms import RegistrationForm
from .links import subscription_links
from .models import Participant, Registration, RegistrationStatus
from .registration import RegistrationRefused, cancel, forget, register
from .views import MAX_ID, serve_feed

# The tokens we issue: 43 URL-safe base64 characters (a little slack for future lengths).
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": with it browsers send "Origin: null" with the page's own forms, which
    # Django's CSRF check refuses. "same-origin" still keeps the secret from other sites.
    response["Referrer-Policy"] = "same-origin"
    return response


def _to_manage_page(token):
    return _private(HttpResponseRedirect(
        reverse("sessions:registration_manage", kwargs={"token": token}), status=303))


def _participant(token, field="manage_token"):
    # Tokens are URL-safe base64; anything else (NUL bytes, dots, very long strings) cannot
    # match and must not reach the database, which may reject it with an error.
    if not TOKEN_RE.fullmatch(token):
        raise Http404
    return get_object_or_404(Participant, **{field: token})


# --- signing up ---------------------------------------------------------------------------


def register_for_session(page, request):
    """POST from the form on a session page. Errors re-render the page with what was typed."""
    anchor = page.get_url(request) + "#register"
    if request.method in ("GET", "HEAD"):
        return redirect(anchor)
    if request.method != "POST":
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = register(page, name=data["name"], email=data["email"],
                                    area=data["area"], user=request.user,
                                    language=get_language() or "")
        except RegistrationRefused as refusal:
            field = {"duplicate": "email", "area_full": "area"}.get(refusal.code)
            form.add_error(field, refusal.message)
        else:
            if registration.is_confirmed:
                messages.success(request, _("You are registered. We have sent a confirmation "
                                            "with a calendar invitation to %(email)s.")
                                 % {"email": registration.participant.email})
            else:
                messages.info(request, _("The session is full, so you are on the waiting list "
                                         "(number %(position)d). We have sent the details to "
                                         "%(email)s and will write when a place comes free.")
                              % {"position": registration.waiting_position(),
                                 "email": registration.participant.email})
            return HttpResponseRedirect(anchor, status=303)
    return page.render(request, context_overrides={"registration_form": form})


@login_required
@require_safe
def my_registrations(request):
    """A logged-in member's way to their registrations page."""
    participant = Participant.objects.for_user(request.user).order_by("pk").first()
    if participant is not None:
        return redirect("sessions:registration_manage", token=participant.manage_token)
    return render(request, "sessions/registration/none.html")


# --- behind the secret link ---------------------------------------------------------------


@require_safe
def manage(request, token):
    """Everything one person registered for, with cancel links and their personal calendar."""
    participant = _participant(token)
    now = timezone.now()
    registrations = list(
        Registration.objects.active().filter(participant=participant, session__live=True)
        .with_waiting_position().select_related("session", "area")
        .order_by("session__starts_at", "pk"))
    upcoming = [r for r in registrations if r.session.ends_at >= now]
    past = [r for r in registrations if r.session.ends_at < now][::-1]
    calendar_path = reverse("sessions:calendar_personal",
                            kwargs={"token": participant.calendar_token})
    return _private(render(request, "sessions/registration/manage.html", {
        "participant": participant,
        "upcoming": upcoming,
        "past": past,
        "calendar": subscription_links(request, calendar_path, _("My sessions")),
        "token": token,
    }))


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token, pk):
    """GET asks for confirmation (mail scanners follow links; they must not cancel); POST
    cancels and hands the place to the waiting list."""
    participant = _participant(token)
    if pk > MAX_ID:
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("session", "participant"),
        pk=pk, participant=participant)
    session = registration.session
    started = session.starts_at <= timezone.now()
    can_cancel = registration.status != RegistrationStatus.CANCELLED and not started
    if request.method == "POST" and can_cancel:
        cancel(registration)
        messages.success(request, _("Your registration for “%(title)s” is cancelled. Thank you "
                                    "for letting us know.") % {"title": session.title})
        return _to_manage_page(token)
    return _private(render(request, "sessions/registration/cancel.html", {
        "registration": registration, "session": session, "started": started,
        "can_cancel": can_cancel, "token": token,
    }, status=409 if request.method == "POST" else 200))


@require_POST
def reset_calendar(request, token):
    """Give the personal calendar a new secret address; the old one stops working."""
    participant = _participant(token)
    participant.reset_calendar_token()
    messages.success(request, _("Your personal calendar has a new address. The old address no "
                                "longer works: subscribe again with the new one below."))
    return _to_manage_page(token)


@require_http_methods(["GET", "HEAD", "POST"])
def forget_me(request, token):
    """GET asks for confirmation; POST deletes the participant and all their registrations."""
    participant = _participant(token)
    if request.method == "POST":
        forget(participant)
        messages.success(request, _("Your registrations and the data we kept for them are "
                                    "deleted. The sessions you were registered for have been "
                                    "cancelled for you."))
        return _private(HttpResponseRedirect("/", status=303))
    upcoming = (Registration.objects.active()
                .filter(participant=participant, session__starts_at__gt=timezone.now())
                .select_related("session").order_by("session__starts_at"))
    return _private(render(request, "sessions/registration/forget.html", {
        "participant": participant, "upcoming": upcoming, "token": token}))


@require_safe
def personal_calendar(request, token):
    """The sessions one person has a confirmed place at, join links included."""
    return serve_feed(request, feeds.personal_feed(_participant(token, "calendar_token")))
