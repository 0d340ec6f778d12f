#!/usr/bin/env python
"""EXPLAIN every query the site's pages run, for every filter and sort, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/large .venv/bin/python bench/explain.py \
        [--json FILE|-] [--queries] [--only TEXT]

Build the database first with ``bench/large_network.py --scale 1.0 --with-demo --index`` (the
demo network gives the logins ``member`` and ``organiser`` and the pages the listings live on).

Each page is requested through Django's test client, as a visitor or as a demo login, with the
cache switched off; every SELECT it sends is captured (``CaptureQueriesContext``) and run again
as ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`` after an ``ANALYZE`` of the whole database. So
the plans are those of the views' own querysets, whatever the code builds, not of copies.

One row per page and filter: the queries it sent, the sum of their execution times and the
slowest one, each sequential scan that remains on a large table (more than 1,000 rows, from
``pg_class.reltuples``) with the rows it read, each sort of more than 1,000 rows, and the
indexes the plans used. ``--queries`` prints every query's line under its page; ``--json``
writes everything (the plans' summaries per query) for comparing runs.

A sequential scan is not wrong in itself: a page that counts every live case study reads them
all whatever the indexes. The column is there to be read, query by query, with ``--queries``.
"""
import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LARGE = 1000  # rows: a sequential scan or a sort over more is reported


def setup():
    """Django with the test settings on the DATABASE_URL given (the test client's host)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # "testserver" in ALLOWED_HOSTS, e-mail kept in memory


# --------------------------------------------------------------------------------------------
# The pages
# --------------------------------------------------------------------------------------------

def pages():
    """(label, url, username) of every page and filter to explain, found in the data; username
    is the demo login to request it as, or None for a visitor."""
    from django.db.models import Count
    from django.urls import reverse
    from taggit.models import Tag
    from wagtail.models import Locale

    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from network.models import MemberArea, Theme
    from sessions.models import SessionIndexPage, SessionPage

    en = Locale.objects.get(language_code="en")
    library = CaseStudyIndexPage.objects.get(locale=en).url
    library_nl = CaseStudyIndexPage.objects.get(locale__language_code="nl").url
    programme = SessionIndexPage.objects.get(locale=en).url
    # The most used theme, tag and area: the filters with the most rows behind them.
    theme = Theme.objects.annotate(n=Count("case_studies")).order_by("-n", "pk").first().slug
    tag = (Tag.objects.annotate(n=Count("casestudies_casestudytag_items"))
           .order_by("-n", "pk").first().slug)
    area = (MemberArea.objects.in_directory().annotate(n=Count("case_studies"))
            .order_by("-n", "pk").first())
    year = (CaseStudyPage.objects.filter(period_start__isnull=False)
            .order_by("-period_start").values_list("period_start__year", flat=True).first())
    case = CaseStudyPage.objects.live().filter(locale=en, alias_of__isnull=True).order_by("-pk").first()
    alias = CaseStudyPage.objects.live().filter(locale__language_code="nl", alias_of__isnull=False) \
        .order_by("-pk").first()
    busy = (SessionPage.objects.live().filter(locale=en).annotate(n=Count("registrations"))
            .order_by("-n", "pk").first())
    series = busy.series.slug if busy.series_id else None
    month = date.today().strftime("%Y-%m")
    found = [
        ("home", "/en/", None),
        ("home, Dutch", "/nl/", None),
        ("library", library, None),
        ("library, Dutch", library_nl, None),
        ("library, page 50", f"{library}?page=50", None),
        ("library, sort title", f"{library}?sort=title", None),
        ("library, theme", f"{library}?theme={theme}", None),
        ("library, tag", f"{library}?tag={tag}", None),
        ("library, area", f"{library}?area={area.slug}", None),
        ("library, country", f"{library}?country=DK", None),
        ("library, size", f"{library}?size=100k-250k", None),
        ("library, stakeholder", f"{library}?stakeholder=property_owners", None),
        ("library, year", f"{library}?year={year}", None),
        ("library, theme+country+sort", f"{library}?theme={theme}&country=NL&sort=title", None),
        ("library, search", f"{library}?q=vacancy", None),
        ("library, search+theme", f"{library}?q=parking&theme={theme}", None),
        ("case study", case.url, None),
        ("case study, alias (nl)", alias.url, None),
        ("case study, as member", case.url, "member"),
        ("site search", "/en/search/?q=vacancy", None),
        ("sessions, upcoming", programme, None),
        ("sessions, past", f"{programme}?when=past", None),
        ("sessions, past page 20", f"{programme}?when=past&page=20", None),
        ("sessions, month", f"{programme}?month={month}", None),
        ("sessions, theme", f"{programme}?theme={theme}", None),
        ("sessions, format", f"{programme}?format=online", None),
        ("session page", busy.url, None),
        ("session page, as member", busy.url, "member"),
        ("session page, as organiser", busy.url, "organiser"),
        ("feed, case studies", reverse("casestudies:feed"), None),
        ("feed, case studies theme", reverse("casestudies:theme_feed", kwargs={"slug": theme}), None),
        ("calendar, all sessions", reverse("sessions:calendar_all"), None),
        ("calendar, theme", reverse("sessions:calendar_theme", kwargs={"slug": theme}), None),
        ("members, areas", "/en/members/", None),
        ("members, areas country", "/en/members/?country=DK", None),
        ("members, areas theme", f"/en/members/?theme={theme}", None),
        ("members, areas sort newest", "/en/members/?sort=newest", None),
        ("members, areas letter", "/en/members/?letter=B", None),
        ("members, area page", area.get_absolute_url(), None),
        ("members, area page as member", area.get_absolute_url(), "member"),
        ("members, people", "/en/members/people/", "member"),
        ("members, people country", "/en/members/people/?country=NL", "member"),
        ("members, people area", f"/en/members/people/?area={area.slug}", "member"),
        ("members, people theme", f"/en/members/people/?theme={theme}", "member"),
        ("members, people sort", "/en/members/people/?sort=-name", "member"),
        ("members, people search", "/en/members/people/?q=jensen", "member"),
        ("intervisions, records (member)", reverse("intervisions:records"), "member"),
        ("intervisions, records (organiser)", reverse("intervisions:records"), "organiser"),
        ("intervisions, records theme", f"{reverse('intervisions:records')}?theme={theme}",
         "organiser"),
        ("my sessions", reverse("sessions:my_registrations"), "member"),
    ]
    if series:
        found.append(("sessions, series", f"{programme}?series={series}", None))
        found.append(("calendar, series",
                      reverse("sessions:calendar_series", kwargs={"slug": series}), None))
    return found


# --------------------------------------------------------------------------------------------
# Plans
# --------------------------------------------------------------------------------------------

def table_sizes(cursor):
    """Table name → estimated rows, after ANALYZE."""
    cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind IN ('r', 'm')")
    return {name: int(rows) for name, rows in cursor.fetchall()}


def walk(node):
    """Every node of a JSON plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from walk(child)


def explain(cursor, sql, sizes):
    """The summary of ``EXPLAIN (ANALYZE, BUFFERS)`` of one query."""
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
    raw = cursor.fetchone()[0]
    result = (json.loads(raw) if isinstance(raw, str) else raw)[0]
    seq_scans, sorts, indexes = [], [], []
    for node in walk(result["Plan"]):
        kind = node["Node Type"]
        relation = node.get("Relation Name")
        loops = node.get("Actual Loops", 1)
        if kind == "Seq Scan" and sizes.get(relation, 0) > LARGE:
            read = int(node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
            seq_scans.append({"table": relation, "rows": sizes[relation], "read": read})
        if kind in ("Sort", "Incremental Sort") and node.get("Actual Rows", 0) * loops > LARGE:
            sorts.append({"rows": int(node["Actual Rows"] * loops),
                          "key": ", ".join(node.get("Sort Key", []))})
        if "Index Name" in node and node["Index Name"] not in indexes:
            indexes.append(node["Index Name"])
    return {"ms": round(result["Execution Time"], 2), "seq_scans": seq_scans, "sorts": sorts,
            "indexes": indexes, "sql": sql}


def is_select(sql):
    return sql.lstrip().upper().startswith(("SELECT", "WITH"))


def run(only=None):
    """Request every page, explain its queries; returns a list of one dict per page."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        sizes = table_sizes(cursor)
    users = {user.username: user for user in
             get_user_model().objects.filter(username__in=["member", "organiser"])}
    rows = []
    # No cache (every query is sent, every time); pictures from MEDIA_ROOT, where the generator
    # wrote them (the test settings keep files in memory).
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    storages = {**settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with override_settings(CACHES={"default": dummy, "pages": dummy}, PAGE_CACHE_ENABLED=False,
                           STORAGES=storages):
        for label, url, username in pages():
            if only and only not in label:
                continue
            client = Client()
            if username:
                client.force_login(users[username])
            client.get(url)  # warm: Wagtail's site root paths and the like are read once
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            with connection.cursor() as cursor:
                queries = [explain(cursor, query["sql"], sizes)
                           for query in captured.captured_queries if is_select(query["sql"])]
            rows.append({"page": label, "url": url, "as": username or "visitor",
                         "status": response.status_code, "queries": queries,
                         "ms": round(sum(q["ms"] for q in queries), 2),
                         "slowest_ms": max((q["ms"] for q in queries), default=0)})
    return rows


def seq_text(query_or_row):
    scans = (query_or_row["seq_scans"] if "seq_scans" in query_or_row
             else [s for q in query_or_row["queries"] for s in q["seq_scans"]])
    return ", ".join(sorted({scan["table"] for scan in scans})) or "—"


def print_table(rows, show_queries=False):
    print(f"{'page / filter':36} {'st':>3} {'q':>3} {'ms':>8} {'max ms':>8}  "
          f"{'seq scan on a large table':40} indexes used")
    for row in rows:
        indexes = sorted({name for q in row["queries"] for name in q["indexes"]})
        print(f"{row['page'][:36]:36} {row['status']:>3} {len(row['queries']):>3} "
              f"{row['ms']:>8.2f} {row['slowest_ms']:>8.2f}  {seq_text(row)[:40]:40} "
              f"{', '.join(indexes)}")
        if show_queries:
            for number, query in enumerate(row["queries"], 1):
                sorts = "; ".join(f"sort {s['rows']} by {s['key']}" for s in query["sorts"])
                print(f"    {number:>2} {query['ms']:>8.2f}  seq: {seq_text(query)}  {sorts}  "
                      f"idx: {', '.join(query['indexes'])}\n       {query['sql'][:300]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON ('-': stdout)")
    parser.add_argument("--queries", action="store_true", help="print every query's plan line")
    parser.add_argument("--only", metavar="TEXT", help="only the pages whose label contains TEXT")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        parser.error("set DATABASE_URL to a PostgreSQL database (EXPLAIN ANALYZE is PostgreSQL's)")
    setup()
    rows = run(args.only)
    if args.json == "-":
        json.dump(rows, sys.stdout, indent=1)
        return
    print_table(rows, args.queries)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
