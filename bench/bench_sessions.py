#!/usr/bin/env python
"""Calendar feeds and the session listing at 3, 30 and 300 sessions: SQL queries and time.

    .venv/bin/python bench/bench_sessions.py [--repeat 5]

Builds a scratch SQLite database, creates sessions directly (no demo needed) and measures the
all-sessions feed (full answer and 304), a theme feed and the programme listing. Query counts
must be the same in every column.
"""
import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup():
    tmp = tempfile.mkdtemp(prefix="bench-sessions-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def add_sessions(index, theme, total):
    from django.utils import timezone

    from sessions.models import SessionPage

    have = SessionPage.objects.count()
    start = timezone.localdate()
    for n in range(have, total):
        page = SessionPage(title=f"Session {n} in Køge", slug=f"session-{n}",
                           date=start + datetime.timedelta(days=7 * n), start_time=datetime.time(15),
                           end_time=datetime.time(16, 30),
                           time_zone="Europe/Copenhagen" if n % 2 else "Europe/Amsterdam",
                           description="<p>Vacancy – what worked, and what did not.</p>")
        page.themes.set([theme])
        index.add_child(instance=page)
        page.save_revision().publish()


def measure(client, url, repeat, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **headers)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url, **headers).status_code
    # Count now: captured_queries is read lazily from the connection's log, which later
    # requests reset.
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        client.get(url, **headers)
        times.append((time.perf_counter() - begin) * 1000)
    return status, queries, statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup()
    from django.test import Client

    from network.models import HomePage, Theme
    from sessions.models import SessionIndexPage

    home = HomePage.objects.get()
    index = SessionIndexPage(title="Sessions", slug="sessions")
    home.add_child(instance=index)
    index.save_revision().publish()
    theme = Theme.objects.create(name="Vacancy", slug="vacancy")
    client = Client()
    sizes = (3, 30, 300)
    results = {}
    for size in sizes:
        add_sessions(index, theme, size)
        etag = client.get("/calendar/sessions.ics")["ETag"]
        results[size] = [
            ("feed, all sessions", measure(client, "/calendar/sessions.ics", args.repeat)),
            ("feed, 304", measure(client, "/calendar/sessions.ics", args.repeat,
                                  HTTP_IF_NONE_MATCH=etag)),
            ("feed, theme", measure(client, "/calendar/themes/vacancy.ics", args.repeat)),
            ("listing", measure(client, "/sessions/", args.repeat)),
        ]
    header = f"{'request':<20}" + "".join(f"{f'q@{s}':>8}{f'ms@{s}':>9}" for s in sizes)
    print(header)
    print("-" * len(header))
    for row, (label, _) in enumerate(results[sizes[0]]):
        cells = "".join(f"{results[s][row][1][1]:>8}{results[s][row][1][2]:>9.1f}" for s in sizes)
        print(f"{label:<20}{cells}")


if __name__ == "__main__":
    main()
