"""The load benchmark (bench/load.py) reads wrk's report right and writes what it promises.

The load itself is not run here (it takes minutes and a quiet machine); these tests cover what
turns wrk's text into the table and the JSON, and that it serves the site as the README does.
"""
import importlib.util
import json
import signal
from pathlib import Path

import pytest

from tests.test_readme import _gunicorn_environment, _readme_commands

ROOT = Path(__file__).resolve().parents[1]


def _load_module():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


load = _load_module()

WRK_WITH_ERRORS = """\
Running 3s test @ http://127.0.0.1:40123/en/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   245.12ms   40.23ms   2.01s    70.00%
    Req/Sec    32.10     10.20    50.00     60.00%
  Latency Distribution
     50%  240.00ms
     75%  260.00ms
     90%  300.00ms
     99%    1.50s
  190 requests in 3.01s, 5.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     63.12
Transfer/sec:      1.66MB
"""

WRK_CLEAN = """\
Running 3s test @ http://127.0.0.1:40123/static/css/site.0123456789ab.css
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.10ms    1.20ms  20.00ms   80.00%
    Req/Sec     1.90k   100.00     2.10k    70.00%
  Latency Distribution
     50%  812.00us
     75%    4.50ms
     90%    5.20ms
     99%    9.90ms
  11400 requests in 3.00s, 40.00MB read
Requests/sec:   3800.50
Transfer/sec:     13.33MB
"""


@pytest.mark.parametrize(("text", "ms"), [
    ("812.00us", 0.812), ("1.23ms", 1.23), ("2.01s", 2010.0), ("1.00m", 60_000.0)])
def test_wrk_durations_are_read_in_milliseconds(text, ms):
    assert load.parse_duration_ms(text) == pytest.approx(ms)


def test_a_wrk_report_gives_rate_latencies_and_every_kind_of_error():
    row = load.parse_wrk(WRK_WITH_ERRORS)
    assert row["requests"] == 190
    assert row["requests_per_s"] == pytest.approx(63.12)
    assert row["p50_ms"] == pytest.approx(240.0)
    assert row["p99_ms"] == pytest.approx(1500.0)
    assert (row["non_2xx_3xx"], row["socket_errors"], row["errors"]) == (3, 3, 6)


def test_a_clean_wrk_report_has_no_errors():
    row = load.parse_wrk(WRK_CLEAN)
    assert row["requests_per_s"] == pytest.approx(3800.5)
    assert row["p50_ms"] == pytest.approx(0.812)
    assert row["errors"] == 0


def test_a_report_without_latency_distribution_is_refused():
    without = WRK_CLEAN.split("  Latency Distribution")[0] + "Requests/sec:   3800.50\n"
    with pytest.raises(ValueError, match="--latency"):
        load.parse_wrk(without + "  11400 requests in 3.00s, 40.00MB read\n")


def _rows():
    return [
        dict(load.parse_wrk(WRK_WITH_ERRORS), page="home", mode="cached", path="/en/"),
        dict(load.parse_wrk(WRK_CLEAN), page=load.STATIC_LABEL, mode="static",
             path="/static/css/site.css"),
    ]


def test_each_page_is_compared_with_the_static_file():
    home, static = load.add_ratios(_rows())
    assert static["ratio_to_static"] == 1
    assert home["ratio_to_static"] == pytest.approx(63.12 / 3800.5, abs=1e-4)


def test_without_a_static_row_there_is_no_ratio():
    rows = load.add_ratios(_rows()[:1])
    assert rows[0]["ratio_to_static"] is None


def test_the_table_shows_rate_latency_errors_share_of_static_and_targets():
    table = load.format_table("sqlite, demo", load.flag_targets(load.add_ratios(_rows())))
    home_line = next(line for line in table.splitlines() if line.strip().startswith("home"))
    assert home_line.split()[:10] == ["home", "cached", "63.1", "240.0", "1500.0", "—", "6",
                                      "1.7", "%", "—"]
    assert "MISSED ≥ 50% of static; no errors" in home_line
    static_line = next(line for line in table.splitlines() if line.startswith("  static"))
    assert "3,800.5" in static_line and "100.0 %" in static_line
    assert static_line.rstrip().endswith("—")  # the reference has no target


def _row(mode, rps, ratio=None, errors=0):
    return {"page": "p", "mode": mode, "requests_per_s": rps, "ratio_to_static": ratio,
            "errors": errors}


@pytest.mark.parametrize(("row", "meets"), [
    (_row("cached", 1900.0, ratio=0.5), True),       # exactly half of the static file
    (_row("cached", 1800.0, ratio=0.4999), False),
    (_row("cached", 1900.0, ratio=None), False),     # no static row to compare with
    (_row("cached", 1900.0, ratio=0.9, errors=1), False),
    (_row("uncached", 100.0), True),
    (_row("uncached", 99.9), False),
    (_row("uncached", 400.0, errors=3), False),
    (_row("static", 3800.0, ratio=1.0), None),       # the reference: no target
])
def test_each_row_is_flagged_against_the_issue_targets(row, meets):
    (flagged,) = load.flag_targets([row])
    assert flagged["meets_targets"] is meets


def test_a_missed_target_names_itself_with_the_measured_value():
    (flagged,) = load.flag_targets([_row("uncached", 61.5)])
    assert flagged["targets"][0] == {"target": "≥ 100 req/s", "value": 61.5, "met": False}
    assert flagged["targets"][1] == {"target": "no errors", "value": 0, "met": True}


ACCESS_LOG = """\
GET /calendar/sessions.ics 304 900
GET /calendar/sessions.ics 304 2500
GET /calendar/sessions.ics 304 4000
GET /calendar/sessions.ics 200 180000
GET /en/ 200 12000
[2026-12-03 16:00:00 +0000] [42] [INFO] Booting worker with pid: 42
"""


def test_server_time_is_read_from_the_access_log_in_milliseconds():
    assert load.server_times(ACCESS_LOG, "/calendar/sessions.ics", 304) == {
        "requests": 3, "p50_ms": 2.5, "p99_ms": 4.0}
    assert load.server_times(ACCESS_LOG, "/calendar/sessions.ics", 200)["p50_ms"] == 180.0
    # Every request line counts without a filter; gunicorn's own messages never do.
    assert load.server_times(ACCESS_LOG)["requests"] == 5
    assert load.server_times("") == {"requests": 0, "p50_ms": None, "p99_ms": None}


def test_the_access_log_format_gives_the_lines_server_times_reads():
    # gunicorn's atoms: method, path, status, request time in microseconds (%(M)s would round
    # a 2.9 ms answer down to 2).
    assert load.ACCESS_LOG_FORMAT == "%(m)s %(U)s %(s)s %(D)s"


def test_a_log_window_holds_only_what_was_written_after_it_started(tmp_path):
    log = tmp_path / "access.log"
    log.write_text("GET /en/ 200 1000\n")
    window = load.LogWindow(log).start()
    with open(log, "a") as more:
        more.write("GET /en/ 200 3000\n")
    assert load.server_times(window.read())["p50_ms"] == 3.0


@pytest.mark.parametrize(("p304", "full", "met"), [
    (2.9, 240.0, (True, True)), (3.0, 250.0, (True, True)), (3.1, 251.0, (False, False)),
    (None, None, (False, False)),  # nothing measured is not a met target
])
def test_the_feed_targets_are_3_ms_for_a_304_and_250_ms_for_the_full_feed(p304, full, met):
    verdicts = load.feed_verdicts({"not_modified": {"p50_ms": p304}, "full": {"p50_ms": full}})
    assert (verdicts["not_modified"]["met"], verdicts["full"]["met"]) == met


def test_every_worker_of_every_server_is_held_to_150_mb():
    memory = {"gunicorn": {"cached": {"master_mb": 60.0, "workers_mb": [120.0, 149.9]},
                           "uncached": {"master_mb": 60.0, "workers_mb": [130.0, 150.5]}}}
    verdict = load.memory_verdict(memory)
    assert verdict["value"] == 150.5 and verdict["met"] is False
    memory["gunicorn"]["uncached"]["workers_mb"] = [150.0]
    assert load.memory_verdict(memory)["met"] is True
    assert load.memory_verdict({"gunicorn": {}}) is None


def test_resident_memory_is_read_from_proc(tmp_path):
    import os
    mb = load.rss_mb(os.getpid())
    assert mb is not None and 5 < mb < 4096
    assert load.rss_mb(2 ** 22 + 1) is None  # beyond pid_max: gone


def _burst(**changes):
    burst = {"people": 50, "places": 10, "slowest_s": 0.8, "confirmed": 10, "lost": 0,
             "emails": {"sent": 50, "not_once": [], "to_others": 0}}
    burst.update(changes)
    return burst


@pytest.mark.parametrize(("changes", "missed"), [
    ({}, []),
    ({"slowest_s": 6.5}, ["slowest ≤ 1 s"]),
    ({"slowest_s": None}, ["slowest ≤ 1 s"]),  # nobody answered
    ({"confirmed": 11}, ["exactly 10 confirmed"]),
    ({"lost": 2, "confirmed": 8}, ["exactly 10 confirmed", "none lost"]),
    ({"emails": {"sent": 51, "not_once": ["burst-3@x"], "to_others": 0}}, ["each e-mailed once"]),
])
def test_the_sign_up_burst_is_held_to_the_issue_targets(changes, missed):
    verdicts = load.signup_verdicts(_burst(**changes))
    assert [v["target"] for v in verdicts if not v["met"]] == missed


def test_e_mails_are_counted_per_recipient_from_the_filebased_backend(tmp_path):
    separator = b"\n" + b"-" * 79 + b"\n"

    def message(to):
        return (f"Content-Type: text/plain\nSubject: Registered\nTo: {to}\n\nHello\n"
                "To: not-a-header@example.org\n").encode()

    (tmp_path / "20261203-1.log").write_bytes(message("A@example.org") + separator)
    (tmp_path / "20261203-2.log").write_bytes(
        message("b@example.org") + separator + message('"Bo, B." <B@example.org>') + separator
        + message("admin@example.org") + separator)
    received = load.read_mailbox(tmp_path)
    assert received == {"a@example.org": 1, "b@example.org": 2, "admin@example.org": 1}
    counts = load.email_counts(received, ["a@example.org", "b@example.org", "c@example.org"])
    assert counts == {"sent": 3, "not_once": ["b@example.org", "c@example.org"], "to_others": 1}


def test_the_burst_table_says_which_targets_were_missed():
    burst = _burst(slowest_s=2.4, statuses={"303": 50}, median_s=1.1)
    burst["verdicts"] = load.signup_verdicts(burst)
    text = load.format_extras("postgres, large", {"signups": burst})
    assert "50 simultaneous sign-ups for 10 places" in text
    slow = next(line for line in text.splitlines() if "slowest" in line)
    assert slow.split()[-2:] == ["2.4", "MISSED"]


def test_anonymous_pages_are_measured_cached_and_uncached_the_rest_once():
    pages = [("home", "/en/", {}, 200, "anonymous"),
             ("member directory (member)", "/en/members/", {"Cookie": "x"}, 200, "member"),
             (load.STATIC_LABEL, "/static/css/site.css", {}, 200, "static")]
    steps = load.plan(pages, "cached-server", "uncached-server")
    assert [(server, mode, page[0]) for server, mode, page in steps] == [
        ("cached-server", "cached", "home"), ("uncached-server", "uncached", "home"),
        # A member's page is never cached: measured once, on the README's server, as uncached.
        ("cached-server", "uncached", "member directory (member)"),
        ("cached-server", "static", load.STATIC_LABEL)]


def test_the_conditional_feed_request_carries_each_servers_own_etag():
    # The feed names SITE_URL, which holds each server's port: their ETags differ.
    etags = {"http://127.0.0.1:1": '"cached"', "http://127.0.0.1:2": '"uncached"'}
    conditional = {"If-None-Match": '"read-on-the-first-server"'}
    assert load.for_server(etags, "http://127.0.0.1:2", conditional) == {
        "If-None-Match": '"uncached"'}
    assert load.for_server(etags, "http://127.0.0.1:2", {"Cookie": "x"}) == {"Cookie": "x"}


def test_the_uncached_server_turns_only_the_page_cache_off():
    assert load.UNCACHED_ENV == {"PAGE_CACHE": "0"}


def test_each_server_gets_the_readme_environment_and_its_own_changes(tmp_path):
    site = load.Site("postgres", "demo", tmp_path, {"DATABASE_URL": "postgres:///bench_load",
                                                     "EMAIL_BACKEND": "from-the-shell"})
    mail = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path)}
    env = site.serve_env(40123, **mail)
    # The sign-up server writes its e-mails to files; everything else is the README's.
    assert env["EMAIL_BACKEND"] == mail["EMAIL_BACKEND"]
    assert env["EMAIL_FILE_PATH"] == str(tmp_path)
    assert env["LOCAL_HTTP"] == "1" and env["DATABASE_URL"] == "postgres:///bench_load"
    assert env["DJANGO_SETTINGS_MODULE"] == load.SETTINGS_MODULE
    assert env["SITE_URL"] == "http://127.0.0.1:40123"
    assert site.serve_env(40123)["EMAIL_BACKEND"] == load.SERVE_ENV["EMAIL_BACKEND"]


def test_on_postgresql_the_servers_keep_their_connections_as_the_readme_says(tmp_path):
    """The README's production section sets DATABASE_CONN_MAX_AGE=60 with PostgreSQL; the
    benchmark's PostgreSQL servers do too (the sign-up burst opened a backend per request
    without it), and its SQLite servers run as the README's serve command, without it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    production = readme[readme.index("- **Database**: PostgreSQL."):][:200]
    assert f"DATABASE_CONN_MAX_AGE={load.POSTGRES_ENV['DATABASE_CONN_MAX_AGE']}" in production
    postgres = load.Site("postgres", "demo", tmp_path, {}).serve_env(40123)
    sqlite = load.Site("sqlite", "demo", tmp_path, {}).serve_env(40123)
    assert postgres["DATABASE_CONN_MAX_AGE"] == "60"
    assert "DATABASE_CONN_MAX_AGE" not in sqlite


@pytest.mark.parametrize(("serve", "command"), [
    (".venv/bin/gunicorn network.wsgi:application --workers 3", None),
    ("LOCAL_HTTP=1 TASKS_BACKEND=database .venv/bin/python manage.py db_worker & "
     ".venv/bin/gunicorn x", (["manage.py", "db_worker"],
                              {"LOCAL_HTTP": "1", "TASKS_BACKEND": "database"})),
    (".venv/bin/python manage.py db_worker --queue-name default --interval 1 && echo",
     (["manage.py", "db_worker", "--queue-name", "default", "--interval", "1"], {})),
])
def test_the_task_worker_is_started_only_as_the_readme_starts_it(serve, command):
    readme = f"# Site\n\n```sh\n{serve}\n```\n\n```sh\nmanage.py db_worker\n```\n"
    assert load.task_worker_command(readme) == command


def _run_document():
    rows = load.flag_targets(load.add_ratios(_rows()))
    feed = {"not_modified": {"requests": 900, "p50_ms": 2.1, "p99_ms": 4.0},
            "full": {"requests": 9, "p50_ms": 310.0, "p99_ms": 330.0}, "events": 5012}
    feed["verdicts"] = load.feed_verdicts(feed)
    memory = {"gunicorn": {"cached": {"master_mb": 60.0, "workers_mb": [131.0, 133.5, 140.2]}},
              "task_worker_mb": None}
    memory["verdict"] = load.memory_verdict(memory)
    burst = _burst(statuses={"303": 50}, median_s=0.4)
    burst["verdicts"] = load.signup_verdicts(burst)
    return {"database": "postgres", "size": "large",
            "setup_s": {"migrate": 20.0, "large network (with search index)": 280.5},
            "task_worker": False, "results": rows, "feed": feed, "memory": memory,
            "signups": burst}


def test_the_json_names_the_load_and_targets_and_holds_each_run():
    document = load.report([_run_document()], {"duration": 3, "connections": 16},
                           generated="2026-12-03T09:00:00+00:00")
    document = json.loads(json.dumps(document, allow_nan=False))  # plain, strict JSON
    assert document["load"] == {"tool": "wrk", "threads": 2, "connections": 16, "duration_s": 3}
    assert document["server"]["gunicorn_workers"] == 3
    assert document["targets"]["feed_304_ms"] == 3.0
    (run,) = document["runs"]
    assert (run["database"], run["size"]) == ("postgres", "large")
    assert run["setup_s"]["large network (with search index)"] == 280.5
    assert set(run["results"][0]) >= {"page", "mode", "path", "requests_per_s", "p50_ms",
                                      "p99_ms", "errors", "ratio_to_static", "targets",
                                      "meets_targets"}
    assert run["feed"]["verdicts"]["full"] == {"target": "≤ 250 ms", "value": 310.0,
                                               "met": False}
    assert run["memory"]["verdict"]["met"] is True
    assert run["signups"]["verdicts"][0]["met"] is True


def test_the_printed_extras_show_feed_memory_and_sign_ups():
    lines = load.format_extras("postgres, large", _run_document()).splitlines()

    def line(start):
        return next(row for row in lines if row.strip().startswith(start))

    assert "5,012 events" in line("postgres, large: feed server time")
    assert line("sessions feed, 304").split() == ["sessions", "feed,", "304", "900", "2.1",
                                                  "4.0", "ok"]
    assert line("sessions feed, full").split()[3:] == ["9", "310.0", "330.0", "MISSED", "≤",
                                                       "250", "ms"]
    assert "(each worker ≤ 150 MB: ok)" in line("postgres, large: resident memory")
    assert line("gunicorn cached").split() == ["gunicorn", "cached", "131", "134", "140", "60"]
    assert line("each e-mailed once").split()[-2:] == ["0", "ok"]


def test_wrk_is_driven_with_the_issue_load_and_the_page_headers():
    command = load.wrk_command("/usr/bin/wrk", "http://127.0.0.1:1/calendar/sessions.ics",
                               {"If-None-Match": '"abc"'}, 10, 16)
    assert command[:5] == ["/usr/bin/wrk", "-t2", "-c16", "-d10s", "--latency"]
    assert command[command.index("-H") + 1] == 'If-None-Match: "abc"'
    assert command[-1] == "http://127.0.0.1:1/calendar/sessions.ics"


def test_missing_wrk_is_said_plainly(monkeypatch, capsys):
    monkeypatch.setattr(load.shutil, "which", lambda name: None)
    monkeypatch.setattr(load.os, "access", lambda path, mode: False)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # keep pytest's own handlers
    assert load.main(["--duration", "1"]) == 2
    assert "apt-get install -y wrk" in capsys.readouterr().err


def test_the_benchmark_serves_the_site_as_the_readme_does():
    readme_env, readme_module = _gunicorn_environment(_readme_commands()[0])
    assert load.SETTINGS_MODULE == readme_module
    assert load.SERVE_ENV.keys() == readme_env.keys()
    assert {k: v for k, v in load.SERVE_ENV.items() if k != "SECRET_KEY"} == {
        k: v for k, v in readme_env.items() if k != "SECRET_KEY"}
    assert "--workers 3" in _readme_commands()[0] and load.WORKERS == 3


def test_the_benchmark_starts_gunicorn_where_it_reads_the_project_config(monkeypatch, tmp_path):
    started = {}

    class Started:
        pid = 0

    def popen(command, **options):
        started.update(command=command, cwd=options["cwd"])
        return Started()

    monkeypatch.setattr(load.subprocess, "Popen", popen)
    monkeypatch.setattr(load, "_wait_until_serving", lambda *args, **kwargs: None)
    monkeypatch.setattr(load, "stop", lambda process: None)
    with load.served(load.Site("sqlite", "demo", tmp_path, {}), "cached"):
        pass
    # gunicorn reads ./gunicorn.conf.py (the memory settings) unless given another file.
    assert Path(started["cwd"]) == ROOT and (ROOT / "gunicorn.conf.py").exists()
    assert not {"-c", "--config"} & set(map(str, started["command"]))


def test_every_page_is_asked_for_as_browsers_and_calendar_apps_ask():
    """They accept gzip; a page's own headers (a member's cookie, a feed's ETag) are kept."""
    assert load.as_clients_ask({}) == {"Accept-Encoding": "gzip"}
    assert load.as_clients_ask({"If-None-Match": '"abc"'}) == {
        "Accept-Encoding": "gzip", "If-None-Match": '"abc"'}


def test_a_gzipped_answer_is_read_unpacked():
    import gzip

    body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert load._text({"Content-Encoding": "gzip"}, gzip.compress(body.encode())) == body
    assert load._text({}, body.encode()) == body
