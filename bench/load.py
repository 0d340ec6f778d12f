#!/usr/bin/env python
"""Load benchmark: the site served as the README serves it, under wrk, beside a static file.

    .venv/bin/python bench/load.py [--database sqlite|postgres|both] [--duration 10]
                                   [--connections 16] [--json bench/results/load.json]

For each database it builds a scratch database (a SQLite file in a temporary folder, or the
PostgreSQL database ``bench_load``, created and dropped on --postgres-url), migrates, loads the
demo network, collects the static files into a temporary folder and serves the site with
gunicorn and the production settings (3 workers, the README's environment) on a free port. It
finds the pages to request from the served site itself (links on the library and sessions
listings, the stylesheet in the home page, the feed's ETag), logs in once as the demo member,
then runs ``wrk -t2 -c16 -d<duration>s --latency`` against each page in turn, in one run.

Prints one table per database: requests/s, median and 99th-percentile latency, errors (responses
other than 2xx/3xx plus socket errors; for the feed's conditional request a 304 is the expected
answer) and each page's requests/s as a share of the static file's. Writes the same as JSON.
Everything it started or created (gunicorn, the PostgreSQL database, temporary folders) is
removed at the end, also after a failure or Ctrl-C.

Needs wrk (Debian: ``apt-get install -y wrk``). Run it on a quiet machine: the load generator
shares the CPU with the server, as it does in the numbers of issue #17.
"""
import argparse
import contextlib
import datetime
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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
MEMBER_LOGIN = ("member", "network-demo")  # the README's demo accounts table
STATIC_LABEL = "static CSS file"


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


def add_ratios(results, static_label=STATIC_LABEL):
    """Set each row's ``ratio_to_static``: its requests/s divided by the static file's row's.

    None for every row when the static row is missing or served nothing.
    """
    static = next((row for row in results if row["page"] == static_label), None)
    base = static["requests_per_s"] if static else 0
    for row in results:
        row["ratio_to_static"] = round(row["requests_per_s"] / base, 4) if base else None
    return results


def format_table(database, results):
    """The printed table of one database's run."""
    header = ("page", "req/s", "p50 ms", "p99 ms", "errors", "of static")
    rows = [header]
    for row in results:
        ratio = row["ratio_to_static"]
        rows.append((
            row["page"],
            f"{row['requests_per_s']:,.1f}",
            f"{row['p50_ms']:.1f}",
            f"{row['p99_ms']:.1f}",
            str(row["errors"]),
            "—" if ratio is None else f"{ratio * 100:.1f} %",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"{database}:"]
    for n, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells))
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(runs, options, generated=None):
    """The JSON document: how the load was made, and each database's rows."""
    return {
        "generated": generated or datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "server": {"gunicorn_workers": WORKERS, "settings": SETTINGS_MODULE},
        "load": {"tool": "wrk", "threads": THREADS, "connections": options["connections"],
                 "duration_s": options["duration"]},
        "runs": [{"database": database, "results": results} for database, results in runs],
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
    """Run a manage.py step, its output into log; BenchmarkError with the log's tail on failure."""
    with open(log, "ab") as out:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise BenchmarkError(f"{' '.join(map(str, command))} failed:\n{tail}")


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
    """Stop gunicorn and its workers (its own process group): TERM, then KILL after 15 s."""
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


@contextlib.contextmanager
def served_site(database, postgres_url):
    """Yield the base URL of the demo network served by gunicorn on a scratch database."""
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-")))
        if database == "postgres":
            database_url = stack.enter_context(scratch_postgres(postgres_url))
        else:
            database_url = f"sqlite:///{work}/load.sqlite3"
        port = free_port()
        env = dict(os.environ, DATABASE_URL=database_url, STATIC_ROOT=str(work / "static"),
                   MEDIA_ROOT=str(work / "media"), SITE_URL=f"http://127.0.0.1:{port}")
        env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own default, as the README runs it
        log = work / "setup.log"
        print(f"{database}: migrating, loading the demo network, collecting static files …",
              flush=True)
        _run([PYTHON, "manage.py", "migrate", "-v0"], env, log)
        _run([PYTHON, "manage.py", "load_demo_network"], env, log)
        _run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env, log)
        server_log = open(work / "gunicorn.log", "wb")
        stack.callback(server_log.close)
        process = subprocess.Popen(
            [GUNICORN, "network.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(WORKERS), "--env", f"DJANGO_SETTINGS_MODULE={SETTINGS_MODULE}"],
            cwd=ROOT, env=dict(env, **SERVE_ENV), stdout=server_log, stderr=subprocess.STDOUT,
            # Its own process group: stopped with its workers in stop(), and a Ctrl-C meant for
            # this script reaches gunicorn only through that orderly stop.
            start_new_session=True)
        stack.callback(stop, process)
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base, process, work / "gunicorn.log")
        print(f"{database}: serving on {base} with {WORKERS} gunicorn workers", flush=True)
        yield base


def _wait_until_serving(base, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError("gunicorn stopped:\n" + Path(log).read_text(errors="replace")[-3000:])
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer on {base} within {timeout} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(base, path, headers=None, opener=None):
    """(status, headers, body) of one GET, without following redirects."""
    opener = opener or urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


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


def targets(base):
    """(label, path, headers, expected status) of every page in the run, found on the site."""
    status, _, home = fetch(base, "/en/")
    css = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", home)
    if status != 200 or not css:
        raise BenchmarkError("the home page links no fingerprinted site.css")
    case_study = _first_link(base, "/en/case-studies/", "/en/case-studies/")
    session = _first_link(base, "/en/sessions/", "/en/sessions/")
    feed = "/calendar/sessions.ics"
    _, feed_headers, _ = fetch(base, feed)
    etag = feed_headers.get("ETag")
    if not etag:
        raise BenchmarkError(f"{feed} sends no ETag")
    member = {"Cookie": member_cookie(base)}
    found = [
        ("home", "/en/", {}, 200),
        ("library", "/en/case-studies/", {}, 200),
        ("library filtered", "/en/case-studies/?theme=vacancy&country=NL", {}, 200),
        ("library search", "/en/case-studies/?q=property+owners", {}, 200),
        ("a case study", case_study, {}, 200),
        ("sessions listing", "/en/sessions/", {}, 200),
        ("a session page", session, {}, 200),
        ("member directory (member)", "/en/members/", member, 200),
        ("sessions feed, full", feed, {}, 200),
        ("sessions feed, 304", feed, {"If-None-Match": etag}, 304),
        (STATIC_LABEL, css.group(0), {}, 200),
    ]
    for label, path, headers, expected in found:
        # A page answering a redirect or an error would count as a success for wrk: check first.
        status, _, body = fetch(base, path, headers)
        if status != expected:
            raise BenchmarkError(f"{label} {path} answered {status}, expected {expected}")
        # A filter or search that finds nothing would measure an empty page, not the library.
        if label.startswith("library ") and '<h3 class="card__title"><a href="/en/case-studies/' not in body:
            raise BenchmarkError(f"{label} {path} lists no case study")
        # The member's row must be the logged-in page (its header offers "Log out").
        if "Cookie" in headers and "/account/logout/" not in body:
            raise BenchmarkError(f"{label} {path} is not served to a logged-in member")
    return found


def wrk_command(wrk, url, headers, duration, connections):
    """The wrk command line for one page."""
    command = [wrk, f"-t{THREADS}", f"-c{connections}", f"-d{duration}s", "--latency",
               "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return command + [url]


def measure(wrk, base, duration, connections):
    """Run wrk against every target in turn; the rows with their ratios to the static file."""
    results = []
    for label, path, headers, expected in targets(base):
        print(f"  {label}: {path}", flush=True)
        done = subprocess.run(wrk_command(wrk, base + path, headers, duration, connections),
                              capture_output=True, text=True)
        if done.returncode:
            raise BenchmarkError(f"wrk failed on {path}:\n{done.stderr}")
        row = {"page": label, "path": path, "expected_status": expected}
        row.update(parse_wrk(done.stdout))
        results.append(row)
    return add_ratios(results)


def main(argv=None):
    """Parse the options, run the benchmark on each database, print the tables, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results" / "load.json"),
                        help="where to write the results (bench/results/load.json)")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/",
                        help=f"server on which the scratch database {SCRATCH_PG_NAME} is made")
    options = parser.parse_args(argv)
    # A TERM (e.g. from a CI timeout) unwinds like Ctrl-C, so every cleanup step runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    databases = ("sqlite", "postgres") if options.database == "both" else (options.database,)
    runs = []
    try:
        wrk = find_wrk()
        for database in databases:
            with served_site(database, options.postgres_url) as base:
                runs.append((database, measure(wrk, base, options.duration, options.connections)))
            print(format_table(database, runs[-1][1]), flush=True)
    except BenchmarkError as error:
        print(f"load benchmark: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("load benchmark: interrupted; stopped the server and removed the scratch data",
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
