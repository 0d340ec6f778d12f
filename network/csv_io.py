"""CSV import and export of the member directory (areas and people).

Import is all or nothing: the whole file is read and checked first, every problem is
reported (row, column, what is wrong), and only a file without problems is written, in one
transaction. Rows are matched to existing records so that importing the same file again
updates rather than duplicates: areas by slug, people by email (ignoring case) or else by name
and member area. Columns left out of the file leave those fields as they are.

Export writes the same columns, so an exported file can be edited and imported again.
"""
import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    AreaKind,
    Country,
    MemberArea,
    MembershipStatus,
    Organisation,
    OrganisationModel,
    Person,
    PersonRole,
    PopulationBand,
    Theme,
)

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_FIELD = 10_000
LIST_SEPARATOR = "|"
FORMULA_PREFIXES = ("=", "+", "-", "@")

AREA_COLUMNS = ["slug", "name", "municipality", "country", "region", "kind", "population_band",
                "latitude", "longitude", "website", "member_since", "membership_status",
                "organisation_model", "profile"]
AREA_REQUIRED = ["slug", "name", "municipality", "country"]
AREA_CHOICES = {"country": Country, "kind": AreaKind, "population_band": PopulationBand,
                "membership_status": MembershipStatus, "organisation_model": OrganisationModel}

PEOPLE_COLUMNS = ["name", "email", "role", "job_title", "organisation", "areas", "phone", "bio",
                  "expertise", "listed_in_directory"]
PEOPLE_REQUIRED = ["name", "role"]
TRUE = {"yes", "y", "true", "1", "ja", "j"}
FALSE = {"no", "n", "false", "0", "nee", "nej", ""}


@dataclass
class Problem:
    row: int  # line in the spreadsheet: 1 is the header
    column: str
    message: str


@dataclass
class Plan:
    """What an import would do (or did): problems, and the rows to create or update."""

    kind: str
    problems: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    _writes: list = field(default_factory=list, repr=False)

    @property
    def ok(self):
        return not self.problems

    def problem(self, row, column, message):
        self.problems.append(Problem(row, column, message))


# ------------------------------------------------------------------------------------------
# Reading the file
# ------------------------------------------------------------------------------------------

def read_rows(data, plan, columns, required):
    """Decode ``data`` (bytes) and return (header, rows) where rows are (line, dict).

    Problems with the file as a whole are added to ``plan`` and give ``(None, [])``.
    """
    if not data or not data.strip():
        plan.problem(1, "", _("The file is empty."))
        return None, []
    if len(data) > MAX_BYTES:
        plan.problem(1, "", _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
        return None, []
    if b"\x00" in data[:8192]:
        plan.problem(1, "", _("This is not a CSV text file (it looks like a spreadsheet or "
                              "other binary file). Save it as “CSV UTF-8” and try again."))
        return None, []
    try:
        text = data.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError as exc:
        plan.problem(1, "", _("The file is not UTF-8 text (byte %(pos)d). Save it as "
                              "“CSV UTF-8” and try again.") % {"pos": exc.start + 1})
        return None, []
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw_header = next(reader, None)
        header = [name.strip().lower().replace(" ", "_") for name in raw_header or []]
        for position, name in enumerate(header):
            if name and name not in columns:
                plan.problem(1, name, _("Unknown column. The columns are: %(cols)s.")
                             % {"cols": ", ".join(columns)})
            elif name and header.index(name) != position:
                plan.problem(1, name, _("This column appears twice."))
        for name in required:
            if name not in header:
                plan.problem(1, name, _("This required column is missing."))
        if plan.problems:
            return None, []
        rows = []
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                plan.problem(line, "", _("Too many rows: at most %(n)d per file.") % {"n": MAX_ROWS})
                break
            if len(values) > len(header):
                plan.problem(line, "", _("This row has %(n)d cells, the header %(h)d.")
                             % {"n": len(values), "h": len(header)})
                continue
            # Short rows (trailing empty cells dropped by some tools) count as empty cells.
            values = values + [""] * (len(header) - len(values))
            row = {}
            for name, value in zip(header, values, strict=True):
                if not name:
                    continue
                if len(value) > MAX_FIELD:
                    plan.problem(line, name, _("The cell is too long."))
                    value = ""
                row[name] = _unescape(value.strip())
            rows.append((line, row))
    except csv.Error as exc:
        plan.problem(reader.line_num or 1, "", _("The file cannot be read as CSV: %(error)s")
                     % {"error": exc})
        return None, []
    if not rows and not plan.problems:
        plan.problem(2, "", _("The file has a header but no rows."))
    return header, rows


def _unescape(value):
    # Export prefixes cells starting with = + - @ with an apostrophe so that spreadsheets do
    # not run them as formulas (a phone number "+31 …" would be one); undo that here.
    if value.startswith("'") and value[1:2] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _escape(value):
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def spreadsheet_safe(value):
    """``value`` as text a spreadsheet will not run as a formula (for any CSV export)."""
    return _escape(value)


def _choice(choices, value):
    """The stored value of a choice, given its value or its label (English or current language)."""
    lookup = {}
    for stored, label in choices.choices:
        lookup[stored.lower()] = stored
        lookup[str(label).lower()] = stored
        with translation.override("en"):
            lookup[str(label).lower()] = stored
    return lookup.get(value.lower())


def _choice_list(choices):
    return ", ".join(value for value, _label in choices.choices)


def _split(value):
    return [part.strip() for part in value.replace(";", LIST_SEPARATOR).split(LIST_SEPARATOR)
            if part.strip()]


def _add_model_errors(plan, line, exc):
    """Report a model's validation errors, one per column, skipping columns of this row that
    already have a problem (an unknown choice also leaves the field blank)."""
    reported = {(p.row, p.column) for p in plan.problems}
    for name, message in _first_error_per_field(exc).items():
        if (line, name) not in reported:
            plan.problem(line, name, message)


def _first_error_per_field(exc):
    if hasattr(exc, "error_dict"):
        return {name: errors[0].messages[0] if hasattr(errors[0], "messages") else str(errors[0])
                for name, errors in exc.error_dict.items()}
    return {"": exc.messages[0]}


# ------------------------------------------------------------------------------------------
# Areas
# ------------------------------------------------------------------------------------------

def plan_areas(data):
    """Check a CSV of member areas; return a Plan (nothing is written)."""
    plan = Plan(kind="areas")
    header, rows = read_rows(data, plan, AREA_COLUMNS, AREA_REQUIRED)
    if header is None:
        return plan
    existing = {area.slug: area for area in MemberArea.objects.all()}
    seen = {}
    for line, row in rows:
        slug = row.get("slug", "").lower()
        if slug in seen:
            plan.problem(line, "slug", _("Slug “%(slug)s” is also on row %(row)d.")
                         % {"slug": slug, "row": seen[slug]})
            continue
        if slug:
            seen[slug] = line
        area = existing.get(slug) or MemberArea()
        before = {name: getattr(area, name) for name in AREA_COLUMNS} if area.pk else None
        row_ok = True
        for name, value in row.items():
            model_field = MemberArea._meta.get_field(name)
            if not value and not model_field.blank and model_field.has_default():
                # An empty cell in a required column with a default (kind, status) means
                # the default, rather than an error.
                value = model_field.get_default()
            if name in AREA_CHOICES and value:
                stored = _choice(AREA_CHOICES[name], value)
                if stored is None:
                    plan.problem(line, name, _("“%(value)s” is not one of: %(choices)s.")
                                 % {"value": value, "choices": _choice_list(AREA_CHOICES[name])})
                    row_ok = False
                    continue
                value = stored
            elif name in ("latitude", "longitude"):
                try:
                    value = Decimal(value.replace(",", ".")) if value else None
                except InvalidOperation:
                    plan.problem(line, name, _("Enter a number such as 51.91250."))
                    row_ok = False
                    continue
            elif name == "member_since":
                if value and not (value.isascii() and value.isdigit() and len(value) == 4):
                    plan.problem(line, name, _("Enter a year such as 2021."))
                    row_ok = False
                    continue
                value = int(value) if value else None
            elif name == "slug":
                value = value.lower()
            setattr(area, name, value)
        try:
            area.full_clean(validate_unique=False)
        except ValidationError as exc:
            _add_model_errors(plan, line, exc)
            row_ok = False
        if not row_ok:
            continue
        label = f"{area.name} ({area.slug})"
        if before is None:
            plan.created.append(label)
            plan._writes.append(area)
        elif any(getattr(area, name) != value for name, value in before.items()):
            plan.updated.append(label)
            plan._writes.append(area)
        else:
            plan.unchanged.append(label)
    return plan


# ------------------------------------------------------------------------------------------
# People
# ------------------------------------------------------------------------------------------

def plan_people(data):
    """Check a CSV of people; return a Plan (nothing is written)."""
    plan = Plan(kind="people")
    header, rows = read_rows(data, plan, PEOPLE_COLUMNS, PEOPLE_REQUIRED)
    if header is None:
        return plan
    areas = {area.slug: area for area in MemberArea.objects.all()}
    themes = {}
    for theme in Theme.objects.all():
        themes[theme.slug.lower()] = theme
        themes[theme.name.lower()] = theme
    organisations = {}
    for org in Organisation.objects.select_related("area"):
        organisations.setdefault(org.name.lower(), []).append(org)
    people = list(Person.objects.prefetch_related("areas", "expertise").order_by("pk"))
    by_email = {}
    for person in people:
        if person.email:
            by_email.setdefault(person.email.lower(), []).append(person)
    seen = {}
    for line, row in rows:
        row_ok = True
        row_areas = []
        if "areas" in row:
            for slug in _split(row["areas"]):
                if slug.lower() in areas:
                    row_areas.append(areas[slug.lower()])
                else:
                    plan.problem(line, "areas", _("There is no member area with the slug “%(slug)s”.")
                                 % {"slug": slug})
                    row_ok = False
        row_themes = []
        if "expertise" in row:
            for name in _split(row["expertise"]):
                if name.lower() in themes:
                    row_themes.append(themes[name.lower()])
                else:
                    plan.problem(line, "expertise", _("There is no theme “%(theme)s”.") % {"theme": name})
                    row_ok = False
        person, problem = _match_person(row, row_areas, by_email, people)
        if problem:
            plan.problem(line, "email" if row.get("email") else "name", problem)
            continue
        key = person.pk if person else (row.get("email", "").lower() or
                                        (row.get("name", "").lower(), tuple(a.pk for a in row_areas)))
        if key in seen:
            plan.problem(line, "email" if row.get("email") else "name",
                         _("This is the same person as on row %(row)d.") % {"row": seen[key]})
            continue
        seen[key] = line
        person = person or Person()
        fields = ["name", "email", "role", "job_title", "phone", "bio", "listed_in_directory",
                  "organisation_id"]
        before = ({name: getattr(person, name) for name in fields} if person.pk else None)
        old_areas = {a.pk for a in person.areas.all()} if person.pk else set()
        old_themes = {t.pk for t in person.expertise.all()} if person.pk else set()
        for name in ("name", "email", "job_title", "phone", "bio"):
            if name in row:
                setattr(person, name, row[name])
        if "role" in row:
            role = _choice(PersonRole, row["role"]) if row["role"] else None
            if role is None:
                plan.problem(line, "role", _("“%(value)s” is not one of: %(choices)s.")
                             % {"value": row["role"], "choices": _choice_list(PersonRole)})
                row_ok = False
            else:
                person.role = role
        if "listed_in_directory" in row:
            value = row["listed_in_directory"].lower()
            if value in TRUE or value in FALSE:
                # An empty cell means "listed": the default, and the safer reading of a blank.
                person.listed_in_directory = value in TRUE or value == ""
            else:
                plan.problem(line, "listed_in_directory", _("Enter yes or no."))
                row_ok = False
        if "organisation" in row:
            name = row["organisation"]
            if not name:
                person.organisation = None
            else:
                candidates = organisations.get(name.lower(), [])
                preferred = [o for o in candidates if o.area in row_areas] or candidates
                if len(preferred) == 1:
                    person.organisation = preferred[0]
                elif not preferred:
                    plan.problem(line, "organisation", _("There is no organisation “%(name)s”; add it "
                                                         "in the admin first.") % {"name": name})
                    row_ok = False
                else:
                    plan.problem(line, "organisation", _("Several organisations are called “%(name)s”; "
                                                         "list the person's member area so that "
                                                         "the right one is chosen.") % {"name": name})
                    row_ok = False
        try:
            person.full_clean(exclude=["areas", "expertise", "user", "photo"], validate_unique=False)
        except ValidationError as exc:
            _add_model_errors(plan, line, exc)
            row_ok = False
        if not row_ok:
            continue
        new_areas = {a.pk for a in row_areas} if "areas" in row else old_areas
        new_themes = {t.pk for t in row_themes} if "expertise" in row else old_themes
        label = f"{person.name} <{person.email}>" if person.email else person.name
        write = (person, row_areas if "areas" in row else None,
                 row_themes if "expertise" in row else None)
        if before is None:
            plan.created.append(label)
            plan._writes.append(write)
        elif (any(getattr(person, name) != value for name, value in before.items())
              or new_areas != old_areas or new_themes != old_themes):
            plan.updated.append(label)
            plan._writes.append(write)
        else:
            plan.unchanged.append(label)
    return plan


def _match_person(row, row_areas, by_email, people):
    """The existing person a row describes, or None; or an error message if ambiguous."""
    email = row.get("email", "").lower()
    if email:
        matches = by_email.get(email, [])
        if len(matches) > 1:
            return None, _("Several people in the directory have this email address; "
                           "merge them in the admin first.")
        if matches:
            return matches[0], None
    name = row.get("name", "").lower()
    if not name:
        return None, None
    area_ids = {a.pk for a in row_areas}
    matches = [p for p in people if p.name.lower() == name
               and (area_ids & {a.pk for a in p.areas.all()} or not area_ids and not p.areas.all())
               and not (email and p.email and p.email.lower() != email)]
    if len(matches) > 1:
        return None, _("Several people with this name are in the same member area; "
                       "add their email addresses to tell them apart.")
    return (matches[0] if matches else None), None


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------

def apply(plan):
    """Write a checked plan in one transaction. Refuses a plan with problems."""
    if not plan.ok:
        raise ValueError("A plan with problems is never written.")
    with transaction.atomic():
        for item in plan._writes:
            if plan.kind == "areas":
                item.save()
                continue
            person, areas, themes = item
            if areas is not None:
                person.areas.set(areas)
            if themes is not None:
                person.expertise.set(themes)
            person.save()
    return plan


def import_csv(kind, data, *, dry_run=False):
    """Check ``data`` as a CSV of ``kind`` ("areas" or "people"); write it unless there is any
    problem or ``dry_run``. Returns the Plan (problems, created, updated, unchanged)."""
    plan = plan_areas(data) if kind == "areas" else plan_people(data)
    if plan.ok and not dry_run:
        apply(plan)
    return plan


# ------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------

def bom_writer(buffer):
    """A CSV writer on the text ``buffer`` for files people open in a spreadsheet: a BOM first,
    so that Excel reads the file as UTF-8 (ø, å, ë…), and Windows line endings.

    Pass every cell that may hold what people typed through ``spreadsheet_safe``.
    """
    buffer.write("\ufeff")
    return csv.writer(buffer, lineterminator="\r\n")


def export_areas():
    """All member areas (former members included) as CSV text, in the import's columns."""
    buffer = io.StringIO()
    writer = bom_writer(buffer)
    writer.writerow(AREA_COLUMNS)
    for area in MemberArea.objects.order_by(Lower("name"), "pk"):
        writer.writerow([_escape(getattr(area, name)) for name in AREA_COLUMNS])
    return buffer.getvalue()


def export_people():
    """All people with contact details as CSV text, in the import's columns (organisers only)."""
    buffer = io.StringIO()
    writer = bom_writer(buffer)
    writer.writerow(PEOPLE_COLUMNS)
    people = (Person.objects.select_related("organisation").prefetch_related("areas", "expertise")
              .order_by(Lower("name"), "pk"))
    for person in people:
        values = {
            "name": person.name, "email": person.email, "role": person.role,
            "job_title": person.job_title,
            "organisation": person.organisation.name if person.organisation_id else "",
            "areas": LIST_SEPARATOR.join(a.slug for a in person.areas.all()),
            "phone": person.phone, "bio": person.bio,
            "expertise": LIST_SEPARATOR.join(t.slug for t in person.expertise.all()),
            "listed_in_directory": "yes" if person.listed_in_directory else "no",
        }
        writer.writerow([_escape(values[name]) for name in PEOPLE_COLUMNS])
    return buffer.getvalue()
