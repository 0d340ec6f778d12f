"""Demo case studies: the library page, ten cases from Dutch and Danish member areas, a few
generated pictures and a document, and a contributor and an editor account.

The content is in ``demo_content``; this module only loads it. Idempotent: pages are found by
slug and get a new published revision only when something in ``demo_content`` differs from what
is live; images and documents are found by title.
"""
import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from network.demo import DEMO_PASSWORD, area, people_of, theme
from network.media import shared_media_collection
from network.models import HomePage, Person

from .demo_content import ACCOUNTS, CASES, LIBRARY
from .models import (
    CaseStudyContact,
    CaseStudyIndexPage,
    CaseStudyPage,
    RelatedCaseStudy,
    Stakeholder,
)
from .roles import CONTRIBUTORS, EDITORS

# The group each demo account of ``demo_content.ACCOUNTS`` belongs to.
ACCOUNT_GROUPS = {"contributor": CONTRIBUTORS, "editor": EDITORS}


def load(stdout):
    """Create or update the demo library and case studies (idempotent)."""
    home = HomePage.objects.get()
    # Its groups, permissions and review workflow come with it (roles.GRANTS, set_up_page).
    library = _load_library(home, stdout)
    pages = {}
    changed = set()
    # Two passes: related cases can only point at pages that exist.
    for with_related in (False, True):
        for data in CASES:
            page, did_change = _load_case(library, data, pages, with_related)
            pages[data["slug"]] = page
            if did_change:
                changed.add(data["slug"])
    stdout.write(f"  {len(CASES)} case studies ({len(changed)} created or updated)")
    _load_accounts(stdout)


def _load_library(home, stdout):
    library = home.get_children().filter(slug=LIBRARY["slug"]).specific().first()
    if library is None:
        library = CaseStudyIndexPage(slug=LIBRARY["slug"], title=LIBRARY["title"],
                                     intro=LIBRARY["intro"], show_in_menus=True)
        home.add_child(instance=library)
        library.save_revision().publish()
        stdout.write("  Case-study library created")
    elif (library.title, library.intro) != (LIBRARY["title"], LIBRARY["intro"]) or not library.live:
        library.title = library.draft_title = LIBRARY["title"]
        library.intro = LIBRARY["intro"]
        library.save_revision().publish()
    return library


# --- one case ---------------------------------------------------------------------------------

SIMPLE_FIELDS = ["title", "summary", "period_start", "period_end", "ongoing", "stakeholders_other",
                 "organisation_model", "organisation_details", "budget_amount", "budget_currency",
                 "budget_notes", "funders", "entrepreneurs_fund", "subsidy", "written_in",
                 "hero_caption", "hero_credit"]
DEFAULTS = {"period_end": None, "ongoing": False, "stakeholders_other": "", "organisation_model": "",
            "organisation_details": "", "budget_amount": None, "budget_currency": "EUR",
            "budget_notes": "", "funders": "", "entrepreneurs_fund": False, "subsidy": "",
            "written_in": "en", "hero_caption": "", "hero_credit": ""}


def _wanted(data, pages, with_related):
    values = {**DEFAULTS, **{k: v for k, v in data.items() if k in SIMPLE_FIELDS}}
    image = data.get("image")
    if image:
        values["hero_caption"] = image.get("caption", "")
        values["hero_credit"] = image.get("credit", "")
    body = list(data["body"])
    document = data.get("document")
    if document:
        doc = _document(document, data["slug"])
        body.append(("document", {"document": doc.pk, "title": document["title"],
                                  "description": "PDF, one page"}))
    stream_block = CaseStudyPage.body.field.stream_block
    return {
        "values": values,
        "image": _image(image, data["slug"]) if image else None,
        "areas": [area(slug) for slug in data["areas"]],
        "themes": [theme(slug) for slug in data["themes"]],
        "stakeholders": list(Stakeholder.objects.filter(code__in=data["stakeholders"])),
        "tags": sorted(data.get("tags", [])),
        "contacts": [people_of(slug)[index] for slug, index in data["contacts"]],
        "related": [pages[slug] for slug in data.get("related", []) if slug in pages]
        if with_related else None,
        "body": _comparable(stream_block.get_prep_value(stream_block.to_python(
            [{"type": kind, "value": value} for kind, value in body]))),
        "raw_body": [{"type": kind, "value": value} for kind, value in body],
    }


def _comparable(value):
    """Stream data without the block ids, which are new each time a value is built."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def _current(page):
    stream_block = type(page).body.field.stream_block
    return {
        "values": {name: getattr(page, name) for name in SIMPLE_FIELDS},
        "image": page.hero_image_id,
        "areas": sorted(page.areas.values_list("pk", flat=True)),
        "themes": sorted(page.themes.values_list("pk", flat=True)),
        "stakeholders": sorted(page.stakeholders.values_list("pk", flat=True)),
        "tags": sorted(page.tags.values_list("name", flat=True)),
        "contacts": list(page.contacts.order_by("sort_order").values_list("person_id", flat=True)),
        "related": list(page.related_links.order_by("sort_order").values_list("related_id", flat=True)),
        "body": _comparable(stream_block.get_prep_value(page.body)),
    }


def _differs(current, wanted):
    def pks(objects):
        return sorted(obj.pk for obj in objects)

    return (current["values"] != wanted["values"]
            or current["image"] != (wanted["image"].pk if wanted["image"] else None)
            or current["areas"] != pks(wanted["areas"])
            or current["themes"] != pks(wanted["themes"])
            or current["stakeholders"] != pks(wanted["stakeholders"])
            or current["tags"] != wanted["tags"]
            or current["contacts"] != [p.pk for p in wanted["contacts"]]
            or (wanted["related"] is not None
                and current["related"] != [p.pk for p in wanted["related"]])
            or current["body"] != wanted["body"])


def _apply(page, wanted):
    for name, value in wanted["values"].items():
        setattr(page, name, value)
    page.draft_title = page.title
    page.hero_image = wanted["image"]
    page.areas = wanted["areas"]
    page.themes = wanted["themes"]
    page.stakeholders = wanted["stakeholders"]
    page.body = wanted["raw_body"]
    page.contacts = [CaseStudyContact(person=person, sort_order=i)
                     for i, person in enumerate(wanted["contacts"])]
    if wanted["related"] is not None:
        page.related_links = [RelatedCaseStudy(related=other, sort_order=i)
                              for i, other in enumerate(wanted["related"])]


def _load_case(library, data, pages, with_related):
    wanted = _wanted(data, pages, with_related)
    page = library.get_children().filter(slug=data["slug"]).specific().first()
    if page is None:
        page = CaseStudyPage(slug=data["slug"])
        _apply(page, wanted)
        library.add_child(instance=page)
        page.tags.add(*wanted["tags"])
        page.save_revision().publish()
        return page, True
    if not _differs(_current(page), wanted) and page.live and not page.has_unpublished_changes:
        return page, False
    _apply(page, wanted)
    page.tags.clear()
    page.tags.add(*wanted["tags"])
    page.save_revision().publish()
    return page, True


# --- generated media --------------------------------------------------------------------------

def _image(spec, slug):
    """A small generated picture (a sky gradient over a row of gabled houses)."""
    image_model = get_image_model()
    found = image_model.objects.filter(title=spec["title"]).first()
    if found:
        return found
    width, height = 1200, 675
    top, bottom = spec["colours"]
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom,
                                                                                         strict=True)))
    x = 0
    for n in range(12):
        w = 80 + (n * 37) % 50
        h = 180 + (n * 53) % 140
        base = height - 60
        shade = tuple(max(0, c - 60 - (n % 3) * 15) for c in top)
        draw.rectangle([x, base - h, x + w, base], fill=shade)
        draw.polygon([(x, base - h), (x + w // 2, base - h - 50), (x + w, base - h)], fill=shade)
        for wy in range(base - h + 30, base - 40, 50):
            draw.rectangle([x + 15, wy, x + 30, wy + 25], fill=(250, 230, 170))
        x += w + 8
    draw.rectangle([0, height - 60, width, height], fill=tuple(max(0, c - 90) for c in top))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return image_model.objects.create(
        title=spec["title"], description="Illustration: a row of gabled houses against a coloured sky",
        file=ImageFile(buffer, name=f"demo-{slug}.png"), collection=shared_media_collection())


def _document(spec, slug):
    """A one-page PDF with a few lines of text, drawn with Pillow."""
    document_model = get_document_model()
    found = document_model.objects.filter(title=spec["title"]).first()
    if found:
        return found
    page = PILImage.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=36)
    for i, line in enumerate(spec["lines"]):
        draw.text((120, 160 + i * 70), line, fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return document_model.objects.create(title=spec["title"], collection=shared_media_collection(),
                                         file=ContentFile(buffer.getvalue(), name=f"demo-{slug}.pdf"))


# --- accounts ---------------------------------------------------------------------------------

def _load_accounts(stdout):
    """A contributor (Vlaardingen) and a network editor, to try the review workflow."""
    user_model = get_user_model()
    for username, person_name, label in ACCOUNTS:
        group_name = ACCOUNT_GROUPS[username]
        person = Person.objects.filter(name=person_name).first()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            first, _, last = person_name.partition(" ")
            user = user_model(username=username, first_name=first, last_name=last,
                              email=person.email if person else "")
            user.set_password(DEMO_PASSWORD)
            user.save()
        group = _group(group_name)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        if person is not None and person.user_id is None:
            person.user = user
            person.save()
        if user.check_password(DEMO_PASSWORD):
            base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
            stdout.write(f"  {label}: {username} / {DEMO_PASSWORD} ({base}/admin/)")


def _group(name):
    """The account's group (created with the app's permissions, not by the demo)."""
    return Group.objects.get(name=name)
