"""Public views of registration: signing up on a session page, a person's registrations
(reached through the secret link in their e-mails), cancelling, and the personal calendar.

Pages behind a secret link are never cached by shared caches, never indexed, and send a
Referer only to this site, so the secret does not travel to other sites.

Who may sign up at once: a logged-in member signing up with their verified address
(``network.identity.verified_email``), with their directory entry's member area. Anyone else
(visitors, members without a verified address, a member typing another address) gets a
place held until they confirm the address from the e-mail we send, and the same "check your
e-mail" answer whether the address is new, registered or on the waiting list: only the
e-mail differs. Those sign-ups are rate-limited per client and per e-mail address
(``limits``).
"""
from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail import hooks

from network.http import no_store, private_link
from network.identity import owns_address, verified_email
from network.ids import MAX_ID

from ..calendars.links import subscription_links
from ..calendars.responses import serve_feed
from ..languages import active_language, attach_texts, session_text
from ..models import Participant, Registration, RegistrationStatus, SessionPage
from . import limits, notifications
from .feeds import personal_feed
from .forms import RegistrationForm
from .places import RegistrationRefused, cancel, confirm, forget, register

# The tokens we issue: 43 URL-safe base64 characters (a little slack for future lengths).
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _to_manage_page(token):
    return private_link(HttpResponseRedirect(
        reverse("sessions:registration_manage", kwargs={"token": token}), status=303))


class UnknownLink(Http404):
    """A registrations link that does not (or no longer) work: answered with a page that says
    links can be replaced (see ``unknown_link``)."""


def _participant(token, field="manage_token"):
    # Tokens are URL-safe base64; anything else (NUL bytes, dots, very long strings) cannot
    # match and must not reach the database, which may reject it with an error.
    participant = None
    if TOKEN_RE.fullmatch(token):
        participant = Participant.objects.filter(**{field: token}).first()
    if participant is None:
        raise UnknownLink if field == "manage_token" else Http404
    return participant


def _behind_manage_link(view):
    """Answer an unknown or replaced registrations link with a 404 page that explains why."""

    def wrapped(request, token, *args, **kwargs):
        try:
            return view(request, token, *args, **kwargs)
        except UnknownLink:
            return private_link(render(request, "sessions/registration/unknown_link.html",
                                       status=404))

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


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
    return _as_wagtail_serves(_live_session(request, pk), request, _sign_up)


def _live_session(request, pk):
    """The published session ``pk`` that this site serves, or 404, as the page a reader of the
    active language sees (its translation or alias). Signing up on it signs up for its
    canonical session (``page.canonical``): the same places and waiting list in every
    language."""
    page = SessionPage.objects.live().filter(pk=pk).first() if pk <= MAX_ID else None
    if page is None or not page.get_url(request):
        raise Http404
    shown = session_text(page.canonical, active_language())
    return shown if shown.get_url(request) else page


def _sign_up(page, request):
    """GET goes to the form; a POST signs up. Errors re-render the page with what was typed."""
    anchor = page.get_url(request) + "#register"
    if request.method != "POST":
        return redirect(anchor)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        if owns_address(request.user, form.cleaned_data["email"]):
            response = _register_member(page, request, form, anchor)
        else:
            response = _register_by_email(page, request, form)
        if response is not None:
            return response
    return page.render(request, context_overrides={"registration_form": form})


def _refusal_field(refused):
    return {"duplicate": "email", "area_full": "area"}.get(refused.code)


def _register_member(page, request, form, anchor):
    """A member with a verified address: a place or a waiting-list turn at once, for the
    member area of their directory entry (not the one picked). None: the form has errors."""
    data = form.cleaned_data
    area = RegistrationForm.member_area(request.user, data["area"])
    try:
        registration = register(page.canonical, name=data["name"], email=data["email"],
                                area=area, user=request.user, language=active_language())
    except RegistrationRefused as refused:
        form.add_error(_refusal_field(refused), refused.message)
        return None
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


def _register_by_email(page, request, form):
    """Anyone else: a place held until the address is confirmed from the e-mail. The answer
    is "check your e-mail" whether the address is new or already registered (that e-mail
    then says so instead). None: the form has errors."""
    data = form.cleaned_data
    too_many = limits.check_sign_up(request, data["email"])
    if too_many is not None:
        if too_many.reason == "client":
            message = _("There have been too many sign-ups from your network in a short time. "
                        "Please try again in %(minutes)d minutes.")
        else:
            message = _("This e-mail address has been signed up too often in a short time. "
                        "Please try again in %(minutes)d minutes.")
        form.add_error(None, message % {"minutes": too_many.minutes})
        response = page.render(request, context_overrides={"registration_form": form})
        response.status_code = 429
        return response
    try:
        # No account is linked: the address is not yet known to be the signer's.
        register(page.canonical, name=data["name"], email=data["email"], area=data["area"],
                 language=active_language(), hold=True)
    except RegistrationRefused as refused:
        if refused.code != "duplicate":
            form.add_error(_refusal_field(refused), refused.message)
            return None
        existing = refused.registration
        if existing is not None:
            if existing.is_pending:
                notifications.confirm_address(existing)
            else:
                notifications.already_registered(existing)
    messages.info(request, _("We have sent an e-mail to %(email)s. Open the link in it to "
                             "confirm your registration.") % {"email": data["email"]})
    return HttpResponseRedirect(
        reverse("sessions:register_check_email", kwargs={"pk": page.canonical.pk}), status=303)


@require_safe
def check_email(request, pk):
    """After a sign-up that must be confirmed: the same page, whatever the address was."""
    return _as_wagtail_serves(_live_session(request, pk), request, _check_email_page)


def _check_email_page(page, request):
    minutes = getattr(settings, "SESSION_SIGNUP_HOLD_MINUTES", 30)
    session = page.canonical
    session.text = page
    return no_store(render(request, "sessions/registration/check_email.html",
                           {"session": session, "minutes": minutes}))


@login_required
@require_safe
def my_registrations(request):
    """A logged-in member's way to their registrations page: the participant linked to the
    account or known by its verified address (never by an address merely typed into it)."""
    participant = Participant.objects.for_user(request.user).order_by("pk").first()
    if participant is not None:
        return redirect("sessions:registration_manage", token=participant.manage_token)
    return render(request, "sessions/registration/none.html",
                  {"verified_email": verified_email(request.user)})


# --- behind the secret link ---------------------------------------------------------------


@_behind_manage_link
@require_safe
def manage(request, token):
    """Everything one person registered for, with cancel links and their personal calendar."""
    participant = _participant(token)
    now = timezone.now()
    registrations = list(
        Registration.objects.holding(now).filter(participant=participant, session__live=True)
        .with_waiting_position().select_related("session", "area")
        .order_by("session__starts_at", "pk"))
    # Each session's title and address in the active language (one query for all).
    attach_texts([registration.session for registration in registrations])
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


def _own_registration(token, pk):
    """Registration ``pk`` of the participant whose manage link holds ``token``, or 404."""
    participant = _participant(token)
    if pk > MAX_ID:
        raise Http404
    return get_object_or_404(Registration.objects.select_related("session", "participant"),
                             pk=pk, participant=participant)


@_behind_manage_link
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request, token, pk):
    """GET asks for confirmation (mail scanners follow links; they must not cancel); POST
    cancels and hands the place to the waiting list."""
    registration = _own_registration(token, pk)
    session = attach_texts([registration.session])[0]
    started = session.starts_at <= timezone.now()
    can_cancel = registration.status != RegistrationStatus.CANCELLED and not started
    if request.method == "POST" and can_cancel:
        cancel(registration)
        messages.success(request, _("Your registration for “%(title)s” is cancelled. Thank you "
                                    "for letting us know.") % {"title": session.text.title})
        return _to_manage_page(token)
    return private_link(render(request, "sessions/registration/cancel.html", {
        "registration": registration, "session": session, "started": started,
        "can_cancel": can_cancel, "token": token,
    }, status=409 if request.method == "POST" else 200))


@_behind_manage_link
@require_POST
def reset_calendar(request, token):
    """Give the personal calendar a new secret address; the old one stops working."""
    participant = _participant(token)
    participant.reset_calendar_token()
    messages.success(request, _("Your personal calendar has a new address. The old address no "
                                "longer works: subscribe again with the new one below."))
    return _to_manage_page(token)


@_behind_manage_link
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
    upcoming = list(Registration.objects.active()
                    .filter(participant=participant, session__starts_at__gt=timezone.now())
                    .select_related("session").order_by("session__starts_at"))
    attach_texts([registration.session for registration in upcoming])
    return private_link(render(request, "sessions/registration/forget.html", {
        "participant": participant, "upcoming": upcoming, "token": token}))


@_behind_manage_link
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_registration(request, token, pk):
    """The link in the "please confirm" e-mail. GET shows a button (mail scanners open links;
    they must not confirm); POST confirms. A hold that ran out gets a page saying the place was
    released, with the way back to the sign-up form."""
    registration = _own_registration(token, pk)
    session = attach_texts([registration.session])[0]
    context = {"registration": registration, "session": session, "token": token}
    if registration.hold_has_expired():
        return _hold_expired(request, context)
    if request.method == "POST" and registration.is_pending:
        try:
            confirm(registration)
        except RegistrationRefused as refused:
            if refused.code == "expired":
                return _hold_expired(request, context)
            context["refusal"] = refused.message
            return private_link(render(request, "sessions/registration/confirm.html", context,
                                       status=409))
        if registration.is_confirmed:
            messages.success(request, _("Your place at “%(title)s” is confirmed. We have sent a "
                                        "calendar invitation to your e-mail address.")
                             % {"title": session.text.title})
        else:
            messages.info(request, _("You are on the waiting list for “%(title)s” (number "
                                     "%(position)d). We will write when a place comes free.")
                          % {"title": session.text.title,
                             "position": registration.waiting_position() or 0})
        return _to_manage_page(token)
    if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
        return _to_manage_page(token)
    return private_link(render(request, "sessions/registration/confirm.html", context,
                               status=409 if request.method == "POST" else 200))


def _hold_expired(request, context):
    return private_link(render(request, "sessions/registration/confirm.html",
                               {**context, "expired": True}, status=410))


@_behind_manage_link
@require_POST
def reset_manage_link(request, token):
    """Give the registrations page a new secret link, sent only by e-mail: the old link (and
    every link in earlier e-mails) stops working at once, and whoever else had it is locked
    out, since the new one goes to the participant's mailbox alone."""
    participant = _participant(token)
    participant.reset_manage_token()
    notifications.manage_link_renewed(participant)
    return private_link(render(request, "sessions/registration/link_renewed.html",
                               {"participant": participant}))


@require_safe
def personal_calendar(request, token):
    """The sessions one person has a confirmed place at, join links included."""
    return serve_feed(request, personal_feed(_participant(token, "calendar_token")))
