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
        dict(load.parse_wrk(WRK_WITH_ERRORS), page="home", path="/en/"),
        dict(load.parse_wrk(WRK_CLEAN), page=load.STATIC_LABEL, path="/static/css/site.css"),
    ]


def test_each_page_is_compared_with_the_static_file():
    home, static = load.add_ratios(_rows())
    assert static["ratio_to_static"] == 1
    assert home["ratio_to_static"] == pytest.approx(63.12 / 3800.5, abs=1e-4)


def test_without_a_static_row_there_is_no_ratio():
    rows = load.add_ratios(_rows()[:1])
    assert rows[0]["ratio_to_static"] is None


def test_the_table_shows_rate_latency_errors_and_share_of_static():
    table = load.format_table("sqlite", load.add_ratios(_rows()))
    home_line = next(line for line in table.splitlines() if line.strip().startswith("home"))
    assert home_line.split() == ["home", "63.1", "240.0", "1500.0", "6", "1.7", "%"]
    assert "3,800.5" in table and "100.0 %" in table


def test_the_json_names_the_load_and_holds_each_database_run():
    document = load.report([("sqlite", load.add_ratios(_rows()))],
                           {"duration": 3, "connections": 16}, generated="2026-12-03T09:00:00+00:00")
    document = json.loads(json.dumps(document))  # what is written is plain JSON
    assert document["load"] == {"tool": "wrk", "threads": 2, "connections": 16, "duration_s": 3}
    assert document["server"]["gunicorn_workers"] == 3
    (run,) = document["runs"]
    assert run["database"] == "sqlite"
    assert set(run["results"][0]) >= {"page", "path", "requests_per_s", "p50_ms", "p99_ms",
                                      "errors", "ratio_to_static"}


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
