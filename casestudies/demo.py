"""Demo case studies: the library page, ten cases from Dutch and Danish member areas, each with
a generated illustration (network.illustrations), a document, and a contributor and an editor
account.

The content is in ``demo_content``; this module only loads it. Idempotent: pages are found by
slug and get a new published revision only when something in ``demo_content`` differs from what
is live; images and documents are found by title.

A case's ``written_in`` decides its tree (docs/languages.md): a case written in Dutch is an
original in the Dutch library, and the other libraries get an alias of it (or, later, a
translation). A case an older demo put in the English tree with a Dutch or Danish text is moved
to its language's library, keeping its slug.
"""
import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from network import illustrations
from network.demo import DEMO_PASSWORD, area, people_of, theme
from network.media import shared_media_collection
from network.models import HomePage, Person
from network.translation import default_locale, sync_page_to_all_locales

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
    home = HomePage.objects.filter(locale=default_locale()).order_by("path").first()
    # Its groups, permissions and review workflow come with it (roles.GRANTS, set_up_page).
    library = _load_library(home, stdout)
    libraries = {}
    pages = {}
    changed = set()
    # Two passes: related cases can only point at pages that exist.
    for with_related in (False, True):
        for data in CASES:
            language = data.get("written_in", "en")
            if language not in libraries:
                libraries[language] = _library_in(library, language)
            page, did_change = _load_case(libraries[language], data, pages, with_related)
            pages[data["slug"]] = page
            if did_change:
                changed.add(data["slug"])
    # Every case in every tree: an alias where there is no translation yet. (Publishing does
    # this too, but only once the transaction commits, and the demo loads in one.)
    sync_page_to_all_locales(library)
    for page in pages.values():
        sync_page_to_all_locales(page)
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


def _library_in(library, language):
    """The library of ``language``'s tree: the English library itself, or its translation or
    alias in that locale (made, as an alias with its missing parents, if there is none)."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    if locale.pk == library.locale_id:
        return library
    found = library.get_translation_or_none(locale)
    if found is None:
        found = library.copy_for_translation(locale, copy_parents=True, alias=True)
    return found.specific


# --- one case ---------------------------------------------------------------------------------

SIMPLE_FIELDS = ["title", "summary", "result_line", "period_start", "period_end", "ongoing",
                 "last_updated", "stakeholders_other",
                 "organisation_model", "organisation_details", "budget_amount", "budget_currency",
                 "budget_notes", "funders", "entrepreneurs_fund", "subsidy",
                 "hero_caption", "hero_credit"]
DEFAULTS = {"result_line": "", "period_end": None, "ongoing": False, "last_updated": None,
            "stakeholders_other": "", "organisation_model": "",
            "organisation_details": "", "budget_amount": None, "budget_currency": "EUR",
            "budget_notes": "", "funders": "", "entrepreneurs_fund": False, "subsidy": "",
            "hero_caption": "", "hero_credit": ""}


def _wanted(data, pages, with_related):
    values = {**DEFAULTS, **{k: v for k, v in data.items() if k in SIMPLE_FIELDS}}
    # Every case gets a generated illustration (network.illustrations, CC0).
    image = data.get("image") or {}
    values["hero_caption"] = image.get("caption", "")
    values["hero_credit"] = image.get("credit", illustrations.CREDIT)
    body = list(data["body"])
    document = data.get("document")
    if document:
        doc = _document(document, data["slug"])
        body.append(("document", {"document": doc.pk, "title": document["title"],
                                  "description": "PDF, one page"}))
    stored_body = _stored_format([{"type": kind, "value": value} for kind, value in body])
    return {
        "values": values,
        "image": _image(data, image),
        "areas": [area(slug) for slug in data["areas"]],
        "themes": [theme(slug) for slug in data["themes"]],
        "stakeholders": list(Stakeholder.objects.filter(code__in=data["stakeholders"])),
        "tags": sorted(data.get("tags", [])),
        "contacts": [people_of(slug)[index] for slug, index in data["contacts"]],
        "related": [pages[slug] for slug in data.get("related", []) if slug in pages]
        if with_related else None,
        "body": _comparable(stored_body),
        "raw_body": stored_body,
    }


def _stored_format(raw_body):
    """The body as Wagtail stores it when an editor saves it: list items (steps, key figures)
    as blocks with ids. wagtail-localize offers list items for translation only in that
    format; in the older plain-list format a translation would show the original's steps."""
    value = CaseStudyPage.body.field.stream_block.to_python(raw_body)
    list(value)  # turn every block into a value, so that it is written in the current format
    return value.get_prep_value()


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


def _find_case(library, slug):
    """The original of the case ``slug`` in ``library`` (its language's library), moving it
    there if an older demo put it in another tree; None if there is none yet."""
    page = (CaseStudyPage.objects.child_of(library).filter(slug=slug, alias_of__isnull=True)
            .first())
    if page is not None:
        return page
    # Only the English tree: a translation elsewhere has the same slug but is not the original.
    elsewhere = (CaseStudyPage.objects.filter(slug=slug, alias_of__isnull=True,
                                              locale=default_locale())
                 .exclude(locale=library.locale_id).order_by("path").first())
    if elsewhere is None:
        return None
    # The alias publishing made in this tree stands where the original goes (same slug, same
    # translation key): it gives way.
    for alias in Page.objects.child_of(library).filter(alias_of=elsewhere):
        alias.delete()
    elsewhere.move(library, pos="last-child")
    elsewhere = CaseStudyPage.objects.get(pk=elsewhere.pk)
    elsewhere.locale_id = library.locale_id
    elsewhere.save(update_fields=["locale"], clean=False)
    return elsewhere


def _load_case(library, data, pages, with_related):
    wanted = _wanted(data, pages, with_related)
    page = _find_case(library, data["slug"])
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

def _image(data, spec):
    """The case's generated illustration (CC0), stored once by title: the scene ``spec``
    names, else its first theme's, drawn in the style of its first area's country."""
    scene = spec.get("scene") or illustrations.scene_for_theme(data["themes"][0])
    title = spec.get("title") or f"{data['title']} (demo illustration)"
    return illustrations.demo_image(title, key=f"case-{data['slug']}", scene=scene,
                                    country=area(data["areas"][0]).country)


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
