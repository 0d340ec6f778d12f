"""The indexes the listings' filters and sorts need (#17), checked in PostgreSQL's plans.

On a network generated at a small scale the planner rightly reads small tables whole, so the
plans are taken with ``enable_seqscan = off``: an index is then used wherever one exists that
serves the query. Each test asserts that the index reads the filtered column (its ``Index
Cond``) or gives the order (the index by name): without the index, the planner would fall back
to a primary-key scan with a filter or a sort, and the test fails. The queries are the pages'
own, captured while requesting them. ``bench/explain.py`` shows the same at full size.
"""
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from sessions.models import SessionIndexPage, SessionPage
from tests.conftest import module_data

pytestmark = pytest.mark.postgres

SCALE = 0.02  # 200 case studies, 40 areas, 400 people, 100 sessions, 20 intervision records


def load_bench(name):
    """bench/ is not a package: load one of its modules from its file."""
    path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPLAIN = load_bench("explain")


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    """The generated images (and their renditions) go to a scratch folder."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@module_data
def generated():
    """A network generated at the small scale, once for the module (rolled back after it)."""
    return load_bench("large_network").generate(SCALE)


@pytest.fixture
def organiser_client(client, db):
    user = get_user_model().objects.create_superuser("explainer", "explainer@example.org", "pw-1")
    client.force_login(user)
    return client


def plans(client, url, table):
    """The plans (JSON) of the queries ``url`` sends that read ``table``, with sequential scans
    off, after an ANALYZE of the generated rows."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT") and f'"{table}"' in sql:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
                raw = cursor.fetchone()[0]
                found.append(((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"], sql))
    assert found, f"{url} sends no query on {table}"
    return found


def nodes_on(plan, table):
    """The scans of ``table`` in ``plan``."""
    return [node for node in EXPLAIN.walk(plan) if node.get("Relation Name") == table]


def index_reads(plan, table, column):
    """Whether some scan of ``table`` in ``plan`` looks ``column`` up in an index (an index
    scan's condition, or that of the bitmap index scans under a bitmap heap scan)."""
    return any(column in inner.get("Index Cond", "")
               for node in nodes_on(plan, table) for inner in EXPLAIN.walk(node))


def filtered_on(sql, column):
    """Whether the WHERE clause of ``sql`` compares ``column`` (not just selects it)."""
    where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
    return f'"{column}" >' in where or f'"{column}" <' in where or f'"{column}" BETWEEN' in where


@pytest.mark.parametrize(("label", "url", "column"), [
    # (The past, most of the sessions, is read in the order of the starts_at index instead.)
    ("upcoming sessions", "", "ends_at"),
    ("a month's sessions", "?month={month}", "date"),
])
def test_session_listing_filters_read_an_index(generated, db, client, label, url, column):
    programme = SessionIndexPage.objects.get(locale=Locale.get_default()).url
    url = programme + url.format(month=date.today().strftime("%Y-%m"))
    checked = [plan for plan, sql in plans(client, url, "network_sessions_sessionpage")
               if filtered_on(sql, column)]
    assert checked, f"no query of the {label} filters on {column}"
    for plan in checked:
        assert index_reads(plan, "network_sessions_sessionpage", column), label


def test_calendar_feed_window_reads_an_index(generated, db, client):
    checked = [plan for plan, sql in plans(client, "/calendar/sessions.ics",
                                           "network_sessions_sessionpage")
               if filtered_on(sql, "ends_at")]
    assert checked
    assert all(index_reads(plan, "network_sessions_sessionpage", "ends_at") for plan in checked)


def test_library_year_filter_reads_an_index(generated, db, client):
    library = CaseStudyIndexPage.objects.get(locale=Locale.get_default()).url
    year = CaseStudyPage.objects.exclude(period_start=None).values_list(
        "period_start__year", flat=True).first()
    checked = [plan for plan, sql in plans(client, f"{library}?year={year}",
                                           "casestudies_casestudypage")
               if filtered_on(sql, "period_start")]
    assert checked
    assert any(index_reads(plan, "casestudies_casestudypage", "period_start") for plan in checked)


def test_session_registration_counts_read_an_index(generated, db, client):
    session = (SessionPage.objects.published().filter(registrations__isnull=False)
               .order_by("pk").first())
    # The counts are a subquery per session shown (its table aliased, e.g. U0."session_id").
    checked = [plan for plan, sql in plans(client, session.url, "network_sessions_registration")
               if re.search(r'("network_sessions_registration"|\bU\d+)\."session_id" = ', sql)]
    assert checked
    assert all(index_reads(plan, "network_sessions_registration", "session_id")
               for plan in checked)


def test_people_listing_reads_the_index_in_its_order(generated, organiser_client):
    # A page of the listing is read in the index's order: no sort of everyone listed. (The
    # intervision records' index is not checked here: at this scale's 20 records the planner
    # picks any index, with or without it.)
    used = {node.get("Index Name")
            for plan, _sql in plans(organiser_client, "/en/members/people/", "network_person")
            for node in nodes_on(plan, "network_person")}
    assert "person_directory_order_idx" in used
