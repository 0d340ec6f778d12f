"""A registered person's own calendar: the sessions they have a confirmed place at, with
their join links (a private feed, reached through a secret address)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..calendars import ical
from ..calendars.feeds import UNUSED_FIELDS, Feed, localized_sessions, session_url
from ..languages import active_language
from ..models import Registration, SessionPage


@dataclass
class PersonalFeed(Feed):
    """One person's calendar: the sessions they have a confirmed place at, join links included.

    Join links and registrations are not in the public validators, so the ETag is the hash of
    the bytes (small: one person's sessions), which depend on stored data only.
    """

    private = True
    participant: object = field(default=None, repr=False)
    _body: bytes | None = field(default=None, repr=False)

    def render(self, request) -> bytes:
        if self._body is None:
            sessions = (self.sessions.defer(*(f for f in UNUSED_FIELDS if f != "join_url"))
                        .order_by("starts_at", "pk"))
            self._body = ical.build_calendar(
                localized_sessions(sessions, self.language),
                name=self.name, description=self.description,
                url_for=lambda session: session_url(session, request),
                join_url_for=lambda session: session.join_url, language=self.language)
        return self._body

    def etag(self, request) -> str:
        return f'"{hashlib.sha256(self.render(request)).hexdigest()[:40]}"'

    def last_modified(self):
        """The newest change to what this person's feed shows, from one aggregate query.

        Any of their registrations counts, cancelled ones included: a cancellation stamps
        ``status_changed_at``, so Last-Modified never moves back when an event leaves the feed.
        Sessions count by ``changed_at`` and also by ``last_published_at``, because the join
        link (in this feed only) is not a field that moves ``changed_at``. The person's own
        creation and calendar reset are the floor, so an empty feed has a date too.
        """
        participant = self.participant
        latest = Registration.objects.filter(participant=participant).aggregate(
            created=Max("created_at"), status=Max("status_changed_at"),
            changed=Max("session__changed_at"), published=Max("session__last_published_at"))
        moments = [*latest.values(), participant.created_at, participant.calendar_reset_at]
        return max((moment for moment in moments if moment is not None), default=None)



def personal_feed(participant) -> PersonalFeed:
    """The sessions ``participant`` has a confirmed place at (published, in the feed window)."""
    booked = Registration.objects.confirmed().filter(participant=participant).values("session_id")
    sessions = SessionPage.objects.published().filter(pk__in=booked).in_feed_window()
    # Named in the language of the address (/nl/…), not the request's Accept-Language, so the
    # bytes (and ETag) of one address are stable; the unprefixed address is English.
    with translation.override(active_language()):
        name = _("%(name)s: my sessions") % {"name": participant.name}
        description = _("The sessions you registered for, with their join links. Private: do "
                        "not share this address.")
    return PersonalFeed(
        key=f"personal:{participant.pk}", name=name, description=description,
        filename="my-sessions.ics",
        path=reverse("sessions:calendar_personal", kwargs={"token": participant.calendar_token}),
        sessions=sessions, scope=sessions, participant=participant)
