#!/usr/bin/env python
"""Load benchmark: the site served as the README serves it, under wrk, beside a static file.

    .venv/bin/python bench/load.py [--database sqlite|postgres|both] [--size demo|large|both]
                                   [--duration 10] [--connections 16]
                                   [--json bench/results/load.json] [--only signup]

For each database and size it builds a scratch database (a SQLite file in a temporary folder, or
the PostgreSQL database ``bench_load``, created and dropped on --postgres-url), migrates, loads
the demo network and, at the large size, adds bench/large_network.py's network at scale 1.0 with
its search index (10,000 case studies, 5,000 sessions, …); the time each step took is reported.
It collects the static files into a temporary folder and serves the site twice on that database,
each with gunicorn and the production settings (3 workers, the README's environment) on a free
port: as the README does (the page cache on: "cached") and with ``PAGE_CACHE=0`` ("uncached",
the cost of the first request after an invalidation). When the README's serve command starts
the task worker (``manage.py db_worker``), it runs beside them. The pages to request are found on
the served site itself (links on the library and sessions listings, the stylesheet in the home
page, the feed's ETag); the demo member logs in once.

Then ``wrk -t2 -c16 -d<duration>s --latency`` runs against each page in turn, in one run: every
anonymous page and public feed on both servers, the member directory as the member (never
cached, on the README's server) and the static file. Each row has requests/s, median and
99th-percentile latency, errors (responses other than 2xx/3xx plus socket errors; for the feed's
conditional request a 304 is the expected answer), its requests/s as a share of the static
file's, the ``X-Page-Cache`` header the server answered with, and issue #17's target for it:
cached ≥ 50 % of the static file, uncached (and the member's page) ≥ 100 requests/s, no errors.

Server time is read from gunicorn's own access log: the uncached server writes one with the
request time in microseconds (``%(D)s``, from the parsed request to the last byte sent, so
without the time spent queueing for a worker). Each uncached row shows the median of its
requests. The feed targets (304 ≤ 3 ms, full all-sessions feed ≤ 250 ms) are judged on a
separate single-connection wrk run (``-t1 -c1``) against the uncached server, so the load
generator's share of the CPU does not count as server time.

After the run it reads each gunicorn worker's resident set size (``VmRSS`` in
``/proc/<pid>/status``; target ≤ 150 MB), and the task worker's when one runs. Gunicorn is
started in the project folder, as the README starts it, so it reads the project's
``gunicorn.conf.py`` (what keeps the workers small: docs/performance.md, "Memory").

On PostgreSQL it also sends 50 members signing up at the same instant (threads released by one
barrier) for a new session with 10 places, to a third gunicorn whose e-mails go to files in a
temporary folder: slowest answer (≤ 1 s), confirmed places (exactly 10), registrations lost
(none), and the e-mails each address received (exactly one). As in production, that server
queues its e-mails (``TASKS_BACKEND=database``) for a task worker (the README's, else one
started for the burst) when the project has ``manage.py db_worker``; they are counted once the
worker has sent them.

Prints the tables, writes everything as JSON. Everything it started or created (gunicorn, the
task worker, the PostgreSQL database, temporary folders) is removed at the end, also after a
failure or Ctrl-C.

Needs wrk (Debian: ``apt-get install -y wrk``). Run it on a quiet machine: the load generator
shares the CPU with the server, as it does in the numbers of issue #17.
"""
import argparse
import collections
import contextlib
import datetime
import email
import email.utils
import gzip
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WORKERS = 3
THREADS = 2
SCRATCH_PG_NAME = "bench_load"
# The README's serve command sets these before gunicorn (tests/test_bench_load.py keeps them
# equal); SECRET_KEY differs only in its value.
SERVE_ENV = {
    "LOCAL_HTTP": "1",
    "SECRET_KEY": "load-benchmark-only",
    "SERVE_MEDIA": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
}
SETTINGS_MODULE = "network.settings.production"
# On PostgreSQL, what the README's production section sets too: each worker keeps its
# connection rather than opening one per request.
POSTGRES_ENV = {"DATABASE_CONN_MAX_AGE": "60"}
# The second server: the same, with the page cache off.
UNCACHED_ENV = {"PAGE_CACHE": "0"}
# Request, status and time in microseconds: what server_times() reads.
ACCESS_LOG_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
MEMBER_LOGIN = ("member", "network-demo")  # the README's demo accounts table
STATIC_LABEL = "static CSS file"
FEED_FULL_LABEL = "sessions feed, full"
FEED_304_LABEL = "sessions feed, 304"
FEED_PATH = "/calendar/sessions.ics"
# Every request says what browsers and calendar apps say: they take gzip (the page cache keeps
# a gzipped copy of large answers, and whitenoise of the static files).
CLIENT_HEADERS = {"Accept-Encoding": "gzip"}
LARGE_SCALE = "1.0"

# Issue #17's targets.
CACHED_SHARE_TARGET = 0.5  # cached anonymous pages and feeds: of the static file's requests/s
UNCACHED_RPS_TARGET = 100.0
FEED_304_MS_TARGET = 3.0
FEED_FULL_MS_TARGET = 250.0
WORKER_MB_TARGET = 150.0
SIGNUP_PEOPLE = 50
SIGNUP_PLACES = 10
SIGNUP_SLOWEST_S_TARGET = 1.0


class BenchmarkError(Exception):
    """Something the benchmark needs is missing or answered wrongly; the message says what."""


# --- wrk output --------------------------------------------------------------------------------

_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration_ms(text):
    """A wrk duration such as ``812.00us``, ``1.23ms``, ``2.01s`` or ``1.00m``, in milliseconds."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(us|ms|s|m|h)\s*", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _TIME_UNITS_MS[match.group(2)]


def parse_wrk(output):
    """The numbers in wrk's ``--latency`` report: requests, requests/s, p50/p99 in ms, errors.

    ``non_2xx_3xx`` is wrk's "Non-2xx or 3xx responses" (absent when there were none);
    ``socket_errors`` adds up connect, read, write and timeout errors; ``errors`` is both.
    """
    rps = re.search(r"^Requests/sec:\s*([0-9.]+)", output, flags=re.M)
    total = re.search(r"^\s*(\d+) requests in ", output, flags=re.M)
    if not rps or not total:
        raise ValueError("wrk printed no request count and rate:\n" + output)
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, flags=re.M))
    if "50" not in percentiles or "99" not in percentiles:
        raise ValueError("wrk printed no latency distribution (run it with --latency):\n" + output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in sockets.groups()) if sockets else 0
    non_2xx_3xx = int(non_2xx.group(1)) if non_2xx else 0
    return {
        "requests": int(total.group(1)),
        "requests_per_s": float(rps.group(1)),
        "p50_ms": parse_duration_ms(percentiles["50"]),
        "p99_ms": parse_duration_ms(percentiles["99"]),
        "non_2xx_3xx": non_2xx_3xx,
        "socket_errors": socket_errors,
        "errors": non_2xx_3xx + socket_errors,
    }


# --- gunicorn's access log ---------------------------------------------------------------------

def percentile(values, share):
    """The nearest-rank percentile (share 0.5 = median, 0.99 = p99) of values; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil(n * share), at least the first
    return ordered[int(rank) - 1]


def server_times(log_text, path=None, status=None):
    """Median and p99 server time in ms of the requests in an access log (ACCESS_LOG_FORMAT),
    optionally only those to ``path`` answered with ``status``: {"requests", "p50_ms", "p99_ms"}.

    Lines in other formats (gunicorn's own messages share the file only if misconfigured) are
    skipped, not guessed at.
    """
    times = []
    for line in log_text.splitlines():
        match = re.fullmatch(r"[A-Z]+ (\S+) (\d{3}) (\d+)", line.strip())
        if not match:
            continue
        if path is not None and match.group(1) != path:
            continue
        if status is not None and int(match.group(2)) != status:
            continue
        times.append(int(match.group(3)) / 1000)
    return {"requests": len(times), "p50_ms": percentile(times, 0.5),
            "p99_ms": percentile(times, 0.99)}


class LogWindow:
    """The lines a log file gained between ``start()`` and ``read()``."""

    def __init__(self, path):
        self.path = Path(path)
        self.offset = 0

    def start(self):
        """Remember the log's current end."""
        self.offset = self.path.stat().st_size if self.path.exists() else 0
        return self

    def read(self):
        """Text appended since ``start()``."""
        if not self.path.exists():
            return ""
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            return log.read().decode("utf-8", "replace")


# --- targets and the report --------------------------------------------------------------------

def add_ratios(results, static_label=STATIC_LABEL):
    """Set each row's ``ratio_to_static``: its requests/s divided by the static file's row's.

    None for every row when the static row is missing or served nothing.
    """
    static = next((row for row in results if row["page"] == static_label), None)
    base = static["requests_per_s"] if static else 0
    for row in results:
        row["ratio_to_static"] = round(row["requests_per_s"] / base, 4) if base else None
    return results


def _verdict(target, value, met):
    return {"target": target, "value": value, "met": bool(met)}


def flag_targets(results):
    """Set each row's ``targets`` (issue #17's, with the measured value and whether it is met)
    and ``meets_targets`` (None for the static file, the reference without a target).

    Cached rows: at least CACHED_SHARE_TARGET of the static file's requests/s (unmet when there
    is no ratio); uncached rows, the member's page among them: at least UNCACHED_RPS_TARGET
    requests/s; every row: no errors.
    """
    for row in results:
        verdicts = []
        if row["mode"] == "cached":
            ratio = row.get("ratio_to_static")
            verdicts.append(_verdict(f"≥ {CACHED_SHARE_TARGET:.0%} of static", ratio,
                                     ratio is not None and ratio >= CACHED_SHARE_TARGET))
        elif row["mode"] == "uncached":
            verdicts.append(_verdict(f"≥ {UNCACHED_RPS_TARGET:.0f} req/s", row["requests_per_s"],
                                     row["requests_per_s"] >= UNCACHED_RPS_TARGET))
        if verdicts:
            verdicts.append(_verdict("no errors", row["errors"], row["errors"] == 0))
        row["targets"] = verdicts
        row["meets_targets"] = all(v["met"] for v in verdicts) if verdicts else None
    return results


def feed_verdicts(feed):
    """Issue #17's feed targets on the single-connection timings: 304 and full GET p50."""
    verdicts = {}
    for key, target in (("not_modified", FEED_304_MS_TARGET), ("full", FEED_FULL_MS_TARGET)):
        p50 = (feed.get(key) or {}).get("p50_ms")
        verdicts[key] = _verdict(f"≤ {target:g} ms", p50, p50 is not None and p50 <= target)
    return verdicts


def memory_verdict(memory):
    """Every gunicorn worker (all servers) at most WORKER_MB_TARGET resident; None without any."""
    sizes = [mb for server in memory.get("gunicorn", {}).values() for mb in server["workers_mb"]]
    if not sizes:
        return None
    return _verdict(f"each worker ≤ {WORKER_MB_TARGET:g} MB", max(sizes),
                    max(sizes) <= WORKER_MB_TARGET)


def signup_verdicts(burst):
    """Issue #17's sign-up targets: slowest answer, exactly the places confirmed, nobody lost,
    every signer e-mailed exactly once."""
    slowest = burst["slowest_s"]  # None: no sign-up was answered at all
    return [
        _verdict(f"slowest ≤ {SIGNUP_SLOWEST_S_TARGET:g} s", slowest,
                 slowest is not None and slowest <= SIGNUP_SLOWEST_S_TARGET),
        _verdict(f"exactly {burst['places']} confirmed", burst["confirmed"],
                 burst["confirmed"] == burst["places"]),
        _verdict("none lost", burst["lost"], burst["lost"] == 0),
        # The value: how many signers got no e-mail or more than one.
        _verdict("each e-mailed once", len(burst["emails"]["not_once"]),
                 not burst["emails"]["not_once"]),
    ]


def _marks(verdicts):
    failed = [v["target"] for v in verdicts if not v["met"]]
    if not verdicts:
        return "—"
    return "ok" if not failed else "MISSED " + "; ".join(failed)


def _grid(title, header, rows):
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [title]
    for n, r in enumerate([header, *rows]):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in
                                           zip(r[1:-1], widths[1:-1], strict=True)] + [r[-1]]
        lines.append("  " + "  ".join(cells).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _ms(value):
    return "—" if value is None else f"{value:.1f}"


def format_table(title, results):
    """The printed table of one run's pages, with their targets."""
    header = ("page", "mode", "req/s", "p50 ms", "p99 ms", "server ms", "errors", "of static",
              "cache", "target")
    rows = []
    for row in results:
        ratio = row.get("ratio_to_static")
        rows.append((
            row["page"], row["mode"],
            f"{row['requests_per_s']:,.1f}", _ms(row["p50_ms"]), _ms(row["p99_ms"]),
            _ms((row.get("server") or {}).get("p50_ms")),
            str(row["errors"]),
            "—" if ratio is None else f"{ratio * 100:.1f} %",
            row.get("x_page_cache") or "—",
            _marks(row.get("targets", [])),
        ))
    return _grid(f"{title}:", header, rows)


def format_extras(title, run):
    """The printed feed timings, worker memory and sign-up burst of one run."""
    lines = []
    feed = run.get("feed")
    if feed:
        rows = []
        for key, label in (("not_modified", "sessions feed, 304"), ("full", "sessions feed, full")):
            timing = feed[key]
            rows.append((label, str(timing["requests"]), _ms(timing["p50_ms"]),
                         _ms(timing["p99_ms"]), _marks([feed["verdicts"][key]])))
        lines.append(_grid(f"{title}: feed server time, one connection, uncached "
                           f"({feed['events']:,} events in the feed)",
                           ("request", "requests", "p50 ms", "p99 ms", "target"), rows))
    memory = run.get("memory")
    if memory:
        rows = [(f"gunicorn {name}", " ".join(f"{mb:.0f}" for mb in server["workers_mb"]),
                 f"{server['master_mb']:.0f}" if server["master_mb"] is not None else "—")
                for name, server in memory["gunicorn"].items()]
        if memory.get("task_worker_mb") is not None:
            rows.append(("task worker", f"{memory['task_worker_mb']:.0f}", "—"))
        verdict = memory.get("verdict")
        judged = (f"{verdict['target']}: {'ok' if verdict['met'] else 'MISSED'}" if verdict
                  else "no workers found")
        lines.append(_grid(f"{title}: resident memory after the run, MB ({judged})",
                           ("process", "workers", "master"), rows))
    burst = run.get("signups")
    if burst:
        rows = [(v["target"], str(v["value"]), "ok" if v["met"] else "MISSED")
                for v in burst["verdicts"]]
        lines.append(_grid(
            f"{title}: {burst['people']} simultaneous sign-ups for {burst['places']} places "
            f"(answers {burst['statuses']}, median {burst['median_s']} s)",
            ("target", "measured", "verdict"), rows))
    return "\n".join(lines)


def report(runs, options, generated=None):
    """The JSON document: how the load was made, and each run's rows, feed timings, memory,
    sign-ups and set-up times (``runs`` as main() collects them)."""
    return {
        "generated": generated or datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "server": {"gunicorn_workers": WORKERS, "settings": SETTINGS_MODULE,
                   "uncached_env": UNCACHED_ENV, "server_time": "gunicorn access log %(D)s"},
        "load": {"tool": "wrk", "threads": THREADS, "connections": options["connections"],
                 "duration_s": options["duration"]},
        "targets": {"cached_share_of_static": CACHED_SHARE_TARGET,
                    "uncached_requests_per_s": UNCACHED_RPS_TARGET,
                    "feed_304_ms": FEED_304_MS_TARGET, "feed_full_ms": FEED_FULL_MS_TARGET,
                    "worker_mb": WORKER_MB_TARGET, "signup_slowest_s": SIGNUP_SLOWEST_S_TARGET},
        "runs": runs,
    }


# --- the served site ---------------------------------------------------------------------------

def find_wrk():
    """Path of the wrk binary; BenchmarkError saying how to install it when it is missing."""
    found = shutil.which("wrk") or ("/usr/bin/wrk" if os.access("/usr/bin/wrk", os.X_OK) else None)
    if not found:
        raise BenchmarkError("wrk is not installed. On Debian: apt-get install -y wrk")
    return found


def free_port():
    """A TCP port nobody listens on now (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command, env, log):
    """Run a set-up step, its output into log; seconds taken. BenchmarkError with the log's
    tail on failure."""
    start = time.perf_counter()
    with open(log, "ab") as out:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise BenchmarkError(f"{' '.join(map(str, command))} failed:\n{tail}")
    return round(time.perf_counter() - start, 1)


def task_worker_command(readme_text):
    """``(arguments, environment)`` of the task worker the README's serve command starts
    (``VAR=value … manage.py db_worker …``), or None when it starts none (the benchmark then
    starts none either)."""
    commands = re.findall(r"```sh\n(.+?)\n```", readme_text, flags=re.S)
    match = re.search(r"((?:[A-Z_]+=\S+ +)*)(?:\S*python\S* +)?manage\.py (db_worker\b[^&;|\n]*)",
                      commands[0] if commands else "")
    if not match:
        return None
    env = dict(pair.split("=", 1) for pair in match.group(1).split())
    return ["manage.py", *match.group(2).split()], env


@contextlib.contextmanager
def scratch_postgres(server_url):
    """Create the scratch database ``bench_load`` on server_url; drop it afterwards."""
    import psycopg

    def execute(sql):
        try:
            with psycopg.connect(server_url.rstrip("/") + "/postgres", autocommit=True) as conn:
                conn.execute(sql)
        except psycopg.Error as error:
            raise BenchmarkError(f"PostgreSQL on {server_url}: {error}") from error

    execute(f"DROP DATABASE IF EXISTS {SCRATCH_PG_NAME} WITH (FORCE)")
    execute(f"CREATE DATABASE {SCRATCH_PG_NAME}")
    try:
        yield server_url.rstrip("/") + "/" + SCRATCH_PG_NAME
    finally:
        execute(f"DROP DATABASE IF EXISTS {SCRATCH_PG_NAME} WITH (FORCE)")


def stop(process):
    """Stop a server or worker and its children (its own process group): TERM, then KILL after
    15 s."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Site:
    """A scratch database with the network loaded and the static files collected."""

    def __init__(self, database, size, work, env):
        self.database, self.size, self.work, self.env = database, size, work, env
        self.setup_s = {}
        self.task_worker = None
        # E-mails from the sign-up burst go here, whichever process sends them.
        self.mailbox = Path(work) / "mail"
        self.mail_env = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                         "EMAIL_FILE_PATH": str(self.mailbox)}

    def serve_env(self, port, **extra):
        """The environment gunicorn (or the task worker) gets, as the README's command."""
        return {**self.env, **SERVE_ENV, **(POSTGRES_ENV if self.database == "postgres" else {}),
                "SITE_URL": f"http://127.0.0.1:{port}", "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
                **extra}

    def manage(self, *args, env=None):
        """Output of a manage.py command on this site's database (production settings)."""
        done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, capture_output=True,
                              text=True, env=env or self.serve_env(8000))
        if done.returncode:
            raise BenchmarkError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
        return done.stdout


@contextlib.contextmanager
def scratch_site(database, size, postgres_url, readme_text=None):
    """Yield a Site: scratch database migrated, demo network (and at the large size the large
    network with its search index) loaded, static files collected; the task worker running when
    the README's serve command starts one. Set-up times in ``site.setup_s``."""
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-")))
        if database == "postgres":
            database_url = stack.enter_context(scratch_postgres(postgres_url))
        else:
            database_url = f"sqlite:///{work}/load.sqlite3"
        # The page cache's folder too: nothing cached outlives the run or reaches the next one.
        env = dict(os.environ, DATABASE_URL=database_url, STATIC_ROOT=str(work / "static"),
                   MEDIA_ROOT=str(work / "media"), PAGE_CACHE_DIR=str(work / "page-cache"))
        env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own default, as the README runs it
        site = Site(database, size, work, env)
        log = work / "setup.log"
        print(f"{database}, {size}: migrating, loading the demo network"
              f"{', generating the large network' if size == 'large' else ''}, "
              "collecting static files …", flush=True)
        site.setup_s["migrate"] = _run([PYTHON, "manage.py", "migrate", "-v0"], env, log)
        site.setup_s["demo network"] = _run([PYTHON, "manage.py", "load_demo_network"], env, log)
        if size == "large":
            site.setup_s["large network (with search index)"] = _run(
                [PYTHON, "bench/large_network.py", "--scale", LARGE_SCALE, "--index",
                 "--database-url", database_url], env, log)
            print(f"{database}, large: network generated in "
                  f"{site.setup_s['large network (with search index)']} s", flush=True)
        site.setup_s["collectstatic"] = _run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env, log)
        worker = task_worker_command(readme_text if readme_text is not None else
                                     (ROOT / "README.md").read_text(encoding="utf-8"))
        site.mailbox.mkdir()
        if worker:
            site.task_worker = stack.enter_context(task_worker(site, *worker))
        yield site


def has_db_worker(site):
    """Whether this project has ``manage.py db_worker`` (django-tasks' database backend)."""
    done = subprocess.run([PYTHON, "manage.py", "help", "db_worker"], cwd=ROOT,
                          env=site.serve_env(8000), capture_output=True)
    return done.returncode == 0


@contextlib.contextmanager
def task_worker(site, command=("manage.py", "db_worker"), env=None):
    """Yield the running task worker process (stopped afterwards), with the site's environment
    plus ``env``; its e-mails go to the site's mailbox."""
    with contextlib.ExitStack() as stack:
        worker_log = open(site.work / "task-worker.log", "ab")
        stack.callback(worker_log.close)
        process = subprocess.Popen(
            [PYTHON, *command], cwd=ROOT,
            env=site.serve_env(8000, **{**(env or {}), **site.mail_env}),
            stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True)
        stack.callback(stop, process)
        yield process


class Server:
    """One running gunicorn: its address, process and (optional) access log."""

    def __init__(self, name, base, process, access_log):
        self.name, self.base, self.process, self.access_log = name, base, process, access_log


@contextlib.contextmanager
def served(site, name, extra_env=None, access_log=False):
    """Yield a Server: gunicorn as the README runs it on the site's database (3 workers,
    production settings) on a free port, with ``extra_env`` added to its environment and, if
    ``access_log``, an access log of ACCESS_LOG_FORMAT lines."""
    with contextlib.ExitStack() as stack:
        port = free_port()
        log_path = site.work / f"gunicorn-{name}.log"
        server_log = open(log_path, "wb")
        stack.callback(server_log.close)
        command = [GUNICORN, "network.wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(WORKERS), "--env", f"DJANGO_SETTINGS_MODULE={SETTINGS_MODULE}"]
        access = site.work / f"access-{name}.log" if access_log else None
        if access:
            command += ["--access-logfile", str(access), "--access-logformat", ACCESS_LOG_FORMAT]
        process = subprocess.Popen(
            command, cwd=ROOT, env=site.serve_env(port, **(extra_env or {})), stdout=server_log,
            stderr=subprocess.STDOUT,
            # Its own process group: stopped with its workers in stop(), and a Ctrl-C meant for
            # this script reaches gunicorn only through that orderly stop.
            start_new_session=True)
        stack.callback(stop, process)
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base, process, log_path)
        print(f"{site.database}, {site.size}: {name} server on {base} with {WORKERS} gunicorn "
              "workers", flush=True)
        yield Server(name, base, process, access)


def _wait_until_serving(base, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError("gunicorn stopped:\n" + Path(log).read_text(errors="replace")[-3000:])
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
            return
        except urllib.error.HTTPError as error:
            # It answers, wrongly: say so now rather than wait for the timeout.
            raise BenchmarkError(f"gunicorn answered {error.code} for /robots.txt:\n"
                                 + Path(log).read_text(errors="replace")[-3000:]) from None
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer on {base} within {timeout} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def as_clients_ask(headers):
    """A page's request headers with what every client sends (CLIENT_HEADERS)."""
    return {**CLIENT_HEADERS, **headers}


def _text(headers, body):
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


def fetch(base, path, headers=None, opener=None, data=None, timeout=120):
    """(status, headers, body) of one GET (or POST of ``data``), without following redirects;
    the body unpacked if it came gzipped."""
    opener = opener or urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + path, headers=headers or {}, data=data)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, _text(response.headers, response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, _text(error.headers, error.read())


def _first_link(base, listing, prefix):
    status, _, html = fetch(base, listing)
    links = re.findall(rf'<h3 class="card__title"><a href="({re.escape(prefix)}[^"?#]+/)"', html)
    if status != 200 or not links:
        raise BenchmarkError(f"{listing} (status {status}) links to no page under {prefix}")
    return links[0]


def member_cookie(base):
    """``Cookie`` header value of a session logged in as the demo member."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = "/en/account/login/"
    page = opener.open(base + login, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise BenchmarkError(f"{login} shows no login form")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1),
                                   "username": MEMBER_LOGIN[0], "password": MEMBER_LOGIN[1]})
    opener.open(urllib.request.Request(base + login, data=data.encode(),
                                       headers={"Referer": base + login}), timeout=30).close()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise BenchmarkError(f"logging in as {MEMBER_LOGIN[0]} gave no session cookie")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


def feed_etag(base, feed):
    """The feed's ETag on one server (it differs between servers: SITE_URL is in the feed)."""
    _, feed_headers, _ = fetch(base, feed)
    etag = feed_headers.get("ETag")
    if not etag:
        raise BenchmarkError(f"{feed} sends no ETag")
    return etag


def for_server(etags, base, headers):
    """The page's headers for this server: a conditional request asks with the server's own
    ETag (``etags``: server address to ETag, read before any load)."""
    if "If-None-Match" in headers:
        return dict(headers, **{"If-None-Match": etags[base]})
    return headers


def drain(server, timeout=600):
    """Wait until the server has answered what wrk left queued when it stopped (a slow page
    leaves up to one request per connection): the next row starts on idle workers."""
    status, _, _ = fetch(server.base, "/robots.txt", timeout=timeout)
    if status != 200:
        raise BenchmarkError(f"{server.name} server answered /robots.txt with {status}")


def targets(base):
    """(label, path, headers, expected status, kind) of every page in the run, found on the
    site. Kinds: ``anonymous`` (pages and public feeds: measured cached and uncached),
    ``member`` (never cached) and ``static``."""
    status, _, home = fetch(base, "/en/")
    css = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", home)
    if status != 200 or not css:
        raise BenchmarkError("the home page links no fingerprinted site.css")
    case_study = _first_link(base, "/en/case-studies/", "/en/case-studies/")
    session = _first_link(base, "/en/sessions/", "/en/sessions/")
    feed = FEED_PATH
    etag = feed_etag(base, feed)
    member = {"Cookie": member_cookie(base)}
    rows = [
        ("home", "/en/", {}, 200, "anonymous"),
        ("library", "/en/case-studies/", {}, 200, "anonymous"),
        ("library filtered", "/en/case-studies/?theme=vacancy&country=NL", {}, 200, "anonymous"),
        ("library search", "/en/case-studies/?q=property+owners", {}, 200, "anonymous"),
        ("a case study", case_study, {}, 200, "anonymous"),
        ("sessions listing", "/en/sessions/", {}, 200, "anonymous"),
        ("a session page", session, {}, 200, "anonymous"),
        ("member directory (member)", "/en/members/", member, 200, "member"),
        (FEED_FULL_LABEL, feed, {}, 200, "anonymous"),
        (FEED_304_LABEL, feed, {"If-None-Match": etag}, 304, "anonymous"),
        (STATIC_LABEL, css.group(0), {}, 200, "static"),
    ]
    return [(label, path, as_clients_ask(headers), expected, kind)
            for label, path, headers, expected, kind in rows]


def check_target(base, label, path, headers, expected):
    """Request a page twice as wrk will; BenchmarkError unless it answers as it should. The
    ``X-Page-Cache`` header of the second answer (None when the site sends none)."""
    for _ in range(2):  # the second answer shows whether the page cache serves it
        status, response_headers, body = fetch(base, path, headers)
        # A page answering a redirect or an error would count as a success for wrk: check first.
        if status != expected:
            raise BenchmarkError(f"{label} {path} on {base} answered {status}, "
                                 f"expected {expected}")
    # A filter or search that finds nothing would measure an empty page, not the library.
    if label.startswith("library ") and '<h3 class="card__title"><a href="/en/case-studies/' not in body:
        raise BenchmarkError(f"{label} {path} lists no case study")
    # The member's row must be the logged-in page (its header offers "Log out").
    if "Cookie" in headers and "/account/logout/" not in body:
        raise BenchmarkError(f"{label} {path} is not served to a logged-in member")
    return response_headers.get("X-Page-Cache")


def wrk_command(wrk, url, headers, duration, connections, threads=THREADS):
    """The wrk command line for one page."""
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
               "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return command + [url]


def run_wrk(wrk, server, path, headers, duration, connections, threads=THREADS):
    """wrk's parsed report for one page on one server, and the server times from its access
    log (None without one) over the same window, until the server has drained (see drain())."""
    window = LogWindow(server.access_log).start() if server.access_log else None
    done = subprocess.run(
        wrk_command(wrk, server.base + path, headers, duration, connections, threads),
        capture_output=True, text=True)
    if done.returncode:
        raise BenchmarkError(f"wrk failed on {path}:\n{done.stderr}")
    drain(server)
    times = server_times(window.read(), urllib.parse.urlsplit(path).path) if window else None
    return parse_wrk(done.stdout), times


def plan(pages, cached, uncached):
    """(server, mode, page) in the order measured: each anonymous page on the cached then the
    uncached server, the member's page and the static file on the README's (cached) one."""
    steps = []
    for page in pages:
        kind = page[4]
        if kind == "anonymous":
            steps += [(cached, "cached", page), (uncached, "uncached", page)]
        elif kind == "member":
            steps.append((cached, "uncached", page))  # personal: never from the page cache
        else:
            steps.append((cached, "static", page))
    return steps


def measure(wrk, cached, uncached, duration, connections):
    """Run wrk against every page in turn; the rows with ratios and targets."""
    pages = targets(cached.base)
    etags = {server.base: feed_etag(server.base, FEED_PATH) for server in (cached, uncached)}
    results = []
    for server, mode, (label, path, headers, expected, _kind) in plan(pages, cached, uncached):
        print(f"  {label} ({mode}): {path}", flush=True)
        headers = for_server(etags, server.base, headers)
        cache_header = check_target(server.base, label, path, headers, expected)
        stats, times = run_wrk(wrk, server, path, headers, duration, connections)
        row = {"page": label, "mode": mode, "server_name": server.name, "path": path,
               "expected_status": expected, "x_page_cache": cache_header}
        row.update(stats)
        row["server"] = times
        results.append(row)
    return flag_targets(add_ratios(results)), pages, etags


def feed_timing(wrk, server, pages, etags, duration):
    """Server time of the all-sessions feed's 304 and full GET on one connection (``-t1 -c1``),
    from the server's access log; with the number of events in the feed."""
    by_label = {label: (path, headers) for label, path, headers, _e, _k in pages}
    feed = {}
    for key, label, status in (("not_modified", FEED_304_LABEL, 304),
                               ("full", FEED_FULL_LABEL, 200)):
        path, headers = by_label[label]
        headers = for_server(etags, server.base, headers)
        print(f"  {label} (uncached, one connection): {path}", flush=True)
        window = LogWindow(server.access_log).start()
        run_wrk(wrk, server, path, headers, duration, connections=1, threads=1)
        feed[key] = server_times(window.read(), path, status)
    _, _, body = fetch(server.base, by_label[FEED_FULL_LABEL][0])
    feed["events"] = body.count("BEGIN:VEVENT")
    feed["verdicts"] = feed_verdicts(feed)
    return feed


def rss_mb(pid):
    """Resident set size of a process in MB (VmRSS in /proc/<pid>/status); None if gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, flags=re.M)
    return round(int(match.group(1)) / 1024, 1) if match else None


def children(pid):
    """Ids of a process's direct children (from /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found


def gunicorn_memory(process):
    """{"master_mb", "workers_mb"}: resident memory of a gunicorn master and its workers."""
    workers = [rss_mb(pid) for pid in children(process.pid)]
    return {"master_mb": rss_mb(process.pid),
            "workers_mb": sorted(mb for mb in workers if mb is not None)}


# --- the sign-up burst -------------------------------------------------------------------------

# Run by ``manage.py shell`` on the scratch database, with the served site's settings and
# SECRET_KEY (the sessions it creates are signed with it): a new session with SIGNUP_PLACES
# places, SIGNUP_PEOPLE members with verified addresses, each logged in (a session made here, as
# a login form would, since 50 logins from one address would trip the login throttling).
_BURST_SETUP = """
import datetime, json, os
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from network.identity import mark_verified
from network.models import MemberArea
from sessions.models import SessionIndexPage, SessionPage

people, places = int(os.environ["BURST_PEOPLE"]), int(os.environ["BURST_PLACES"])
index = SessionIndexPage.objects.filter(locale__language_code="en").first()
session = SessionPage(title="Load benchmark sign-up burst", slug="load-benchmark-sign-up-burst",
                      date=timezone.localdate() + datetime.timedelta(days=60),
                      start_time=datetime.time(14), end_time=datetime.time(16),
                      time_zone="Europe/Amsterdam", capacity=places,
                      description="<p>Fifty members, ten places.</p>")
index.add_child(instance=session)
session.save_revision().publish()
areas = list(MemberArea.objects.in_directory().order_by("pk").values_list("pk", flat=True))
backend = next(b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b)
engine = import_module(settings.SESSION_ENGINE)
members = []
for n in range(people):
    address = f"burst-{n}@load-benchmark.example.org"
    user = get_user_model().objects.create_user(username=f"burst-{n}", email=address)
    mark_verified(user, address)
    store = engine.SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    members.append({"email": address, "name": f"Burst member {n}", "session": store.session_key,
                    "area": areas[n % len(areas)]})
print("BURST-JSON " + json.dumps({"session": session.pk, "url": session.get_url(),
                                  "cookie": settings.SESSION_COOKIE_NAME, "members": members}))
"""

_BURST_COUNT = """
import json, os
from sessions.models import Registration
rows = Registration.objects.filter(session_id=int(os.environ["BURST_SESSION"]))
print("BURST-JSON " + json.dumps({status: rows.filter(status=status).count()
                                  for status in ("confirmed", "waiting", "pending", "cancelled")}
                                 | {"total": rows.count()}))
"""


def _shell_json(site, code, **env):
    output = site.manage("shell", "-c", code, env=dict(site.serve_env(8000), **env))
    line = next((line for line in output.splitlines() if line.startswith("BURST-JSON ")), None)
    if line is None:
        raise BenchmarkError("manage.py shell printed no result:\n" + output[-3000:])
    return json.loads(line.removeprefix("BURST-JSON "))


def read_mailbox(folder):
    """{recipient: e-mails received} of Django's filebased e-mail backend's files in folder
    (one file per connection, messages separated by a line of 79 dashes)."""
    received = collections.Counter()
    for path in sorted(Path(folder).glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk)
            for _name, address in email.utils.getaddresses(message.get_all("To") or []):
                received[address.lower()] += 1
    return received


def email_counts(received, addresses):
    """How the e-mails went: sent, and the signers who got none or more than one."""
    wanted = {address.lower() for address in addresses}
    not_once = sorted(a for a in wanted if received.get(a, 0) != 1)
    return {"sent": sum(received[a] for a in received if a in wanted), "not_once": not_once,
            "to_others": sum(n for a, n in received.items() if a not in wanted)}


def _sign_up(base, member, cookie_name, barrier, result):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    headers = {"Cookie": f"{cookie_name}={member['session']}"}
    try:
        status, _, page = fetch(base, member["url"], headers, opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        action = re.search(r'<form[^>]+action="([^"]*/registrations/sessions/\d+/)"', page)
        if status != 200 or not token or not action or "/account/logout/" not in page:
            raise BenchmarkError(f"the burst session page ({status}) shows no sign-up form to "
                                 "a logged-in member")
        csrf = next((c.value for c in jar if c.name == "csrftoken"), None)
        if csrf:
            headers["Cookie"] += f"; csrftoken={csrf}"
        data = urllib.parse.urlencode({
            "csrfmiddlewaretoken": token.group(1), "name": member["name"],
            "email": member["email"], "area": member["area"]}).encode()
        barrier.wait(timeout=120)
        start = time.perf_counter()
        status, _, _ = fetch(base, action.group(1), dict(headers, Referer=base + member["url"]),
                             urllib.request.build_opener(_NoRedirect), data=data)
        result.update(status=status, seconds=time.perf_counter() - start)
    except Exception as error:  # counted as a lost sign-up, not a vanished thread
        result.update(status=f"{type(error).__name__}: {error}", seconds=None)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.abort()


def signup_burst(site, wait_for_email=60):
    """SIGNUP_PEOPLE members sign up at the same instant for SIGNUP_PLACES places, on a third
    gunicorn whose e-mails go to files; answers, registrations and e-mails counted.

    E-mails are sent as in production: queued (``TASKS_BACKEND=database``) for the task worker,
    the README's if it starts one, else one started here, when the project has ``db_worker``.
    """
    with contextlib.ExitStack() as stack:
        worker = site.task_worker
        if worker is None and has_db_worker(site):
            worker = stack.enter_context(task_worker(site, env={"TASKS_BACKEND": "database"}))
        burst = _burst(site, worker, wait_for_email)
        burst["task_worker_mb"] = rss_mb(worker.pid) if worker else None
    return burst


def _burst(site, worker, wait_for_email):
    mailbox = site.mailbox
    setup = _shell_json(site, _BURST_SETUP, BURST_PEOPLE=str(SIGNUP_PEOPLE),
                        BURST_PLACES=str(SIGNUP_PLACES))
    server_env = dict(site.mail_env, **({"TASKS_BACKEND": "database"} if worker else {}))
    members = [dict(member, url=setup["url"]) for member in setup["members"]]
    with served(site, "sign-ups", server_env) as server:
        print(f"  {SIGNUP_PEOPLE} sign-ups for {SIGNUP_PLACES} places: {setup['url']}", flush=True)
        barrier = threading.Barrier(len(members))
        results = [{} for _ in members]
        threads = [threading.Thread(target=_sign_up, args=(server.base, member, setup["cookie"],
                                                           barrier, result))
                   for member, result in zip(members, results, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        memory = gunicorn_memory(server.process)
    counts = _shell_json(site, _BURST_COUNT, BURST_SESSION=str(setup["session"]))
    addresses = [member["email"] for member in members]
    # A task worker sends the e-mails after the answers: wait until every signer has one, then a
    # little more so that a second copy would be counted too.
    deadline = time.monotonic() + (wait_for_email if worker else 0)
    while time.monotonic() < deadline and email_counts(read_mailbox(mailbox), addresses)["sent"] \
            < len(addresses):
        time.sleep(0.5)
    if worker:
        time.sleep(2)
    seconds = [r["seconds"] for r in results if r.get("seconds") is not None]
    statuses = collections.Counter(str(r.get("status")) for r in results)
    burst = {
        "people": len(members), "places": SIGNUP_PLACES, "statuses": dict(statuses),
        "slowest_s": round(max(seconds), 3) if seconds else None,
        "median_s": round(statistics.median(seconds), 3) if seconds else None,
        "confirmed": counts["confirmed"], "waiting": counts["waiting"],
        "registrations": counts["total"],
        # Everyone answered 303 (a place or a waiting-list turn) has a registration to show.
        "lost": len(members) - counts["confirmed"] - counts["waiting"],
        "emails": email_counts(read_mailbox(mailbox), addresses),
        "memory": memory, "task_worker": worker is not None,
    }
    burst["verdicts"] = signup_verdicts(burst)
    return burst


# --- one run -----------------------------------------------------------------------------------

def run_one(wrk, database, size, options):
    """Set up, serve cached and uncached, measure, time the feed, read memory; on PostgreSQL the
    sign-up burst. One entry of the JSON's ``runs``."""
    with scratch_site(database, size, options.postgres_url) as site:
        results, feed, memory = [], None, {"gunicorn": {}}
        if getattr(options, "only", None) != "signup":
            with served(site, "cached") as cached, \
                    served(site, "uncached", UNCACHED_ENV, access_log=True) as uncached:
                results, pages, etags = measure(wrk, cached, uncached, options.duration,
                                                options.connections)
                feed = feed_timing(wrk, uncached, pages, etags, options.duration)
                memory = {"gunicorn": {"cached": gunicorn_memory(cached.process),
                                       "uncached": gunicorn_memory(uncached.process)}}
        signups = signup_burst(site) if database == "postgres" else None
        if signups:
            memory["gunicorn"]["sign-ups"] = signups["memory"]
        memory["task_worker_mb"] = (rss_mb(site.task_worker.pid) if site.task_worker
                                    else (signups or {}).get("task_worker_mb"))
        memory["verdict"] = memory_verdict(memory)
        return {"database": database, "size": size, "setup_s": site.setup_s,
                "task_worker": bool(site.task_worker), "results": results, "feed": feed,
                "memory": memory, "signups": signups}


def main(argv=None):
    """Parse the options, run the benchmark on each database and size, print the tables, write
    JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--size", choices=("demo", "large", "both"), default="both",
                        help="the demo network, the large one (10,000 case studies), or both")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "load.json"),
                        help="where to write the results (bench/results/load.json)")
    parser.add_argument("--only", choices=("signup",),
                        help="run only the sign-up burst (PostgreSQL), without the pages")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/",
                        help=f"server on which the scratch database {SCRATCH_PG_NAME} is made")
    options = parser.parse_args(argv)
    # A TERM (e.g. from a CI timeout) unwinds like Ctrl-C, so every cleanup step runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    databases = ("sqlite", "postgres") if options.database == "both" else (options.database,)
    sizes = ("demo", "large") if options.size == "both" else (options.size,)
    runs = []
    try:
        wrk = find_wrk()
        for database in databases:
            for size in sizes:
                run = run_one(wrk, database, size, options)
                runs.append(run)
                title = f"{database}, {size}"
                print(f"{title}: set-up " + ", ".join(
                    f"{step} {seconds} s" for step, seconds in run["setup_s"].items()))
                print(format_table(title, run["results"]))
                print(format_extras(title, run), flush=True)
    except BenchmarkError as error:
        print(f"load benchmark: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("load benchmark: interrupted; stopped the servers and removed the scratch data",
              file=sys.stderr)
        return 130
    document = report(runs, {"duration": options.duration, "connections": options.connections})
    path = Path(options.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
