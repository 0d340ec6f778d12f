#!/usr/bin/env python
"""Generate a large network with bulk inserts: case studies, areas, people, sessions, intervisions.

    .venv/bin/python bench/large_network.py --scale 1.0 [--database-url URL] [--with-demo] [--index]

At ``--scale 1.0``: 10,000 case studies, 2,000 member areas, 20,000 people, 5,000 sessions with
0–40 registrations each and 1,000 intervision records (other scales multiply every number).
Every page exists in every language's tree (docs/languages.md): case studies are written in
English (70 %), Dutch (20 %) or Danish (10 %), their original lives in that language's library
and the other two libraries hold an alias of it, or for one case in ten a real translation.
Sessions are created in the English tree with aliases in Dutch and Danish; registrations point
to the English (canonical) session.

Pages are written straight into Wagtail's tables: the ``wagtailcore_page`` rows with their
materialised path (``path``, ``depth``, ``numchild``, ``url_path``) computed here, then the
specific rows, then the many-to-many rows, a few thousand rows per statement. No revisions, no
signals, no search index: ``--index`` runs ``manage.py update_index`` afterwards, otherwise run
it yourself before measuring search.

Running it a second time on the same database is refused (the generated areas' ``ln-`` slugs
are the marker): build on a fresh database, e.g. ``--database-url sqlite:////tmp/large.sqlite3``.
Without ``--database-url`` it writes into the database the settings point at.

Also importable: ``generate(scale)`` returns the table of what was made and how long each step
took (bench/run.py can build its large database with it).
"""
import argparse
import io
import os
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Rows at scale 1.0 (issue #17).
FULL_SIZE = {"case studies": 10_000, "member areas": 2_000, "people": 20_000,
             "sessions": 5_000, "intervision records": 1_000}
#: The slug prefix of every generated area: tells a generated database from a fresh one.
MARKER = "ln-"
BATCH = 500  # rows per INSERT: well under SQLite's limit on bound parameters for every table
LANGUAGE_SHARES = (("en", 0.7), ("nl", 0.2), ("da", 0.1))
TRANSLATED_SHARE = 0.1
SEED = 17


class AlreadyGenerated(Exception):
    """The database already holds a generated network: a second one would double it."""


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

THEMES = [  # (slug, English, Dutch, Danish): used only when the database has too few themes
    ("vacancy", "Vacancy", "Leegstand", "Tomme butikker"),
    ("branding", "Branding", "Citymarketing", "Branding"),
    ("events", "Events", "Evenementen", "Arrangementer"),
    ("mobility", "Mobility and parking", "Mobiliteit en parkeren", "Mobilitet og parkering"),
    ("greening", "Greening", "Vergroening", "Grønne byrum"),
    ("safety", "Safety", "Veiligheid", "Tryghed"),
    ("housing", "Housing above shops", "Wonen boven winkels", "Boliger over butikker"),
    ("funding", "Funding", "Financiering", "Finansiering"),
    ("data", "Footfall data", "Passantentellingen", "Passagetal"),
    ("hospitality", "Hospitality", "Horeca", "Restauranter og caféer"),
    ("markets", "Markets", "Markten", "Torvehandel"),
    ("heritage", "Heritage", "Erfgoed", "Kulturarv"),
    ("digital", "Digital high street", "Digitale binnenstad", "Digital handel"),
    ("logistics", "City logistics", "Stadslogistiek", "Bylogistik"),
    ("governance", "Governance", "Organisatie", "Organisering"),
    ("culture", "Culture", "Cultuur", "Kultur"),
    ("tourism", "Tourism", "Toerisme", "Turisme"),
    ("public-space", "Public space", "Openbare ruimte", "Byrum"),
]
SYLLABLES = ["ber", "gen", "hol", "sted", "dam", "burg", "vik", "lund", "ker", "dorp", "hus",
             "mark", "ås", "veen", "wijk", "rup", "kø", "ring", "zee", "mo", "lei", "bro", "sø"]
FIRST = ["Anna", "Bram", "Carla", "Dirk", "Emma", "Frederik", "Greta", "Hans", "Ida", "Jens",
         "Karin", "Lars", "Maria", "Niels", "Olga", "Pieter", "Rikke", "Sanne", "Tobias", "Ulla",
         "Vera", "Willem", "Yvonne", "Mette", "Sofie", "Joris", "Lotte", "Mads", "Freja", "Ruud"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Nielsen", "Jensen", "Hansen",
        "Pedersen", "Andersen", "Mulder", "de Boer", "Larsen", "Sørensen", "Meijer", "Bos",
        "Kristensen", "Vos", "Rasmussen", "Dekker", "Poulsen", "van Dijk", "Christensen"]
WORDS = ["pop-up", "shops", "owners", "parking", "market", "square", "festival", "lighting",
         "benches", "trees", "vacancy", "rent", "loyalty", "app", "footfall", "cyclists",
         "terraces", "facades", "heritage", "students", "night", "Sunday", "delivery", "hub"]


def zipf_weights(n, exponent=1.1):
    """Weights 1/rank^s: a few themes are used everywhere, most now and then."""
    return [1 / (rank ** exponent) for rank in range(1, n + 1)]


def town(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


# --------------------------------------------------------------------------------------------
# Bulk pages
# --------------------------------------------------------------------------------------------

def bulk_pages(parent, pages):
    """Insert ``pages`` (unsaved specific instances, e.g. CaseStudyPage(...)) as the last
    children of ``parent``; returns them with their ids.

    Django's ``bulk_create`` refuses multi-table models, so the ``wagtailcore_page`` rows are
    bulk-created first (``Page.objects.bulk_create`` reads the Page columns off the specific
    instances and sets their ids on both databases), then the specific table's own columns are
    inserted with the query Django's own ``save()`` uses for them (``_insert`` with the model's
    local fields). The tree columns are computed as treebeard would: the next steps after the
    parent's last child, ``numchild`` of the parent raised once.
    """
    from django.db import connection
    from wagtail.models import Page

    if not pages:
        return pages
    model = type(pages[0])
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1) \
        .order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last[-Page.steplen:]) if last else 0
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.last_published_at = page.latest_revision_created_at = page.first_published_at
    for start in range(0, len(pages), BATCH):
        Page.objects.bulk_create(pages[start:start + BATCH])
    for page in pages:
        page.page_ptr_id = page.id
    fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), BATCH):
        model._base_manager._insert(pages[start:start + BATCH], fields=fields,
                                    using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    return pages


def bulk_rows(model, rows):
    """bulk_create in batches; returns the rows (with ids on SQLite and PostgreSQL)."""
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start:start + BATCH])
    return rows


def ensure_structure():
    """The English home page, library and session programme, with their pages in every tree
    (made as the demo loader makes them, if missing). Returns {language: (library, programme)}."""
    from wagtail.models import Locale

    from casestudies.models import CaseStudyIndexPage
    from network.models import HomePage
    from network.translation import language_codes, sync_page_to_all_locales
    from sessions.models import SessionIndexPage

    for code in language_codes():
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    library = CaseStudyIndexPage.objects.child_of(home).first()
    if library is None:
        library = CaseStudyIndexPage(title="Case studies", slug="case-studies", show_in_menus=True)
        home.add_child(instance=library)
        library.save_revision().publish()
    programme = SessionIndexPage.objects.child_of(home).first()
    if programme is None:
        programme = SessionIndexPage(title="Sessions", slug="sessions", show_in_menus=True)
        home.add_child(instance=programme)
        programme.save_revision().publish()
    # Publishing syncs the other trees only when the transaction commits: do it now.
    for page in (home, library, programme):
        sync_page_to_all_locales(page)
    found = {}
    for code in language_codes():
        locale = Locale.objects.get(language_code=code)
        found[code] = (CaseStudyIndexPage.objects.get(translation_key=library.translation_key,
                                                      locale=locale),
                       SessionIndexPage.objects.get(translation_key=programme.translation_key,
                                                    locale=locale))
    return found


# --------------------------------------------------------------------------------------------
# The steps
# --------------------------------------------------------------------------------------------

class Generator:
    """One generation run: each ``make_*`` step adds its rows and remembers their ids."""

    def __init__(self, scale, seed=SEED):
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.size = {name: max(1, round(count * scale)) for name, count in FULL_SIZE.items()}

    # --- vocabulary and images ---------------------------------------------------------------

    def make_vocabulary(self):
        """Themes (reused if the database has enough), a few hundred tags, a handful of
        images shared by all pages. Returns the number of rows made."""
        from django.core.files.images import ImageFile
        from PIL import Image as PillowImage
        from taggit.models import Tag
        from wagtail.images import get_image_model

        from network.models import Theme

        made = 0
        if Theme.objects.count() < 8:
            names = set(Theme.objects.values_list("name", flat=True))
            slugs = set(Theme.objects.values_list("slug", flat=True))
            for order, (slug, en, nl, da) in enumerate(THEMES):
                if slug not in slugs and en not in names:
                    Theme.objects.create(slug=slug, name=en, name_nl=nl, name_da=da,
                                         sort_order=order)
                    made += 1
        self.themes = list(Theme.objects.order_by("sort_order", "pk").values_list("pk", flat=True))
        self.theme_weights = zipf_weights(len(self.themes))
        words = sorted({f"{a} {b}" for a in WORDS for b in WORDS if a != b})
        vocabulary = self.rng.sample(words, min(300, len(words)))
        existing = set(Tag.objects.filter(name__in=vocabulary).values_list("name", flat=True))
        bulk_rows(Tag, [Tag(name=name, slug=f"{MARKER}{name.replace(' ', '-')}")
                        for name in vocabulary if name not in existing])
        made += len(vocabulary) - len(existing)
        self.tags = list(Tag.objects.filter(name__in=vocabulary).values_list("pk", flat=True))
        self.tag_weights = zipf_weights(len(self.tags), 0.9)
        Image = get_image_model()
        self.images = []
        for n, colour in enumerate(["#2f6f8f", "#c8553d", "#588b8b", "#f2d0a4", "#8f2d56",
                                    "#3c6e71"]):
            buffer = io.BytesIO()
            PillowImage.new("RGB", (1200, 800), colour).save(buffer, "JPEG")
            image = Image(title=f"Generated town centre {n + 1}",
                          file=ImageFile(buffer, name=f"{MARKER}image-{n + 1}.jpg"))
            image.save()
            self.images.append(image.pk)
        return made + len(self.images)

    def pick_themes(self, low=2, high=4):
        count = min(len(self.themes), self.rng.randint(low, high))
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.rng.choices(self.themes, self.theme_weights)[0])
        return sorted(chosen)

    # --- areas, organisations, people --------------------------------------------------------

    def make_areas(self):
        from django.utils.text import slugify

        from network.models import (
            AreaKind,
            MemberArea,
            MembershipStatus,
            Organisation,
            OrganisationKind,
            OrganisationModel,
            PopulationBand,
        )

        rng = self.rng
        areas = []
        for n in range(self.size["member areas"]):
            dutch = rng.random() < 0.6
            name = town(rng)
            areas.append(MemberArea(
                name=f"{name} centre {n + 1}",
                name_nl=f"Binnenstad {name} {n + 1}" if dutch else "",
                name_da=f"{name} bymidte {n + 1}" if not dutch else "",
                slug=f"{MARKER}{slugify(name)}-{n + 1}", municipality=name,
                country="NL" if dutch else "DK",
                region=rng.choice(["Noord", "Zuid", "Oost", "West"] if dutch
                                  else ["Hovedstaden", "Sjælland", "Midtjylland", "Nordjylland"]),
                kind=rng.choice(AreaKind.values), population_band=rng.choice(PopulationBand.values),
                member_since=rng.randint(2005, 2026),
                membership_status=rng.choices(MembershipStatus.values, [85, 10, 5])[0],
                organisation_model=rng.choice(OrganisationModel.values),
                profile=f"The centre of {name}: shops, markets and a busy square.",
                image_id=rng.choice(self.images) if rng.random() < 0.5 else None))
        bulk_rows(MemberArea, areas)
        self.areas = [area.pk for area in areas]
        self.area_country = {area.pk: area.country for area in areas}
        self.area_town = {area.pk: area.municipality for area in areas}
        organisations = bulk_rows(Organisation, [
            Organisation(name=f"Centre management {area.municipality}",
                         kind=OrganisationKind.CENTRE_ORGANISATION, area_id=area.pk)
            for area in areas])
        self.organisation_of = {org.area_id: org.pk for org in organisations}
        return len(areas) + len(organisations)

    def make_people(self):
        from network.models import Person, PersonRole

        rng = self.rng
        people = []
        for n in range(self.size["people"]):
            area = rng.choice(self.areas)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            people.append(Person(
                name=name, role=rng.choice(PersonRole.values),
                organisation_id=self.organisation_of[area],
                email=f"person{n + 1}@{MARKER}example.org",
                bio="Works on the town centre with entrepreneurs and owners.",
                photo_id=rng.choice(self.images) if rng.random() < 0.2 else None,
                listed_in_directory=rng.random() < 0.9))
            people[-1].home_area = area
        bulk_rows(Person, people)
        self.people = [person.pk for person in people]
        self.person_area = {person.pk: person.home_area for person in people}
        areas_through = Person.areas.through
        expertise_through = Person.expertise.through
        bulk_rows(areas_through, [areas_through(person_id=p.pk, memberarea_id=p.home_area)
                                  for p in people])
        expertise = [expertise_through(person_id=p.pk, theme_id=theme)
                     for p in people for theme in self.pick_themes(0, 2)]
        bulk_rows(expertise_through, expertise)
        return len(people) * 2 + len(expertise)

    # --- case studies ------------------------------------------------------------------------

    def case_body(self, title):
        """A body with the required sections (stored as JSON, built per case: ids differ)."""
        text = f"<p>{title}: what we did with the owners and the municipality.</p>"
        return [{"type": "context", "value": {"text": text}, "id": str(uuid.uuid4())},
                {"type": "approach", "value": {"text": text, "steps": []}, "id": str(uuid.uuid4())},
                {"type": "result", "value": {"text": "<p>Fewer empty shops after two years.</p>",
                                             "figures": []}, "id": str(uuid.uuid4())}]

    def make_case_studies(self, trees):
        """The originals in the library of their language, then in each other library a
        translation (one case in ten) or an alias. Returns the number of page rows."""
        from wagtail.models import Locale

        rng = self.rng
        locales = dict(Locale.objects.values_list("language_code", "pk"))
        languages = [code for code, _share in LANGUAGE_SHARES]
        shares = [share for _code, share in LANGUAGE_SHARES]
        specs = []  # (language, fields) of each original
        for n in range(self.size["case studies"]):
            language = rng.choices(languages, shares)[0]
            area = rng.choice(self.areas)
            start = date(2010, 1, 1) + timedelta(days=rng.randint(0, 5800))
            ongoing = rng.random() < 0.3
            words = " ".join(rng.sample(WORDS, 3))
            title = f"{words.capitalize()} in {self.area_town[area]} ({n + 1})"
            specs.append((language, {
                "title": title, "slug": f"{MARKER}case-{n + 1}", "translation_key": uuid.uuid4(),
                "first_published_at": self.now - timedelta(minutes=rng.randint(0, 5 * 525_600)),
                "summary": f"How {words} changed a town centre, and what it cost.",
                "period_start": start, "ongoing": ongoing,
                "period_end": None if ongoing else start + timedelta(days=rng.randint(90, 1500)),
                "budget_amount": rng.choice([None, 15_000, 40_000, 85_000, 250_000]),
                "budget_currency": "EUR" if self.area_country[area] == "NL" else
                rng.choice(["EUR", "DKK"]),
                "hero_image_id": rng.choice(self.images) if rng.random() < 0.7 else None,
                "hero_credit": "Generated", "main_area": area}))
        originals = {code: [] for code in languages}
        for language, fields in specs:
            originals[language].append(fields)
        made = []  # every page made, for the relations
        by_key = {}
        for code in languages:
            pages = [self._case(fields, locales[code], alias_of=None) for fields in originals[code]]
            bulk_pages(trees[code][0], pages)
            made.extend(pages)
            by_key.update({page.translation_key: page for page in pages})
        for code in languages:
            others = []
            for other in languages:
                if other == code:
                    continue
                for fields in originals[other]:
                    original = by_key[fields["translation_key"]]
                    if rng.random() < TRANSLATED_SHARE:
                        copy = self._case({**fields, "title": f"{fields['title']} [{code}]"},
                                          locales[code], alias_of=None)
                    else:
                        copy = self._case(fields, locales[code], alias_of=original.pk)
                    others.append(copy)
            bulk_pages(trees[code][0], others)
            made.extend(others)
        self._case_pages = made
        return len(made)

    def _case(self, fields, locale_id, alias_of):
        from casestudies.models import CaseStudyPage

        fields = dict(fields)
        main_area = fields.pop("main_area")
        page = CaseStudyPage(locale_id=locale_id, alias_of_id=alias_of,
                             body=self.case_body(fields["title"]), **fields)
        page.main_area = main_area
        return page

    def make_case_relations(self):
        """Areas, themes, tags, stakeholders and a contact per case; an alias or translation
        gets the same rows as its original (as Wagtail's copy does)."""
        from casestudies.models import CaseStudyContact, CaseStudyPage, CaseStudyTag, Stakeholder

        rng = self.rng
        pages = self._case_pages
        stakeholders = list(Stakeholder.objects.values_list("pk", flat=True))
        chosen = {}  # translation_key -> (areas, themes, tags, stakeholders, contact)
        for page in pages:
            if page.translation_key not in chosen:
                areas = {page.main_area}
                if rng.random() < 0.15:
                    areas.add(rng.choice(self.areas))
                tags = {rng.choices(self.tags, self.tag_weights)[0]
                        for _ in range(rng.randint(0, 4))} if self.tags else set()
                contact = rng.choice(self.people)
                chosen[page.translation_key] = (
                    sorted(areas), self.pick_themes(), sorted(tags),
                    rng.sample(stakeholders, min(len(stakeholders), rng.randint(1, 3))), contact)
        area_rows, theme_rows, tag_rows, holder_rows, contact_rows = [], [], [], [], []
        through = CaseStudyPage
        for page in pages:
            areas, themes, tags, holders, contact = chosen[page.translation_key]
            area_rows += [through.areas.through(casestudypage_id=page.pk, memberarea_id=a)
                          for a in areas]
            theme_rows += [through.themes.through(casestudypage_id=page.pk, theme_id=t)
                           for t in themes]
            tag_rows += [CaseStudyTag(content_object_id=page.pk, tag_id=t) for t in tags]
            holder_rows += [through.stakeholders.through(casestudypage_id=page.pk,
                                                         stakeholder_id=s) for s in holders]
            contact_rows.append(CaseStudyContact(page_id=page.pk, person_id=contact,
                                                 sort_order=0, role_in_case="Project lead"))
        for model, rows in ((through.areas.through, area_rows),
                            (through.themes.through, theme_rows), (CaseStudyTag, tag_rows),
                            (through.stakeholders.through, holder_rows),
                            (CaseStudyContact, contact_rows)):
            bulk_rows(model, rows)
        return sum(map(len, (area_rows, theme_rows, tag_rows, holder_rows, contact_rows)))

    # --- sessions and registrations ----------------------------------------------------------

    def make_sessions(self, trees):
        """Sessions over five years (four past, one ahead) in the English tree, aliases in
        the others. Returns the number of page rows."""
        import zoneinfo

        from wagtail.models import Locale

        from sessions.models import SessionFormat, SessionPage, SessionSeries, SessionStatus

        rng = self.rng
        locales = dict(Locale.objects.values_list("language_code", "pk"))
        series = [SessionSeries.objects.get_or_create(
            slug=f"{MARKER}series-{n}", defaults={"name": f"Working group {n}"})[0].pk
            for n in range(1, 6)]
        first_day = self.now.date() - timedelta(days=4 * 365)
        originals = []
        for n in range(self.size["sessions"]):
            day = first_day + timedelta(days=rng.randint(0, 5 * 365))
            zone = "Europe/Amsterdam" if rng.random() < 0.6 else "Europe/Copenhagen"
            hour = rng.choice([9, 10, 13, 14, 15])
            starts = datetime(day.year, day.month, day.day, hour, tzinfo=zoneinfo.ZoneInfo(zone))
            online = rng.random() < 0.6
            fields = {
                "title": f"{rng.choice(WORDS).capitalize()} session {n + 1}",
                "slug": f"{MARKER}session-{n + 1}", "translation_key": uuid.uuid4(),
                "first_published_at": min(self.now, starts.astimezone(UTC) - timedelta(days=30)),
                "date": day, "start_time": starts.time(),
                "end_time": (starts + timedelta(hours=2)).time(), "time_zone": zone,
                "starts_at": starts.astimezone(UTC),
                "ends_at": (starts + timedelta(hours=2)).astimezone(UTC),
                "format": SessionFormat.ONLINE if online else rng.choice(SessionFormat.values),
                "join_url": "https://meet.example.org/ln" if online else "",
                "venue": "" if online else "Town hall",
                "host_area_id": rng.choice(self.areas), "organiser_id": rng.choice(self.people),
                "series_id": rng.choice(series) if rng.random() < 0.5 else None,
                "description": "<p>Members compare what worked and what did not.</p>",
                "capacity": rng.choice([None, 20, 30, 40]),
                "status": SessionStatus.CANCELLED if rng.random() < 0.03 else SessionStatus.SCHEDULED,
            }
            originals.append(SessionPage(locale_id=locales["en"], **fields))
        bulk_pages(trees["en"][1], originals)
        made = list(originals)
        for code, (_library, programme) in trees.items():
            if code == "en":
                continue
            aliases = [SessionPage(locale_id=locales[code], alias_of_id=page.pk,
                                   **{name: getattr(page, name) for name in (
                                       "title", "slug", "translation_key", "first_published_at",
                                       "date", "start_time", "end_time", "time_zone", "starts_at",
                                       "ends_at", "format", "join_url", "venue", "host_area_id",
                                       "organiser_id", "series_id", "description", "capacity",
                                       "status")})
                       for page in originals]
            bulk_pages(programme, aliases)
            made.extend(aliases)
        through = SessionPage.themes.through
        themes_of = {page.translation_key: self.pick_themes(1, 2) for page in originals}
        bulk_rows(through, [through(sessionpage_id=page.pk, theme_id=theme)
                            for page in made for theme in themes_of[page.translation_key]])
        self.sessions = originals
        return len(made)

    def make_registrations(self):
        """0–40 registrations per (English) session by participants drawn from the people;
        confirmed up to the capacity with seats 1..n, the rest waiting."""
        from sessions.models import Participant, Registration, RegistrationStatus

        rng = self.rng
        pool = rng.sample(self.people, min(len(self.people), max(50, len(self.people) // 3)))
        participants = bulk_rows(Participant, [
            Participant(email=f"person-{pk}@{MARKER}example.org", name=f"Participant {pk}",
                        area_id=self.person_area[pk], language=rng.choice(["en", "nl", "da"]))
            for pk in pool])
        rows = []
        for session in self.sessions:
            count = rng.randint(0, 40)
            seat = 0
            for participant in rng.sample(participants, min(count, len(participants))):
                created = session.starts_at - timedelta(days=rng.randint(1, 60))
                if rng.random() < 0.08:
                    status, seat_no = RegistrationStatus.CANCELLED, None
                elif session.capacity is None or seat < session.capacity:
                    seat += 1
                    status, seat_no = RegistrationStatus.CONFIRMED, seat
                else:
                    status, seat_no = RegistrationStatus.WAITING, None
                rows.append(Registration(
                    session_id=session.pk, participant_id=participant.pk, name=participant.name,
                    area_id=participant.area_id, status=status, seat=seat_no,
                    created_at=created, status_changed_at=created, language=participant.language))
        bulk_rows(Registration, rows)
        return len(participants) + len(rows)

    # --- intervisions ------------------------------------------------------------------------

    def make_intervisions(self):
        from intervisions.models import ConfidentialityLevel, IntervisionMethod, IntervisionRecord

        rng = self.rng
        methods = list(IntervisionMethod.objects.values_list("pk", flat=True))
        if not methods:
            methods = [IntervisionMethod.objects.create(name="Incident method").pk]
        records = []
        for _n in range(self.size["intervision records"]):
            owner = rng.choice(self.people)
            session = rng.choice(self.sessions) if rng.random() < 0.5 else None
            records.append(IntervisionRecord(
                date=(session.date if session else
                      self.now.date() - timedelta(days=rng.randint(0, 4 * 365))),
                session_id=session.pk if session else None, area_id=self.person_area[owner],
                case_owner_id=owner, facilitator_id=rng.choice(self.people),
                method_id=rng.choice(methods),
                case_question="How do we get the owners of empty shops around the table?",
                advice="Start with the two largest owners; bring footfall figures.",
                confidentiality=rng.choices(ConfidentialityLevel.values, [60, 30, 10])[0],
                public_summary="A centre manager asked how to involve owners.",
                public_summary_approved=rng.random() < 0.5))
        bulk_rows(IntervisionRecord, records)
        participants = IntervisionRecord.participants.through
        themes = IntervisionRecord.themes.through
        participant_rows, theme_rows = [], []
        for record in records:
            group = set(rng.sample(self.people, min(len(self.people), rng.randint(4, 8))))
            group.add(record.case_owner_id)
            participant_rows += [participants(intervisionrecord_id=record.pk, person_id=p)
                                 for p in sorted(group)]
            theme_rows += [themes(intervisionrecord_id=record.pk, theme_id=t)
                           for t in self.pick_themes(1, 2)]
        bulk_rows(participants, participant_rows)
        bulk_rows(themes, theme_rows)
        return len(records) + len(participant_rows) + len(theme_rows)


def generate(scale=1.0, *, index=False, seed=SEED):
    """Add a large network to the configured database (Django must be set up).

    Returns [(step, rows made, seconds)]. Raises ``AlreadyGenerated`` if the database already
    holds one. Everything is written in one transaction: a failure leaves nothing behind.
    """
    from django.core.management import call_command
    from django.db import transaction

    from network.models import MemberArea

    if MemberArea.objects.filter(slug__startswith=MARKER).exists():
        raise AlreadyGenerated("This database already holds a generated network (member areas "
                               f"with slugs starting with {MARKER!r}); use a fresh database.")
    generator = Generator(scale, seed=seed)
    table = []

    def step(label, function, *args):
        start = time.perf_counter()
        result = function(*args)
        rows = result if isinstance(result, int) else 0
        table.append((label, rows, time.perf_counter() - start))
        return result

    with transaction.atomic():
        trees = step("site structure (library, programme)", ensure_structure)
        step("themes, tags, images", generator.make_vocabulary)
        step("member areas, organisations", generator.make_areas)
        step("people (+ areas, expertise)", generator.make_people)
        step("case-study pages, all trees", generator.make_case_studies, trees)
        step("case-study areas, themes, tags, contacts", generator.make_case_relations)
        step("session pages, all trees", generator.make_sessions, trees)
        step("participants, registrations", generator.make_registrations)
        step("intervision records (+ m2m)", generator.make_intervisions)
    if index:
        step("search index (update_index)",
             lambda: call_command("update_index", stdout=io.StringIO()) or 0)
    # The query planner's statistics, as PostgreSQL's autovacuum would gather them after such a
    # load: without them SQLite walks a language's 15,000 pages for "upcoming sessions".
    step("planner statistics (ANALYZE)", _analyze)
    return table


def _analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return 0


def print_table(table, stdout=sys.stdout, indexed=False):
    """The table of what was made and how long each step took."""
    width = max(len(label) for label, _rows, _seconds in table)
    stdout.write(f"{'step':<{width}} {'rows':>9} {'seconds':>8}\n")
    stdout.write("-" * (width + 19) + "\n")
    for label, rows, seconds in table:
        stdout.write(f"{label:<{width}} {rows:>9,} {seconds:>8.1f}\n")
    total = sum(seconds for _label, _rows, seconds in table)
    stdout.write(f"{'total':<{width}} {sum(r for _l, r, _s in table):>9,} {total:>8.1f}\n")
    if not indexed:
        stdout.write("\nThe search index was not updated: run `manage.py update_index` "
                     "(or pass --index) before measuring search.\n")


def main(argv=None):
    """Command line: set Django up on the chosen database, migrate, generate, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1.0 = 10,000 case studies, 2,000 areas, 20,000 people, "
                             "5,000 sessions, 1,000 intervision records")
    parser.add_argument("--database-url", help="the database to fill (default: the settings')")
    parser.add_argument("--with-demo", action="store_true",
                        help="load the demo network first (so the benchmark's demo pages exist)")
    parser.add_argument("--index", action="store_true", help="update the search index after")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.with_demo:
        call_command("load_demo_network", stdout=io.StringIO())
    print(f"migrate{' and demo network' if args.with_demo else ''}: "
          f"{time.perf_counter() - start:.1f} s")
    try:
        table = generate(args.scale, index=args.index, seed=args.seed)
    except AlreadyGenerated as refused:
        print(refused, file=sys.stderr)
        return 2
    print_table(table, indexed=args.index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
