"""Loads the network core's demo content (``network.demo_content``): themes, member areas,
organisations, people, the home and About pages, the site name and the demo accounts.

Other apps' demo loaders use the generic helpers here (``upsert``, ``set_m2m``,
``changed_values``, ``load_standard_page``) and the lookups at the bottom (``area``, ``theme``,
``people_of``, ``coordinator``, ``area_slugs``) rather than repeating names or lists.

Everything here is written to be loaded any number of times: rows are looked up by a natural
key (slug, name + area, username), written only when a value differs, and pages get a new
revision only when their content changed.
"""
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from . import identity, illustrations
from .absolute_urls import absolute_url
from .demo_content import (
    ACCOUNTS,
    AREA_SCENES,
    AREAS,
    DEMO_PASSWORD,
    HOME_PAGE,
    ORGANISATIONS,
    ORGANISERS_GROUP,
    PEOPLE,
    SITE_NAME,
    STANDARD_PAGES,
    THEME_TRANSLATIONS,
    THEMES,
)
from .models import HomePage, MemberArea, Organisation, Person, PersonRole, StandardPage, Theme

# Derived from the content, for tests and other apps' demo loaders.
THEME_SLUGS = [slug for slug, *_rest in THEMES]
AREA_SLUGS = [data["slug"] for data in AREAS]


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def upsert(model, lookup, values):
    """Get the row matching ``lookup`` and write ``values`` only if something differs.

    Returns ``(obj, created, changed)``. Unlike ``update_or_create`` this does not save (and
    so does not reindex or bump anything) when the row is already up to date.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj, True, True
    changed = False
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    if changed:
        obj.save()
    return obj, False, changed


def set_m2m(obj, field_name, objects):
    """Set a (parental) many-to-many relation, writing only when the membership differs.

    Works on the through table directly: modelcluster's in-memory ``set()`` sorts by the
    target model's ``Meta.ordering`` and cannot handle expressions such as ``Lower("name")``.
    """
    field = obj._meta.get_field(field_name)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    rows = through.objects.filter(**{source: obj})
    current = set(rows.values_list(f"{target}_id", flat=True))
    wanted = {o.pk for o in objects}
    if current == wanted:
        return False
    rows.filter(**{f"{target}_id__in": current - wanted}).delete()
    through.objects.bulk_create(
        [through(**{f"{source}_id": obj.pk, f"{target}_id": pk}) for pk in sorted(wanted - current)]
    )
    return True


def load(stdout):
    """Create or update the core demo content (idempotent)."""
    themes = load_themes()
    areas = load_areas()
    load_area_images(areas)
    organisations = load_organisations(areas)
    people = load_people(areas, organisations, themes)
    counts = {"themes": len(themes), "member areas": len(areas),
              "organisations": len(organisations), "people": len(people)}
    stdout.write("  " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    load_site()
    load_pages(stdout)
    load_accounts(stdout, people)


def load_themes():
    themes = {}
    for order, (slug, name, description, terms) in enumerate(THEMES, start=1):
        themes[slug], _, _ = upsert(
            Theme, {"slug": slug},
            {"name": name, "description": description, "search_terms": terms,
             "sort_order": order * 10, **THEME_TRANSLATIONS.get(slug, {})},
        )
    return themes


def load_areas():
    areas = {}
    for data in AREAS:
        values = dict(data)
        slug = values.pop("slug")
        values["latitude"] = Decimal(values["latitude"])
        values["longitude"] = Decimal(values["longitude"])
        areas[slug], _, _ = upsert(MemberArea, {"slug": slug}, values)
    return areas


def load_area_images(areas):
    """Give each demo member area without a picture its generated illustration (CC0, drawn
    by ``network.illustrations``); a picture an editor chose since is kept."""
    for slug, area in areas.items():
        if area.image_id:
            continue
        area.image = illustrations.demo_image(
            f"{area.name} (demo illustration)", key=f"area-{slug}",
            scene=AREA_SCENES.get(slug, "street"), country=area.country)
        area.save(update_fields=["image"])


def load_organisations(areas):
    organisations = {}
    for key, name, kind, area_slug, website in ORGANISATIONS:
        organisations[key], _, _ = upsert(
            Organisation,
            {"name": name, "area": areas[area_slug] if area_slug else None},
            {"kind": kind, "website": website},
        )
    return organisations


def load_people(areas, organisations, themes):
    people = {}
    for data in PEOPLE:
        org = organisations[data["org"]]
        values = {"role": data["role"], "job_title": data["job_title"], "organisation": org,
                  "email": data["email"], "phone": data["phone"], "bio": data["bio"],
                  "listed_in_directory": data.get("listed", True)}
        person, _, _ = upsert(Person, {"name": data["name"]}, values)
        set_m2m(person, "areas", [areas[slug] for slug in data["areas"]])
        set_m2m(person, "expertise", [themes[slug] for slug in data["expertise"]])
        people[data["name"]] = person
    return people


def load_site():
    """Name the default site and give it the host and port of SITE_URL.

    Our pages, feeds and e-mails do not build absolute links from the Site record (see
    network.absolute_urls), but Wagtail's own full URLs do, so it follows SITE_URL too.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    wanted = {"site_name": SITE_NAME, "hostname": url.hostname or "localhost",
              "port": url.port or (443 if url.scheme == "https" else 80)}
    if any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()


def load_pages(stdout):
    """The home page's text, and the network's own pages (About) under it."""
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    if _update_page(home, HOME_PAGE):
        stdout.write("  Home page published")
    for data in STANDARD_PAGES:
        load_standard_page(data, stdout)


def load_standard_page(data, stdout):
    """Create or update a StandardPage under the home page from content data (idempotent).

    ``data`` is a dict with ``slug``, ``title``, ``intro``, ``body`` (a list of
    ``(block type, value)`` pairs) and ``show_in_menus``. Other apps' demo loaders use this
    for their explanatory pages, so that the hub's content names none of them. Returns the page.
    """
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    page = home.get_children().filter(slug=data["slug"]).specific().first()
    if page is None:
        page = StandardPage(slug=data["slug"], title=data["title"], intro=data["intro"],
                            body=list(data["body"]), show_in_menus=data["show_in_menus"])
        home.add_child(instance=page)
        page.save_revision().publish()
        stdout.write(f"  Page created: {data['title']}")
    elif _update_page(page, data):
        stdout.write(f"  Page updated: {data['title']}")
    return page


def _update_page(page, data):
    """Bring a page's title, intro, body and menu flag up to date; publish only on change."""
    body = list(data["body"])
    current = [(child.block_type, child.block.get_prep_value(child.value)) for child in page.body]
    wanted = {"title": data["title"], "intro": data["intro"],
              "show_in_menus": data.get("show_in_menus", page.show_in_menus)}
    unchanged = all(getattr(page, f) == v for f, v in wanted.items()) and current == body
    if unchanged and page.live and not page.has_unpublished_changes:
        return False
    for field, value in wanted.items():
        setattr(page, field, value)
    page.draft_title = data["title"]
    page.body = body
    page.save_revision().publish()
    return True


def load_accounts(stdout, people):
    """The demo admin, an organiser and two member accounts, each linked to their Person, with
    their addresses marked verified (network/identity.py: they are demo data).

    Passwords are set only when an account is created; if someone changed one since, the
    command says how to reset it instead of printing a login that no longer works.
    """
    user_model = get_user_model()
    groups = {ORGANISERS_GROUP: organisers_group()}
    for username, person_name, staff, superuser, group, label, path in ACCOUNTS:
        person = people[person_name] if person_name else None
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, is_staff=staff, is_superuser=superuser)
            user.set_password(DEMO_PASSWORD)
        first, _, last = person.name.partition(" ") if person else ("Demo", "", "Administrator")
        wanted = {"email": person.email if person else "admin@centre-network.example",
                  "first_name": first, "last_name": last, "is_active": True,
                  "is_staff": staff, "is_superuser": superuser}
        if user.pk is None or any(getattr(user, f) != v for f, v in wanted.items()):
            for field, value in wanted.items():
                setattr(user, field, value)
            user.save()
        if identity.verified_email(user) != identity.normalise(user.email):
            # Demo data: the demo accounts' addresses count as confirmed.
            identity.mark_verified(user, user.email)
        if group and not user.groups.filter(pk=groups[group].pk).exists():
            user.groups.add(groups[group])
        if person and person.user_id != user.pk:
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            person.user = user
            person.save()
        if user.check_password(DEMO_PASSWORD):
            stdout.write(f"  {label}: {username} / {DEMO_PASSWORD} ({absolute_url(path)})")
        else:
            stdout.write(f"  {label}: the user {username!r} exists with a changed password; "
                         f"reset it with `python manage.py changepassword {username}`")


def organisers_group():
    """The Organisers group (created after ``migrate``, see network/permissions.py)."""
    return Group.objects.get(name=ORGANISERS_GROUP)


def changed_values(obj, values):
    """The entries of ``values`` whose value differs from ``obj``'s attribute of that name."""
    return {name: value for name, value in values.items() if getattr(obj, name) != value}


# --------------------------------------------------------------------------------------------
# Lookup helpers for other apps' demo modules
# --------------------------------------------------------------------------------------------

def area(slug):
    """The demo member area with this slug."""
    return MemberArea.objects.get(slug=slug)


def theme(slug):
    """The demo theme with this slug."""
    return Theme.objects.get(slug=slug)


def people_of(area_slug):
    """The demo people of one area, in a stable order (first one is the main contact)."""
    return list(Person.objects.filter(areas__slug=area_slug).order_by("pk"))


def coordinator():
    """The network coordinator who organises the programme."""
    return Person.objects.filter(role=PersonRole.NETWORK_COORDINATOR).order_by("pk").first()


def area_slugs(country=None):
    """The demo member areas' slugs in content order, optionally of one country ("NL", "DK")."""
    return [data["slug"] for data in AREAS if country is None or data["country"] == country]
