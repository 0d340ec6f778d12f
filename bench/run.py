#!/usr/bin/env python
"""Measure every main page: SQL queries and response time, at demo size and at a larger size.

    .venv/bin/python bench/run.py [--scale 5] [--repeat 7]

Builds a scratch SQLite database (or uses --database-url), loads the demo network, measures,
then multiplies the case studies, sessions (with their registrations) and member areas by
--scale and measures again. A few rows are requested as the demo login ``member``, who holds
confirmed places (see sessions/demo_registration.py); their registrations multiply too.
Prints one table. Query counts must be equal in both columns: a page whose count grows with
the data has an N+1 problem. Times are medians of warm requests through Django's test client
(no network, no gunicorn), so compare them with each other, not with production.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_network", stdout=open(os.devnull, "w"))


MEMBER = "member"  # the demo login whose registrations the member rows show


def pages():
    """(label, url, username) of the pages used most, found in the demo data; username is the
    demo login to request the page as, or None for an anonymous visitor."""
    found = [(label, url, None) for label, url in public_pages()]
    return found + member_pages()


def public_pages():
    """(label, url) of the pages a visitor uses most, found in the demo data."""
    from django.urls import NoReverseMatch, reverse
    from wagtail.models import Page

    from network.models import MemberArea

    found = [("home", "/en/"), ("home, Dutch", "/nl/"), ("member directory", "/en/members/")]
    area = MemberArea.objects.in_directory().order_by("slug").first()
    found.append(("member area", area.get_absolute_url()))
    found.append(("site search", "/en/search/?q=vacancy"))
    found.append(("site search, Dutch", "/nl/search/?q=leegstand"))
    for model, label in (("casestudies.CaseStudyIndexPage", "case-study library"),
                         ("casestudies.CaseStudyPage", "case study"),
                         ("network_sessions.SessionIndexPage", "session listing"),
                         ("network_sessions.SessionPage", "session")):
        app_label, model_name = model.split(".")
        page = (Page.objects.live().public()
                .filter(content_type__app_label=app_label, content_type__model=model_name.lower(),
                        locale__language_code="en")
                .order_by("path").first())
        if page:
            found.append((label, page.url))
    if any(label == "case-study library" for label, _ in found):
        library = dict(found)["case-study library"]
        found.append(("library, filtered", f"{library}?theme=vacancy&country=NL"))
        found.append(("library, search", f"{library}?q=property+owners"))
        found.append(("library, Dutch", "/nl/" + library.split("/", 2)[2]))
    for name, label in (("casestudies:feed", "case-study feed"),
                        ("sessions:calendar_all", "calendar, all sessions")):
        try:
            found.append((label, reverse(name)))
        except NoReverseMatch:
            pass
    return found


def member_pages():
    """(label, url, username) of what the demo member sees of their own registrations: the
    session page they hold a place at (the sign-up box, the join link), and, reached by their
    secret links rather than by logging in, their list of registrations and their personal
    calendar feed."""
    from django.contrib.auth import get_user_model
    from django.urls import NoReverseMatch, reverse

    from sessions.models import Participant, Registration

    user = get_user_model().objects.filter(username=MEMBER).first()
    if user is None or not user.email:
        return []
    participant = Participant.objects.filter(email__iexact=user.email).first()
    if participant is None:
        return []
    booked = (Registration.objects.confirmed().filter(participant=participant)
              .select_related("session").order_by("session__starts_at").first())
    if booked is None:
        return []
    found = [("session, as registered", booked.session.url, MEMBER)]
    for name, label, kwargs, username in (
            # The list behind the secret link (account/sessions/ only redirects there).
            ("sessions:registration_manage", "registrations, manage", {"token": participant.manage_token},
             None),
            ("sessions:calendar_personal", "calendar, personal", {"token": participant.calendar_token},
             None)):
        try:
            found.append((label, reverse(name, kwargs=kwargs), username))
        except NoReverseMatch:
            pass
    return found


def copy_registrations(original, copy):
    """Give a copied session the same registrations as its original, so the number of
    registrations (and a participant's number of sessions) grows with the scale too. Written
    directly: the registration rules are not what is measured here."""
    from sessions.models import Registration

    fields = ("participant_id", "name", "area_id", "status", "seat", "created_at",
              "status_changed_at", "added_by_id", "cancelled_by_id")
    Registration.objects.bulk_create(
        [Registration(session_id=copy.pk, **{f: getattr(r, f) for f in fields})
         for r in Registration.objects.filter(session=original).order_by("pk")])


def scale_up(factor):
    """Multiply the demo data: copies of every case study and session (with the session's
    registrations), and more areas."""
    from wagtail.models import Page

    from network.models import MemberArea

    for app_label, model_name in (("casestudies", "casestudypage"), ("network_sessions", "sessionpage")):
        # One page per translation key (the English one): publishing a copy gives it a version
        # in every language's tree (#15), so copying its other versions too would clash.
        originals = {}
        for page in (Page.objects.live().filter(content_type__app_label=app_label,
                                                content_type__model=model_name,
                                                alias_of__isnull=True)
                     .select_related("locale").specific()):
            if page.locale.language_code == "en" or page.translation_key not in originals:
                originals[page.translation_key] = page
        originals = list(originals.values())
        for n in range(1, factor):
            for page in originals:
                copy = page.copy(to=page.get_parent(), keep_live=True, log_action=None,
                                 update_attrs={"slug": f"{page.slug}-copy-{n}",
                                               "title": f"{page.title} ({n})"})
                if model_name == "sessionpage":
                    copy_registrations(page, copy)
    areas = list(MemberArea.objects.all())
    for n in range(1, factor):
        for area in areas:
            clone = MemberArea.objects.get(pk=area.pk)
            clone.pk = None
            clone.slug = f"{area.slug}-{n}"
            clone.name = f"{area.name} {n}"
            clone.save()


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches and templates
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    queries = len(ctx.captured_queries)  # read now: later requests reset the connection's log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return status, queries, statistics.median(times)


def counts():
    from wagtail.models import Page

    from network.models import MemberArea
    from sessions.models import Registration

    return {"areas": MemberArea.objects.count(),
            "case studies": Page.objects.filter(content_type__model="casestudypage").count(),
            "sessions": Page.objects.filter(content_type__model="sessionpage").count(),
            "registrations": Registration.objects.count()}


def clients():
    """A test client per username in the table (None: anonymous), logged in once."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    found = {None: Client()}
    user = get_user_model().objects.filter(username=MEMBER).first()
    if user is not None:
        found[MEMBER] = Client()
        found[MEMBER].force_login(user)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=5, help="multiply the demo data by this")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page")
    parser.add_argument("--database-url", help="an EMPTY scratch database to use instead of SQLite; "
                        "the benchmark writes demo data and copies into it")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-")
    setup(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
    from django.test import override_settings

    client_for = clients()
    targets = pages()
    small_counts = counts()
    # What building each page costs: the page cache would answer the repeated requests.
    with override_settings(PAGE_CACHE_ENABLED=False):
        small = {label: measure(client_for[user], url, args.repeat) for label, url, user in targets}
        scale_up(args.scale)
        large_counts = counts()
        large = {label: measure(client_for[user], url, args.repeat) for label, url, user in targets}

    def describe(c):
        return ", ".join(f"{v} {k}" for k, v in c.items())

    print(f"A: demo network ({describe(small_counts)})")
    print(f"B: x{args.scale} ({describe(large_counts)})\n")
    header = f"{'page':<26} {'status':>6} {'queries A':>9} {'queries B':>9} {'ms A':>8} {'ms B':>8}"
    print(header)
    print("-" * len(header))
    grew = []
    for label, _url, _user in targets:
        status, qa, ta = small[label]
        _, qb, tb = large[label]
        flag = "  <- grows" if qb > qa else ""
        if qb > qa:
            grew.append(label)
        print(f"{label:<26} {status:>6} {qa:>9} {qb:>9} {ta:>8.1f} {tb:>8.1f}{flag}")
    print(f"\nQuery counts that grow with the data: {', '.join(grew) if grew else 'none'}")


if __name__ == "__main__":
    main()
