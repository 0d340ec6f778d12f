"""Admin: the organisers' view of a session's registrations, and an overview of upcoming sessions.

Organisers see who has a place, who waits and whose sign-up awaits confirmation of the address
(holding a seat or a waiting-list turn until the hold ends), remove someone (the freed place
goes to the waiting list), add someone by hand, download the list as CSV and e-mail everyone
registered.
All changes go through ``sessions/registration/places.py``, which guards the capacity; these views
only check who may act and report the outcome.

Who may use them: superusers and anyone who may edit the session page (the Organisers group,
through its page permissions on the programme). URLs are registered in ``wagtail_hooks.py``,
so Wagtail's admin login and "access admin" check apply first.
"""
from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import page_permission_policy

from network.csv_io import bom_writer, spreadsheet_safe
from network.ids import MAX_ID

from ..generator import can_generate, programme_page
from ..models import Registration, RegistrationStatus, SessionPage
from .notifications import message_registrants
from .organiser_forms import AddRegistrationForm, MessageRegistrantsForm
from .places import RegistrationRefused, cancel, register

# What the session's registration_state() means, in words for organisers.
STATE_LABELS = {
    "open": gettext_lazy("Open"),
    "not_yet": gettext_lazy("Not open yet (organisers can already add people)"),
    "closed": gettext_lazy("Deadline passed (organisers can still add people)"),
    "started": gettext_lazy("Closed: the session has started or taken place"),
    "cancelled": gettext_lazy("Closed: the session is cancelled"),
}
# Nobody can be added to these (the service refuses), so the form is not offered.
CLOSED_FOR_ORGANISERS = ("started", "cancelled")


def can_manage_registrations(user, session) -> bool:
    """Whether ``user`` may see and change the registrations of ``session``: whoever may edit
    the session page (superusers included)."""
    return bool(user.is_authenticated and user.is_active
                and session.permissions_for_user(user).can_edit())


def can_see_overview(user) -> bool:
    """Whether ``user`` gets the "Registrations" menu item and overview.

    Like ``can_generate`` (may add sessions), but also for people who may edit sessions
    without adding them: both look after registrations.
    """
    if can_generate(user):
        return True
    index = programme_page()
    return bool(index and user.is_authenticated and index.permissions_for_user(user).can_edit())


def _session_or_404(pk):
    if pk > MAX_ID:
        # SQLite cannot even compare such numbers; no page has such an id anyway.
        raise Http404
    # A session's Dutch or Danish page leads to the registrations of the event itself.
    return get_object_or_404(SessionPage, pk=pk).canonical


class SessionRegistrationsMixin:
    """Loads the session from the URL (404 if unknown) and lets only its editors in (403)."""

    def dispatch(self, request, *args, **kwargs):
        self.session = _session_or_404(kwargs["pk"])
        if not can_manage_registrations(request.user, self.session):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def registrations_url(self):
        return reverse("network_sessions_registrations", args=[self.session.pk])


def split_registrations(session, *, with_cancelled=True, now=None):
    """The session's registrations as (confirmed by seat, waiting in order, pending in order of
    signing up, cancelled latest first), from one query. Waiting ones get ``position`` (1 = next
    to get a place); pending ones get ``held`` (False once the hold has run out: the place goes
    at the next change to the session's places, see ``places._release_expired_holds``)."""
    now = now or timezone.now()
    registrations = session.registrations.select_related("participant", "area", "added_by",
                                                         "cancelled_by")
    if not with_cancelled:
        registrations = registrations.exclude(status=RegistrationStatus.CANCELLED)
    # The waiting list's order is the one RegistrationQuerySet.waiting() and the service use.
    registrations = list(registrations.order_by("created_at", "pk"))
    confirmed = sorted((r for r in registrations if r.is_confirmed), key=lambda r: (r.seat, r.pk))
    waiting = [r for r in registrations if r.is_waiting]
    for position, registration in enumerate(waiting, start=1):
        registration.position = position
    pending = [r for r in registrations if r.is_pending]
    for registration in pending:
        registration.held = registration.hold_expires_at > now
    cancelled = sorted((r for r in registrations if r.status == RegistrationStatus.CANCELLED),
                       key=lambda r: (r.status_changed_at, r.pk), reverse=True)
    return confirmed, waiting, pending, cancelled


def held_seats(pending):
    """How many seats pending sign-ups hold while they wait for the address to be confirmed."""
    return sum(1 for registration in pending if registration.held and registration.seat)


def area_counts(session, confirmed, waiting, pending=()):
    """Per member area (by name, people without an area last): how many have a place, how
    many wait, how many sign-ups await confirmation, and whether the area has reached the
    session's per-area limit (which counts held sign-ups, as the service does)."""
    counts = {}
    for registration in [*confirmed, *waiting, *(r for r in pending if r.held)]:
        area = registration.area
        key = (area is None, area.localized_name.lower() if area else "", area.pk if area else 0)
        row = counts.setdefault(key, {"name": area.localized_name if area else _("No member area"),
                                      "confirmed": 0, "waiting": 0, "pending": 0,
                                      "guests": area is None})
        row[registration.status] += 1  # "confirmed", "waiting" or "pending"
    rows = [counts[key] for key in sorted(counts)]
    for row in rows:
        # The limit counts an area's confirmed, waiting and held people; guests have no limit.
        row["at_limit"] = bool(session.max_per_area and not row["guests"]
                               and row["confirmed"] + row["waiting"] + row["pending"]
                               >= session.max_per_area)
    return rows


class RegistrationsView(SessionRegistrationsMixin, WagtailAdminTemplateMixin, TemplateView):
    """One session's registrations: places, waiting list, per-area counts, cancellations, and
    the forms to add someone and to e-mail everyone."""

    template_name = "sessions/admin/registrations.html"
    page_title = gettext_lazy("Registrations")
    header_icon = "group"

    def get_page_subtitle(self):
        return self.session.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("network_sessions_registration_overview"), "label": _("Registrations")},
            {"url": "", "label": self.session.title},
        ]

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("Download CSV"), icon_name="download",
                         url=reverse("network_sessions_registrations_csv", args=[self.session.pk])),
            HeaderButton(_("Edit session"), icon_name="edit",
                         url=reverse("wagtailadmin_pages:edit", args=[self.session.pk])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.session
        now = timezone.now()
        confirmed, waiting, pending, cancelled = split_registrations(session, now=now)
        held = held_seats(pending)
        state = session.registration_state(now)
        context.update({
            "session": session,
            "confirmed": confirmed,
            "waiting": waiting,
            "pending": pending,
            "cancelled": cancelled,
            "areas": area_counts(session, confirmed, waiting, pending),
            # Seats held for sign-ups awaiting confirmation are not free for anyone else.
            "seats_left": session.seats_left(confirmed=len(confirmed) + held),
            "held_seats": held,
            "pending_holds": sum(1 for registration in pending if registration.held),
            "state": state,
            "state_label": STATE_LABELS[state],
            "can_add": state not in CLOSED_FOR_ORGANISERS,
            "add_form": kwargs.get("add_form") or AddRegistrationForm(),
            "message_form": kwargs.get("message_form") or MessageRegistrantsForm(),
        })
        return context


class AddRegistrationView(RegistrationsView):
    """POST only: sign someone up by hand; on a problem, the page again with the typed values."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AddRegistrationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = register(self.session, name=data["name"], email=data["email"],
                                        area=data["area"], added_by=request.user,
                                        notify=data["notify"])
            except RegistrationRefused as refusal:
                form.add_error(*self.refusal_error(refusal, data["email"]))
            else:
                messages.success(request, self.success_message(registration, data["notify"]))
                return redirect(self.registrations_url())
        return self.render_to_response(self.get_context_data(add_form=form))

    def refusal_error(self, refusal, email):
        """(field, message) for the form: the service's words, except for a duplicate, whose
        public wording ("your confirmation e-mail has a link…") is meant for the person."""
        if refusal.code == "duplicate":
            existing = refusal.registration
            where = existing.get_status_display().lower() if existing else ""
            return "email", _("%(email)s is already registered for this session (%(where)s).") % {
                "email": email, "where": where}
        return {"area_full": "area"}.get(refusal.code), refusal.message

    @staticmethod
    def success_message(registration, notified):
        if registration.is_confirmed:
            text = _("%(name)s is registered and has seat %(seat)d.") % {
                "name": registration.name, "seat": registration.seat}
        else:
            text = _("The session is full: %(name)s is number %(position)d on the waiting list.") % {
                "name": registration.name, "position": registration.waiting_position()}
        sent = _("A confirmation e-mail was sent.") if notified else _("No e-mail was sent.")
        return f"{text} {sent}"


class MessageRegistrantsView(RegistrationsView):
    """POST only: e-mail everyone with a place (and the waiting list if asked), one by one."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = MessageRegistrantsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            counts = self.session.registration_counts()
            expected = counts["confirmed"] + (counts["waiting"] if data["include_waiting"] else 0)
            if not expected:
                form.add_error(None, _("Nobody would receive this message: there are no "
                                       "registrations to send it to."))
            else:
                sent = message_registrants(self.session, subject=data["subject"],
                                           body=data["body"],
                                           include_waiting=data["include_waiting"],
                                           sender=request.user)
                if sent < expected:
                    # Sending failures are logged by notifications._send; say so here.
                    messages.warning(request, _(
                        "The message was sent to %(sent)d of %(expected)d people; the others "
                        "could not be reached (see the server log).") % {
                        "sent": sent, "expected": expected})
                else:
                    messages.success(request, _("The message was sent to %(count)d people, each "
                                                "in their own e-mail.") % {"count": sent})
                return redirect(self.registrations_url())
        return self.render_to_response(self.get_context_data(message_form=form))


class RemoveRegistrationView(SessionRegistrationsMixin, View):
    """POST only: cancel one registration of this session as an organiser; the service gives
    the freed place to the waiting list and e-mails the people concerned."""

    http_method_names = ["post"]

    def post(self, request, pk, registration_pk):
        if registration_pk > MAX_ID:
            raise Http404
        registration = get_object_or_404(Registration, pk=registration_pk, session=self.session)
        if registration.status == RegistrationStatus.CANCELLED:
            messages.info(request, _("The registration of %(name)s was already cancelled.")
                          % {"name": registration.name})
            return redirect(self.registrations_url())
        was_confirmed, was_pending = registration.is_confirmed, registration.is_pending
        promoted = cancel(registration, by=request.user)
        if was_pending:
            # The service sends nothing to an address that was never confirmed.
            text = _("The unconfirmed sign-up of %(name)s was cancelled; no e-mail was sent, as "
                     "the address was never confirmed.") % {"name": registration.name}
            if promoted:
                text += " " + _("The held place went to %(promoted)s from the waiting list, who "
                                "was told by e-mail.") % {
                    "promoted": ", ".join(r.name for r in promoted)}
            messages.success(request, text)
        elif promoted:
            messages.success(request, _(
                "%(name)s was removed and told by e-mail. The place went to %(promoted)s from "
                "the waiting list, who was told too.") % {
                "name": registration.name,
                "promoted": ", ".join(r.name for r in promoted)})
        elif was_confirmed:
            messages.success(request, _("%(name)s was removed and told by e-mail. Nobody was "
                                        "waiting for the place.") % {"name": registration.name})
        else:
            messages.success(request, _("%(name)s was removed from the waiting list and told by "
                                        "e-mail.") % {"name": registration.name})
        return redirect(self.registrations_url())


# Names and addresses: not for shared caches.
@method_decorator(cache_control(private=True, no_store=True), name="get")
class RegistrationsCsvView(SessionRegistrationsMixin, View):
    """The confirmed people by seat, the waiting list in order, then the sign-ups awaiting
    confirmation (with the seat they hold, if any, and until when), as a CSV download."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        session = self.session
        confirmed, waiting, pending, _cancelled = split_registrations(session, with_cancelled=False)
        # A hold that ran out is no registration any more (it is released at the next change).
        pending = [registration for registration in pending if registration.held]
        buffer = io.StringIO()
        writer = bom_writer(buffer)
        header = [_("Status"), _("Seat or position"), _("Name"), _("E-mail address"),
                  _("Member area"), _("Registered at"), _("Added by an organiser"),
                  _("Held until")]
        writer.writerow([spreadsheet_safe(cell) for cell in header])

        def moment(value):
            # In the session's own zone, with its offset, so nobody converts by hand.
            return value.astimezone(session.zone).isoformat(timespec="seconds") if value else ""

        for registration in confirmed + waiting + pending:
            if registration.is_waiting:
                number = registration.position
            else:  # a confirmed place, or the seat a pending sign-up holds (none: a turn)
                number = registration.seat or ""
            row = [
                registration.get_status_display(),
                number,
                registration.name,
                registration.participant.email,
                registration.area.localized_name if registration.area else "",
                moment(registration.created_at),
                _("yes") if registration.added_by_id else _("no"),
                moment(registration.hold_expires_at) if registration.is_pending else "",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        # Slugs may hold non-ASCII letters; the helper encodes them per RFC 6266.
        response["Content-Disposition"] = content_disposition_header(
            True, f"registrations-{session.slug}.csv")
        return response


class RegistrationOverviewView(WagtailAdminTemplateMixin, TemplateView):
    """Upcoming published sessions the user may edit, with places taken (and held for sign-ups
    awaiting confirmation) and waiting counts."""

    template_name = "sessions/admin/registration_overview.html"
    page_title = gettext_lazy("Registrations")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_overview(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        sessions = SessionPage.objects.live().canonical().upcoming(now)
        if not self.request.user.is_superuser:
            # Only sessions this user may edit: one subquery instead of a check per row.
            editable = page_permission_policy.instances_user_has_any_permission_for(
                self.request.user, {"change"})
            sessions = sessions.filter(pk__in=editable.values("pk"))
        # Seats held for sign-ups awaiting confirmation are not free: counted in the same query.
        held = Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.PENDING,
            registrations__hold_expires_at__gt=now, registrations__seat__isnull=False))
        sessions = list(sessions.with_registration_counts().annotate(held_count=held)
                        .order_by("starts_at", "pk"))
        for session in sessions:
            session.free_seats = session.seats_left(
                confirmed=session.confirmed_count + session.held_count)
            session.state_label = STATE_LABELS[session.registration_state(now)]
        context["sessions"] = sessions
        return context
