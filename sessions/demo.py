"""Loads the sessions app's demo content (``sessions.demo_content``): the programme page, two
years of thematic sessions and a working group; then the registrations.

Idempotent: pages and series are looked up by slug, documents and the generated illustrations
(one per theme and country, network.illustrations) by title, and a page is only
re-published when its stored values differ from the content. The sessions sit on a fixed grid
(the second Thursday of each month of 2026 and 2027, no session in July), so running the loader
again on a later day creates nothing new; only sessions that have ended since the last run get
their summary and notes.
"""
from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from network import demo as core
from network import illustrations
from network.demo import changed_values
from network.media import shared_media_collection
from network.models import HomePage, MemberArea, Theme

from .demo_content import (
    CANCELLED,
    INDEX_PAGE,
    MEET,
    MOVED,
    PROGRAMME,
    PROGRAMME_SERIES,
    PROGRAMME_SESSION,
    TAKE_HOME,
    VIDEO,
    WORKING_GROUP,
    WORKING_GROUP_SESSION,
)
from .demo_registration import load_registrations
from .models import (
    SessionFormat,
    SessionHost,
    SessionIndexPage,
    SessionPage,
    SessionSeries,
    SessionStatus,
)

AMS, CPH = "Europe/Amsterdam", "Europe/Copenhagen"
# Hosts from Denmark use Copenhagen time.
DANISH_AREAS = set(core.area_slugs("DK"))


def _say(stdout, text):
    if stdout is not None:
        stdout.write(f"    {text}")


def _theme_or_none(slug):
    return Theme.objects.filter(slug=slug).first()


def _area_or_none(slug):
    return MemberArea.objects.filter(slug=slug).first()


def session_image(theme_slug, area_slug):
    """The generated illustration (CC0) of sessions on a theme hosted in a country: one
    picture per theme and country, shared by those sessions and stored once by title."""
    country = "DK" if area_slug in DANISH_AREAS else "NL"
    theme_slug = theme_slug or "governance"
    return illustrations.demo_image(
        f"Session illustration: {theme_slug} ({country})", key=f"session-{theme_slug}-{country}",
        scene=illustrations.scene_for_theme(theme_slug), country=country)


def ensure_index(stdout=None):
    """The programme page (slug "sessions") under the home page."""
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    index = SessionIndexPage.objects.child_of(home).filter(slug=INDEX_PAGE["slug"]).first()
    if index is None:
        index = SessionIndexPage(**INDEX_PAGE)
        home.add_child(instance=index)
        index.save_revision().publish()
        _say(stdout, "created the session programme page\n")
    # The Organisers' rights on it come from sessions/permissions.py, granted when it is created.
    return index


def ensure_series(slug, **fields):
    series, _ = SessionSeries.objects.update_or_create(slug=slug, defaults=fields)
    return series


def series_translations(spec, **values):
    """The Dutch and Danish name and description of a demo series, filled in with ``values``."""
    return {f"{field}_{code}": spec[f"{field}_{code}"].format(**values)
            for field in ("name", "description") for code in ("nl", "da")}


def notes_document(title, lines):
    """A small text document (meeting notes) for a session's materials, created once by title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, collection=shared_media_collection())
    body = "\n".join(lines) + "\n"
    document.file.save(f"{slugify(title)[:60]}.txt",
                       ContentFile(body.encode("utf-8")), save=False)
    document.save()
    return document


STREAM_FIELDS = {"agenda", "materials"}


def ensure_session(index, slug, values, *, themes=(), hosts=(), final=None, extras=None):
    """Create a session (published), then bring it to its final state; no-op when up to date.

    ``values`` are the fields as first published; ``final`` the changes made afterwards (a move,
    a cancellation), published as a second revision so that calendars see a real change.
    ``extras`` (summary, materials, recording) are added once the session has ended.
    """
    page = SessionPage.objects.child_of(index).filter(slug=slug).first()
    created = page is None
    if created:
        page = SessionPage(slug=slug, **values)
        page.themes.set([t for t in themes if t])
        for person, role in hosts:
            page.hosts.add(SessionHost(person=person, role=role))
        index.add_child(instance=page)
        page.save_revision().publish()
        page = SessionPage.objects.get(pk=page.pk)
    # Stream fields (the agenda) are written once, at creation: editors may rework them.
    target = {name: value for name, value in {**values, **(final or {})}.items()
              if name not in STREAM_FIELDS}
    changes = changed_values(page, target)
    if extras and not page.summary:
        changes.update(extras)
    if changes:
        for name, value in changes.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page, created, bool(changes) and not created


def _hosts_for(area_slug):
    people = core.people_of(area_slug) if area_slug else []
    return [(people[0], "Presents the case")] if people else []


def load_programme(index, year, now, stdout=None):
    """The monthly thematic sessions of ``year`` (second Thursday, 15:00–16:30, no July)."""
    coordinator = core.coordinator()
    series = ensure_series(
        f"learning-programme-{year}", name=PROGRAMME_SERIES["name"].format(year=year),
        kind=SessionSeries.Kind.PROGRAMME, organiser=coordinator,
        description=PROGRAMME_SERIES["description"].format(year=year),
        **series_translations(PROGRAMME_SERIES, year=year))
    second_thursdays = {d.month: d.date() for d in rrule.rrule(
        rrule.MONTHLY, byweekday=rrule.TH(2), dtstart=datetime.datetime(year, 1, 1), count=12)}
    created = updated = 0
    for month, theme_slug, area_slug, title, description, summary in PROGRAMME[year]:
        day = second_thursdays[month]
        tz = CPH if area_slug in DANISH_AREAS else AMS
        slug = f"{day:%Y-%m}-{theme_slug}"
        values = {
            "title": title, "date": day, "start_time": PROGRAMME_SESSION["start_time"],
            "end_time": PROGRAMME_SESSION["end_time"], "time_zone": tz,
            "format": SessionFormat.ONLINE, "join_url": f"{MEET}{slug}", "series": series,
            "organiser": coordinator, "host_area": _area_or_none(area_slug),
            "description": f"<p>{description}</p>", "capacity": PROGRAMME_SESSION["capacity"],
            "agenda": list(PROGRAMME_SESSION["agenda"]),
            "image": session_image(theme_slug, area_slug),
        }
        final = {}
        if (year, month) in CANCELLED:
            final = {"status": SessionStatus.CANCELLED, "cancellation_reason": CANCELLED[(year, month)]}
        if (year, month) in MOVED:
            final = {"date": MOVED[(year, month)]}
        end = datetime.datetime.combine(final.get("date", day), PROGRAMME_SESSION["end_time"])
        ended = end.replace(tzinfo=ZoneInfo(tz)) < now
        extras = None
        if ended and summary and (year, month) not in CANCELLED:
            questions = TAKE_HOME[theme_slug]
            notes = notes_document(f"Notes: {title}", [
                title, f"Learning programme {year}, {final.get('date', day):%d %B %Y}", "",
                summary, "", "Questions to take home:", *[f"- {q}" for q in questions]])
            extras = {
                "summary": f"<p>{summary}</p><p>Questions to take home:</p><ul>"
                           + "".join(f"<li>{q}</li>" for q in questions) + "</ul>",
                "materials": [("document", {"document": notes, "title": "Session notes",
                                            "description": "Summary and questions, plain text"})],
                "recording_url": f"{VIDEO}{slug}",
            }
        _page, was_created, was_updated = ensure_session(
            index, slug, values, themes=[_theme_or_none(theme_slug)], hosts=_hosts_for(area_slug),
            final=final, extras=extras)
        created += was_created
        updated += was_updated
    _say(stdout, f"learning programme {year}: {created} created, {updated} updated\n")


def load_working_group(index, stdout=None):
    """The working group "Setting up centre management": three half-day meetings."""
    coordinator = core.coordinator()
    spec = WORKING_GROUP
    series = ensure_series(spec["slug"], name=spec["name"], description=spec["description"],
                           kind=SessionSeries.Kind.WORKING_GROUP, organiser=coordinator,
                           **series_translations(spec))
    created = 0
    times = WORKING_GROUP_SESSION
    for key, day, area_slug, fmt, venue, address, title, description, themes in spec["meetings"]:
        tz = CPH if area_slug in DANISH_AREAS else AMS
        values = {
            "title": title, "date": day, "start_time": times["start_time"],
            "end_time": times["end_time"], "time_zone": tz, "format": fmt, "venue": venue,
            "address": address, "series": series, "organiser": coordinator,
            "host_area": _area_or_none(area_slug) if area_slug else None,
            "join_url": f"{MEET}working-group-{key}" if fmt != SessionFormat.IN_PERSON else "",
            "description": f"<p>{description}</p>{times['description_suffix']}",
            "capacity": times["capacity"], "max_per_area": times["max_per_area"],
            "registration_opens": times["registration_opens"],
            "registration_closes": times["registration_closes"],
            "image": session_image(themes[0] if themes else None, area_slug),
        }
        _page, was_created, _ = ensure_session(
            index, f"working-group-{key}", values,
            themes=[_theme_or_none(slug) for slug in themes], hosts=_hosts_for(area_slug))
        created += was_created
    _say(stdout, f"working group: {created} meetings created\n")


def load_sessions(stdout=None, now=None):
    """Create or update the demo programme page, series and sessions (idempotent)."""
    now = now or timezone.now()
    index = ensure_index(stdout)
    for year in sorted(PROGRAMME):
        load_programme(index, year, now, stdout)
    load_working_group(index, stdout)


def load(stdout):
    """Create or update the demo sessions and registrations (idempotent)."""
    load_sessions(stdout)
    load_registrations(stdout)
