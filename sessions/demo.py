"""Demo content of the sessions app: two years of thematic sessions, a working group, intervisions.

Idempotent: pages and series are looked up by slug, documents by title, and a page is only
re-published when its stored values differ from what is written here. The sessions sit on a
fixed grid (the second Thursday of each month of 2026 and 2027, no session in July), so running
the loader again on a later day creates nothing new; only sessions that have ended since the
last run get their summary and notes.
"""
from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from network.media import shared_media_collection

from .models import (
    SessionFormat,
    SessionHost,
    SessionIndexPage,
    SessionPage,
    SessionSeries,
    SessionStatus,
)

AMS, CPH = "Europe/Amsterdam", "Europe/Copenhagen"
DANISH_AREAS = {"valby", "koge", "roskilde", "vejle", "svendborg", "horsens", "ebeltoft"}
VIDEO = "https://video.centre-network.example/sessions/"
MEET = "https://meet.centre-network.example/"

# What members take home, per theme: the closing round of every session and the notes file.
TAKE_HOME = {
    "vacancy": ["Which three units would you tackle first, and who owns them?",
                "Which owner could you visit before the next session?"],
    "branding": ["Could a visitor name what your centre is known for after one visit?",
                 "Which local businesses already tell that story for you?"],
    "undermining": ["Who in your municipality sees the permit files you never see?",
                    "What signal would make you call the liaison officer?"],
    "public-space": ["Where in your centre do people stop without buying anything?",
                     "What is one small change you could test this season?"],
    "mobility": ["How do most of your visitors arrive, measured rather than assumed?",
                 "Which delivery hours cause the most friction?"],
    "financing": ["How long can your organisation run if one subsidy stops?",
                  "Who must say yes before a new fund can start?"],
    "governance": ["Who decides about the centre today, and who only advises?",
                   "Which agreement would you write down first?"],
    "digitalisation": ["Which figure would change a decision if you had it monthly?",
                       "Who keeps the data once a project ends?"],
    "events": ["Which event brings people back on an ordinary Tuesday?",
               "What does an event cost the shops that stay closed?"],
    "safety": ["Where do people feel unsafe, and is that where incidents happen?",
               "Who do shopkeepers call first, and do they know the number?"],
}

# (month, theme, host area, title, description, summary). Hosts from Denmark use Copenhagen time.
PROGRAMME = {
    2026: [
        (1, "vacancy", "vlaardingen", "Empty shop units: from waiting to steering",
         "Vlaardingen stopped waiting for tenants and started talking to owners unit by unit. "
         "We look at their vacancy map and the agreements that came out of it.",
         "Vlaardingen showed how a simple map of owners, rents and lease ends turned a vague "
         "worry into a list of twelve conversations. Several areas decided to build the same "
         "map before spring."),
        (2, "branding", "den-bosch", "One story for the whole centre",
         "How do you agree on one story when every street association has its own? Den Bosch "
         "shares how they chose a few words that shopkeepers actually use.",
         "The lesson from Den Bosch: start from what visitors already say, not from a slogan. "
         "Participants compared their own logos and found most of them said nothing about the "
         "centre itself."),
        (3, "undermining", "schiedam", "Recognising criminal money in the high street",
         "Shops that never seem to have customers, frequent changes of owner: what can a centre "
         "manager notice, and what should be left to the authorities?",
         "Schiedam explained their route from signal to the municipality's screening team. The "
         "main point: centre managers collect signals, they do not investigate."),
        (4, "public-space", "koge", "Squares people stay on",
         "Køge rebuilt its market square around places to sit and play. What made people stay "
         "longer, and what did the shops notice?",
         "Køge measured how long people stayed on the square before and after the rebuilding. "
         "Benches in the sun and a water feature for children did more than the new paving."),
        (5, "mobility", "deventer", "Parking, cycling and the last mile for shops",
         "Deventer moved parking to the edge of the centre. We hear what the retailers feared, "
         "what happened to footfall and how deliveries were solved.",
         "Footfall in Deventer dropped for one quarter and then recovered above the old level. "
         "The delivery windows took longer to agree than the parking itself."),
        (6, "financing", "amersfoort", "Funding the centre organisation year after year",
         "Project subsidies end; the centre organisation has to go on. Amersfoort compares its "
         "mix of municipal money, contributions and the entrepreneurs' fund.",
         "Amersfoort's advice: never let one source pay more than half the budget. Areas with a "
         "fund were far more relaxed about the coming year than those living on subsidies."),
        (8, "governance", "leeuwarden", "Who decides in the centre?",
         "Municipality, property owners, retailers and hospitality all have a say. Leeuwarden "
         "shows the agreement that describes who decides what.",
         "Leeuwarden's covenant fits on two pages. Participants agreed that the list of what the "
         "centre organisation does not decide was the most useful part."),
        (9, "digitalisation", "roskilde", "Footfall counters and what to do with the numbers",
         "Roskilde has counted visitors for three years. Which figures changed a decision, and "
         "which ones only filled reports?",
         "Roskilde uses only two figures every month: visitors per weekday and the share of "
         "evening visits. Everything else is looked at once a year."),
        (10, "events", "svendborg", "Events that bring people back on weekdays",
         "Svendborg tried small weekday events instead of one big festival. What did it cost, "
         "and did people come back?",
         ""),
        (11, "safety", "rotterdam-zwart-janstraat", "Safe and welcoming after dark",
         "The Zwart Janstraat works with shopkeepers, residents and the police on a street that "
         "feels safe in the evening. Lighting, presence and a shared app.",
         "The shared app mattered less than knowing each other: shopkeepers who had met the "
         "neighbourhood officer called earlier and more often."),
        (12, "vacancy", "boxtel", "Living above the shop",
         "Empty upper floors are a quiet form of vacancy. Boxtel helped owners turn them into "
         "homes, which brought people back into the centre in the evening.",
         "Boxtel's small grant for separate entrances was the turning point. Several owners had "
         "wanted to build homes for years but could not reach them without going through the "
         "shop."),
    ],
    2027: [
        (1, "branding", "horsens", "Telling the centre's story online and offline",
         "Horsens runs one channel for the whole centre. Who writes, who pays and how do the "
         "shops take part?",
         "Horsens has one editor paid from the fund and lets shops post through her. A shared "
         "channel only works when someone owns it."),
        (2, "vacancy", "valby", "Shrinking an oversized shopping area",
         "Valby has more retail space than it can fill. We discuss making the core smaller and "
         "finding other uses for the edges.",
         "Valby mapped which streets to keep as shopping streets and which to let change. "
         "Honesty towards owners at the edges came up again and again."),
        (3, "public-space", "vlaardingen", "Greening the shopping street",
         "Trees, planters and less stone: Vlaardingen's greening pilot and what it meant for "
         "heat, rainwater and visitors.",
         "The planters were cheap; agreeing on who waters them was not. Vlaardingen now lets "
         "shopkeepers adopt a planter in front of their door."),
        (4, "financing", "schiedam", "Renewing the entrepreneurs' fund",
         "Schiedam's fund expires next year. How do you prepare the support poll, and what do "
         "you tell businesses that pay but never come to meetings?",
         "Schiedam starts a year ahead: visits to every contributor, a short report of what the "
         "fund paid for, and a clear date for the poll."),
        (5, "undermining", "den-bosch", "Landlords, permits and screening",
         "How the municipality can screen new businesses and landlords before a permit is "
         "granted, and where the centre organisation helps.",
         "Den Bosch showed that screening works best when the centre organisation knows the "
         "calendar of permit renewals."),
        (6, "mobility", "vejle", "Delivery traffic and car-free hours",
         "Vejle closed its main street to cars for most of the day. How did suppliers, shops and "
         "residents adjust?",
         "Vejle's first months were hard for small shops that receive many parcels. A shared "
         "pick-up point at the edge of the centre solved most of it."),
        (8, "events", "ebeltoft", "A year-round events calendar on a small budget",
         "Ebeltoft plans events across the year with volunteers and the shops. What keeps it "
         "going outside the tourist season?",
         "Ebeltoft keeps one calendar that everyone can add to, and pays only for what "
         "volunteers cannot do. Winter events are small and frequent."),
        (9, "digitalisation", "deventer", "A shared local webshop: does it work?",
         "Deventer tried a common webshop for independent shops. We look at the figures and at "
         "what the shops learned about their customers.",
         "The webshop sold little, but the shops that joined learned to photograph and describe "
         "their products, which helped their own channels."),
        (10, "governance", "amersfoort", "Working with a new city council",
         "A new council brings new priorities. Amersfoort shares how they introduced the centre "
         "programme to new aldermen.",
         "Amersfoort gives every new alderman a walk through the centre with three shopkeepers "
         "and one page of figures. It works better than any report."),
        (11, "safety", "leeuwarden", "Shoplifting and a shared reporting line",
         "Leeuwarden's shops report theft through one number. What happened to the number of "
         "reports and to the response?",
         "Reports went up in the first year, which the shops first read as bad news. The police "
         "now plan presence on the basis of the reports."),
        (12, "branding", "koge", "Winter lights and the December economy",
         "Køge's winter lights are paid for jointly by shops and the municipality. How do you "
         "share the cost and measure the effect?",
         "Køge found that the lights matter most in the weeks after Christmas, when visitors "
         "would otherwise stay away."),
    ],
}

CANCELLED = {(2026, 10): "Too few members could take part in the autumn holiday week; "
                         "the theme returns in the 2027 programme."}
# The January 2027 session moves a week later: the original date clashed with New Year receptions.
MOVED = {(2027, 1): datetime.date(2027, 1, 21)}

WORKING_GROUP = {
    "slug": "setting-up-centre-management",
    "name": "Setting up centre management",
    "description": "A working group for areas that are starting or rebuilding their centre "
                   "organisation: three half-day meetings for five to eight centre areas, at most "
                   "three people per area, so that everyone works on their own case.",
    "meetings": [
        ("organisation-structure", datetime.date(2027, 2, 9), "deventer", SessionFormat.IN_PERSON,
         "De Bibliotheek Deventer", "Stromarkt 18, Deventer",
         "Working group 1: organisation structure",
         "Foundation, association or a manager employed by the municipality: each area sketches "
         "the structure that fits its own centre and tests it against the others.",
         ["governance"]),
        ("financing", datetime.date(2027, 3, 16), None, SessionFormat.ONLINE, "", "",
         "Working group 2: financing through an entrepreneurs' fund",
         "How an entrepreneurs' fund works, what the support poll among businesses requires and "
         "how to plan the year before it. Areas bring their draft budget.",
         ["financing"]),
        ("projects", datetime.date(2027, 4, 13), "vejle", SessionFormat.HYBRID,
         "Vejle Bibliotek", "Willy Sørensens Plads 1, Vejle",
         "Working group 3: choosing the first projects",
         "Which projects show results in the first year and build trust for the long run? Each "
         "area leaves with a short list and a first step.",
         ["vacancy", "public-space"]),
    ],
}


def _say(stdout, text):
    if stdout is not None:
        stdout.write(f"    {text}")


def _core():
    """The core demo lookups (network/demo.py)."""
    from network import demo

    return demo


def _theme_or_none(slug):
    from network.models import Theme

    return Theme.objects.filter(slug=slug).first()


def _area_or_none(slug):
    from network.models import MemberArea

    return MemberArea.objects.filter(slug=slug).first()


def ensure_index(stdout=None):
    """The programme page (slug "sessions") under the home page."""
    from network.models import HomePage

    home = HomePage.objects.get()
    index = SessionIndexPage.objects.child_of(home).filter(slug="sessions").first()
    if index is None:
        index = SessionIndexPage(
            title="Sessions", slug="sessions",
            intro="Every month members meet online for ninety minutes around one theme: one area "
                  "presents its case, the others ask and compare. Working groups meet a few times "
                  "on one question. Subscribe to the calendar and moves or cancellations reach "
                  "you by themselves.")
        home.add_child(instance=index)
        index.save_revision().publish()
        _say(stdout, "created the session programme page\n")
    grant_organisers(index)
    return index


def grant_organisers(index):
    """Let the Organisers group add, edit and publish sessions under the programme page."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.filter(name="Organisers").first()
    if group is None:
        return
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=index, permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename))


def ensure_series(slug, **fields):
    series, _ = SessionSeries.objects.update_or_create(slug=slug, defaults=fields)
    return series


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


def changed_values(page, values):
    """The entries of ``values`` whose value differs from ``page``'s."""
    return {name: value for name, value in values.items() if getattr(page, name) != value}


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
    people = _core().people_of(area_slug) if area_slug else []
    return [(people[0], "Presents the case")] if people else []


def load_programme(index, year, now, stdout=None):
    """The monthly thematic sessions of ``year`` (second Thursday, 15:00–16:30, no July)."""
    from dateutil import rrule

    coordinator = _core().coordinator()
    series = ensure_series(
        f"learning-programme-{year}", name=f"Learning programme {year}",
        kind=SessionSeries.Kind.PROGRAMME, organiser=coordinator,
        description=f"The monthly online thematic sessions of {year}: ninety minutes, one theme, "
                    "one area presenting its case, on the second Thursday of the month.")
    second_thursdays = {d.month: d.date() for d in rrule.rrule(
        rrule.MONTHLY, byweekday=rrule.TH(2), dtstart=datetime.datetime(year, 1, 1), count=12)}
    created = updated = 0
    for month, theme_slug, area_slug, title, description, summary in PROGRAMME[year]:
        day = second_thursdays[month]
        tz = CPH if area_slug in DANISH_AREAS else AMS
        slug = f"{day:%Y-%m}-{theme_slug}"
        values = {
            "title": title, "date": day, "start_time": datetime.time(15), "end_time":
            datetime.time(16, 30), "time_zone": tz, "format": SessionFormat.ONLINE,
            "join_url": f"{MEET}{slug}", "series": series, "organiser": coordinator,
            "host_area": _area_or_none(area_slug), "description": f"<p>{description}</p>",
            "capacity": 40,
            "agenda": [
                ("item", {"time": datetime.time(15, 0), "item": "Welcome and a round of names"}),
                ("item", {"time": datetime.time(15, 10), "item": "The case, presented by the host area"}),
                ("item", {"time": datetime.time(15, 40), "item": "Questions and comparison in small groups"}),
                ("item", {"time": datetime.time(16, 10), "item": "What each of us takes home"}),
            ],
        }
        final = {}
        if (year, month) in CANCELLED:
            final = {"status": SessionStatus.CANCELLED, "cancellation_reason": CANCELLED[(year, month)]}
        if (year, month) in MOVED:
            final = {"date": MOVED[(year, month)]}
        end = datetime.datetime.combine(final.get("date", day), datetime.time(16, 30))
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
    coordinator = _core().coordinator()
    spec = WORKING_GROUP
    series = ensure_series(spec["slug"], name=spec["name"], description=spec["description"],
                           kind=SessionSeries.Kind.WORKING_GROUP, organiser=coordinator)
    created = 0
    opens = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    closes = datetime.datetime(2027, 1, 25, 12, tzinfo=datetime.UTC)
    for key, day, area_slug, fmt, venue, address, title, description, themes in spec["meetings"]:
        tz = CPH if area_slug in DANISH_AREAS else AMS
        values = {
            "title": title, "date": day, "start_time": datetime.time(9, 30),
            "end_time": datetime.time(13), "time_zone": tz, "format": fmt, "venue": venue,
            "address": address, "series": series, "organiser": coordinator,
            "host_area": _area_or_none(area_slug) if area_slug else None,
            "join_url": f"{MEET}working-group-{key}" if fmt != SessionFormat.IN_PERSON else "",
            "description": f"<p>{description}</p><p>For five to eight centre areas, at most three "
                           "people per area. Bring your own case.</p>",
            "capacity": 24, "max_per_area": 3, "registration_opens": opens,
            "registration_closes": closes,
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
    """Create or update the demo sessions, intervision records and registrations (idempotent)."""
    from .demo_intervision import load_intervisions
    from .demo_registration import load_registrations

    load_sessions(stdout)
    load_intervisions(stdout)
    load_registrations(stdout)
