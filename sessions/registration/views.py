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
from wagtail import hooks

from network.http import private_link
from network.ids import MAX_ID

from ..calendars.links import subscription_links
from ..calendars.responses import serve_feed
from ..models import Participant, Registration, RegistrationStatus, SessionPage
from .feeds import personal_feed
from .forms import RegistrationForm
from .places import RegistrationRefused, cancel, forget, register

# The tokens we issue: 43 URL-safe base64 characters (a little slack for future lengths).
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _to_manage_page(token):
    return private_link(HttpResponseRedirect(
        reverse("sessions:registration_manage", kwargs={"token": token}), status=303))


def _participant(token, field="manage_token"):
    # Tokens are URL-safe base64; anything else (NUL bytes, dots, very long strings) cannot
    # match and must not reach the database, which may reject it with an error.
    if not TOKEN_RE.fullmatch(token):
        raise Http404
    return get_object_or_404(Participant, **{field: token})


# --- signing up ---------------------------------------------------------------------------


def _as_wagtail_serves(page, request, handler):
    """``handler(page, request)`` behind the checks Wagtail's own serve view runs before a
    page (its ``before_serve_page`` and ``on_serve_page`` hooks, the view restrictions among
    them): a private session takes sign-ups only from the people who may see it."""

    def chain(page, request, args, kwargs):
        return handler(page, request)

    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for check in hooks.get_hooks("before_serve_page"):
        refusal = check(page, request, (), {})
        if isinstance(refusal, HttpResponse):
            return refusal
    return chain(page, request, (), {})


@require_http_methods(["GET", "HEAD", "POST"])
def register_for_session(request, pk):
    """The sign-up form on a session page posts here (drafts and unknown ids: 404)."""
    page = SessionPage.objects.live().filter(pk=pk).first() if pk <= MAX_ID else None
    if page is None or not page.get_url(request):
        raise Http404
    return _as_wagtail_serves(page, request, _sign_up)


def _sign_up(page, request):
    """GET goes to the form; a POST signs up. Errors re-render the page with what was typed."""
    anchor = page.get_url(request) + "#register"
    if request.method != "POST":
        return redirect(anchor)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = register(page, name=data["name"], email=data["email"],
                                    area=data["area"], user=request.user,
                                    language=get_language() or "")
        except RegistrationRefused as refused:
            field = {"duplicate": "email", "area_full": "area"}.get(refused.code)
            form.add_error(field, refused.message)
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
    return private_link(render(request, "sessions/registration/manage.html", {
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
    return private_link(render(request, "sessions/registration/cancel.html", {
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
        return private_link(HttpResponseRedirect("/", status=303))
    upcoming = (Registration.objects.active()
                .filter(participant=participant, session__starts_at__gt=timezone.now())
                .select_related("session").order_by("session__starts_at"))
    return private_link(render(request, "sessions/registration/forget.html", {
        "participant": participant, "upcoming": upcoming, "token": token}))


@require_safe
def personal_calendar(request, token):
    """The sessions one person has a confirmed place at, join links included."""
    return serve_feed(request, personal_feed(_participant(token, "calendar_token")))
