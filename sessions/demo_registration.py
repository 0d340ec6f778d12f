"""Demo registrations: who signed up for the coming sessions, one of them full with a waiting list.

The sessions are chosen relative to the day the demo is loaded, so the data makes sense whenever
it is loaded: the next five open programme sessions get sign-ups (the first of them full, with
at most three people per member area and a waiting list), and the working-group meetings get
sign-ups from six areas that are setting up their centre organisation. The demo logins
``member`` and ``medlem`` hold a confirmed place on the full session, so logging in shows the
registration and the online join link. One person cancelled, to show the history.

Everything goes through ``sessions.registration.places`` (the same rules as the sign-up form), with
``notify=False``: loading the demo sends no e-mail. Idempotent: a person who has any
registration for a session, even a cancelled one, is never signed up for it again, and
participants (with their secret tokens) are looked up by e-mail address, never recreated.
The colleagues and numbers are content, in ``sessions.demo_content``.
"""
from __future__ import annotations

import datetime
from itertools import zip_longest

from django.db.models import Count
from django.utils import timezone

from network.demo import area_slugs, changed_values, coordinator
from network.demo_content import ACCOUNTS, PEOPLE
from network.models import MemberArea, Person

from .demo_content import (
    CANCELLED_INDEX,
    COLLEAGUES,
    PER_AREA,
    PROGRAMME_SIGNUPS,
    SIGNUP_SPREAD,
    WAITING,
    WORKING_GROUP_AREAS,
    WORKING_GROUP_SIGNUPS,
)
from .models import Registration, RegistrationStatus, SessionPage, SessionSeries, SessionStatus
from .registration.places import RegistrationRefused, cancel, register


def signup_area_order():
    """The member areas in the order sign-ups are spread over them.

    Dutch and Danish alternate, so that every session draws from both countries; within a
    country the areas keep their content order, except that the areas of the demo member logins
    lead, so that those logins hold confirmed places on the full session.
    """
    people = {data["name"]: data for data in PEOPLE}
    login_areas = {slug for _username, name, staff, *_rest in ACCOUNTS
                   if name and not staff for slug in people[name]["areas"]}

    def country(code):
        slugs = area_slugs(code)
        return [s for s in slugs if s in login_areas] + [s for s in slugs if s not in login_areas]

    rows = zip_longest(country("NL"), country("DK"))
    return [slug for row in rows for slug in row if slug is not None]


AREA_ORDER = signup_area_order()


class Signup:
    """A person who signs up: name, e-mail, member area, and their account if they have one."""

    def __init__(self, name, email, area, user=None):
        self.name, self.email, self.area, self.user = name, email.lower(), area, user
        self.language = "da" if area is not None and area.country == "DK" else "nl"

    def __repr__(self):
        return f"Signup({self.name!r})"


def _say(stdout, text):
    if stdout is not None:
        stdout.write(f"    {text}")


def people_by_area():
    """{area slug: [Signup, …]}: the directory's people of each area first, then colleagues.

    Consultants who work in several areas are left out: a sign-up counts for one area.
    """
    areas = {area.slug: area for area in MemberArea.objects.filter(slug__in=AREA_ORDER)}
    pool = {slug: [] for slug in AREA_ORDER if slug in areas}
    people = (Person.objects.annotate(n_areas=Count("areas")).filter(n_areas=1)
              .filter(areas__slug__in=list(pool)).select_related("user")
              .prefetch_related("areas").order_by("pk"))
    for person in people:
        slug = person.areas.all()[0].slug
        pool[slug].append(Signup(person.name, person.email, areas[slug], person.user))
    for slug, name, email in COLLEAGUES:
        if slug in pool:
            pool[slug].append(Signup(name, email, areas[slug]))
    return pool


def round_robin(pool, slugs):
    """One person from each area in turn, then the second of each, and so on."""
    columns = [pool[slug] for slug in slugs if slug in pool]
    return [signup for row in zip_longest(*columns) for signup in row if signup is not None]


def at_most_per_area(order, limit):
    """``order`` without the people beyond the first ``limit`` of each area."""
    seen, kept = {}, []
    for signup in order:
        seen[signup.area] = seen.get(signup.area, 0) + 1
        if seen[signup.area] <= limit:
            kept.append(signup)
    return kept


def without_hosts(session, order):
    """``order`` without the session's hosts: whoever presents the case does not sign up."""
    hosts = {email.lower() for email in session.hosts.exclude(person=None)
             .values_list("person__email", flat=True)}
    return [signup for signup in order if signup.email not in hosts]


def pick(order, count, start):
    """``count`` people from ``order`` starting at ``start``, wrapping round at the end."""
    if not order:
        return []
    return [order[(start + n) % len(order)] for n in range(min(count, len(order)))]


def upcoming_programme(now):
    """The published programme sessions people can still sign up for, soonest first."""
    sessions = (SessionPage.objects.live().canonical().filter(series__kind=SessionSeries.Kind.PROGRAMME,
                                                  starts_at__gt=now)
                .exclude(status=SessionStatus.CANCELLED).order_by("starts_at", "pk"))
    return [s for s in sessions if s.registration_state(now) == "open"]


def working_group_meetings(now):
    """The working group's meetings that have not started, in order."""
    return list(SessionPage.objects.live().canonical()
                .filter(series__kind=SessionSeries.Kind.WORKING_GROUP, starts_at__gt=now)
                .exclude(status=SessionStatus.CANCELLED).order_by("starts_at", "pk"))


def set_fields(session, **values):
    """Write registration settings through a published revision, as an organiser would; only
    when they differ. None of them is a time, place or status, so the calendar SEQUENCE stays."""
    changes = changed_values(session, values)
    if not changes:
        return session
    page = SessionPage.objects.get(pk=session.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return SessionPage.objects.get(pk=session.pk)


def signup_times(session, count, now):
    """When each of ``count`` people signed up: spread over the weeks before ``now``, never
    before registration opened."""
    start = now - SIGNUP_SPREAD
    if session.registration_opens and session.registration_opens > start:
        start = session.registration_opens
    span = max(now - start, datetime.timedelta(0))
    return [start + span * (n + 1) / (count + 2) for n in range(count)]


def sign_up(session, signups, now, organiser, counts):
    """Register each of ``signups`` for ``session`` unless they already have a registration.

    Returns the registrations made or found, in order. People refused (the area is full, after
    the demo was loaded earlier on another day and the sessions shifted) are skipped.
    """
    result = []
    existing = {r.participant.email: r for r in
                Registration.objects.filter(session=session).select_related("participant")
                .order_by("pk")}  # the latest registration of a person wins
    for signup, stamp in zip(signups, signup_times(session, len(signups), now), strict=True):
        if signup.email in existing:
            result.append(existing[signup.email])
            continue
        added_by = None
        if session.registration_state(now) != "open":
            # Registration has closed or not opened yet (a demo loaded late or early): the
            # organiser adds people by hand, as organisers may.
            stamp, added_by = now, organiser
        try:
            registration = register(session, name=signup.name, email=signup.email,
                                    area=signup.area, user=signup.user, language=signup.language,
                                    added_by=added_by, notify=False, now=stamp)
        except RegistrationRefused:
            continue
        counts["created"] += 1
        result.append(registration)
    return result


def load_registrations(stdout=None, now=None):
    """Sign demo people up for the coming sessions (idempotent; no e-mails)."""
    now = now or timezone.now()
    pool = people_by_area()
    order = round_robin(pool, AREA_ORDER)
    lead = coordinator()
    organiser = lead.user if lead is not None else None
    counts = {"created": 0}
    touched = set()

    programme = upcoming_programme(now)
    full = None
    if programme and order:
        # The first open session is the popular one: every place taken, the rest waiting.
        full = set_fields(programme[0], max_per_area=PER_AREA)
        # The demo logins come first in the round robin (Vlaardingen, Køge), so they hold
        # confirmed places; the last people, each the third of their area, end up waiting.
        wanted = (full.capacity or len(order)) + WAITING
        people = at_most_per_area(without_hosts(full, order), PER_AREA)[:wanted]
        sign_up(full, people, now, organiser, counts)
        touched.add(full.pk)
    for session, (count, start) in zip(programme[1:], PROGRAMME_SIGNUPS, strict=False):
        people = pick(without_hosts(session, order), count, start)
        registrations = sign_up(session, people, now, organiser, counts)
        touched.add(session.pk)
        if session == programme[1] and len(registrations) > CANCELLED_INDEX:
            # Someone who could not come after all: cancelled shortly after signing up.
            gone = registrations[CANCELLED_INDEX]
            if gone.status != RegistrationStatus.CANCELLED:
                cancel(gone, notify=False,
                       now=min(gone.created_at + datetime.timedelta(days=2), now))

    group_order = round_robin(pool, WORKING_GROUP_AREAS)
    for session, count in zip(working_group_meetings(now), WORKING_GROUP_SIGNUPS, strict=False):
        # "At most three people per area" is what the working group promises its areas.
        session = set_fields(session, max_per_area=PER_AREA)
        sign_up(session, without_hosts(session, group_order)[:count], now, organiser, counts)
        touched.add(session.pk)

    summary = f"registrations: {counts['created']} created, on {len(touched)} sessions"
    if full is not None:
        taken = full.registration_counts()
        summary += (f"; full: {full.title} ({taken['confirmed']}/{full.capacity}, "
                    f"{taken['waiting']} waiting)")
    _say(stdout, summary + "\n")
    return counts["created"]

