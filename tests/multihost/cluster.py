"""Two application instances of the site, as two hosts would run them, sharing one PostgreSQL
database, one Redis, one media folder and one task worker: the production set-up of the
README ("Production deployment"), on this machine.

``running_cluster(work)`` creates a scratch PostgreSQL database (``multihost_<random>``),
migrates it, loads the demo network and collects the static files, then starts two gunicorn
instances on two free ports (production settings with ``LOCAL_HTTP=1``, as the README's serve
command, 2 workers each) and one ``manage.py db_worker``, all with the same environment, and
removes everything again at the end (processes, database, Redis keys).

E-mails go to files (Django's file backend), in one folder for the instances and another for
the worker, so a test can tell whether a request sent an e-mail itself or left it to the
worker. ``HttpClient`` is a small cookie-keeping HTTP client that does not follow redirects.
"""
from __future__ import annotations

import contextlib
import email
import email.policy
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
POSTGRES_SERVER = os.environ.get("MULTIHOST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# A database number of its own, and a key prefix per run: nothing else's keys are touched.
REDIS_SERVER = os.environ.get("MULTIHOST_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS_PER_INSTANCE = 2
DEMO_PASSWORD = "network-demo"


def missing_services() -> list[str]:
    """What the two instances need and does not answer here (PostgreSQL, Redis), in words."""
    import psycopg
    import redis

    missing = []
    try:
        psycopg.connect(_libpq(POSTGRES_SERVER) + "/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        missing.append(f"PostgreSQL at {POSTGRES_SERVER} ({str(error).strip().splitlines()[0]})")
    try:
        redis.Redis.from_url(REDIS_SERVER, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        missing.append(f"Redis at {REDIS_SERVER} ({error})")
    return missing


def _libpq(url):
    return url.rstrip("/").replace("postgres://", "postgresql://", 1)


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: object
    text: str
    seconds: float

    def header(self, name, default=""):
        return self.headers.get(name, default) if self.headers is not None else default


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpClient:
    """One visitor: a cookie jar and real HTTP requests to ``base``; redirects are returned,
    not followed. Cookies do not depend on the port (as in browsers), so one client logged in
    on one instance is logged in on the other as well."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect)

    def at(self, base):
        """The same visitor (same cookies) talking to another instance."""
        other = HttpClient(base)
        other.jar = self.jar
        other.opener = self.opener
        return other

    def set_cookie(self, name, value):
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None,
            False, None, None, {}))

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def request(self, method, path, data=None, headers=None) -> Response:
        body = None
        headers = dict(headers or {})
        if data is not None:
            pairs = data.items() if isinstance(data, dict) else data
            flat = [(k, v) for k, vs in pairs for v in (vs if isinstance(vs, list) else [vs])]
            body = urllib.parse.urlencode(flat).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            # What a browser sends with a form: Django checks the Origin against the host.
            headers.setdefault("Origin", self.base)
            headers.setdefault("Referer", self.base + path)
        request = urllib.request.Request(self.base + path, data=body, headers=headers, method=method)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=60) as answer:
                return Response(answer.status, answer.headers, answer.read().decode("utf-8", "replace"),
                                time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read().decode("utf-8", "replace"),
                            time.monotonic() - started)

    def get(self, path, headers=None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path, data, headers=None) -> Response:
        return self.request("POST", path, data=data, headers=headers)


def csrf_token(html):
    """The CSRF token of the first form in ``html``."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def text_of(html):
    """The visible text of a page, tags removed and entities decoded, spaces collapsed."""
    html = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def title_of(html):
    found = re.search(r"(?s)<title>(.*?)</title>", html)
    return " ".join(unescape(found.group(1)).split()) if found else ""


# --- the cluster --------------------------------------------------------------------------------


def read_mails(folder) -> list:
    """The e-mails Django's file backend wrote to ``folder``, as ``email.message`` objects."""
    messages = []
    for path in sorted(Path(folder).glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        # One file per connection, its messages separated by a line of 79 dashes.
        for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(b"\n"),
                                                         policy=email.policy.default))
    return messages


@dataclass
class Cluster:
    """The running set-up: two instances (``a``, ``b``: base URLs), the worker, their logs."""

    work: Path
    database_url: str
    env: dict = field(repr=False)
    a: str = ""
    b: str = ""
    processes: dict = field(default_factory=dict, repr=False)
    timings: dict = field(default_factory=dict)

    @property
    def web_mail(self):
        return self.work / "mail-instances"

    @property
    def worker_mail(self):
        return self.work / "mail-worker"

    def log(self, name):
        path = self.work / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs_tail(self, chars=3000):
        """The end of every process's log, for a failure message."""
        return "\n".join(f"--- {name} ---\n{self.log(name)[-chars:]}" for name in self.processes)

    def shell(self, code):
        """Run Python ``code`` in ``manage.py shell`` against the shared database, with tasks run
        at once (as a release step or an organiser's command would); its standard output."""
        done = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT,
                              env=dict(self.env, TASKS_BACKEND="immediate"),
                              capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{done.stderr[-4000:]}")
        return done.stdout

    def worker_alive(self):
        worker = self.processes.get("worker")
        return worker is not None and worker.poll() is None


def _environment(work, database_url, prefix, site_url):
    """The README's serve environment, on the scratch database and the shared Redis."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CACHE_", "EMAIL_", "TASKS_",
                                  "PAGE_CACHE", "SITE_", "MEDIA_", "STATIC_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "LOCAL_HTTP": "1",
        "SECRET_KEY": "multihost-tests-only",
        "SERVE_MEDIA": "1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_SERVER,
        "CACHE_KEY_PREFIX": prefix,
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        # Both instances stand for one site behind one address: the links in e-mails use it.
        "SITE_URL": site_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail-instances"),
        "LOG_LEVEL": "WARNING",
    })
    return env


def _postgres(sql):
    import psycopg

    with psycopg.connect(_libpq(POSTGRES_SERVER) + "/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _stop(process, timeout=20):
    """Stop a process and its children (its own process group): TERM, then KILL."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _start(cluster, name, command, env):
    log = open(cluster.work / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    log.close()
    cluster.processes[name] = process
    return process


def _wait_until_serving(cluster, name, base, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cluster.processes[name].poll() is not None:
            raise RuntimeError(f"gunicorn {name} stopped:\n{cluster.log(name)[-3000:]}")
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn {name} did not answer on {base} within {timeout} s")


@contextlib.contextmanager
def running_cluster(work: Path):
    """Yield a ``Cluster`` with both instances serving and the worker started; tear all down."""
    import redis

    name = f"multihost_{secrets.token_hex(4)}"
    prefix = f"multihost-{secrets.token_hex(4)}"
    database_url = f"{POSTGRES_SERVER.rstrip('/')}/{name}"
    ports = free_port(), free_port()
    env = _environment(work, database_url, prefix, f"http://127.0.0.1:{ports[0]}")
    cluster = Cluster(work=work, database_url=database_url, env=env)
    for folder in (cluster.web_mail, cluster.worker_mail, work / "media"):
        folder.mkdir(parents=True, exist_ok=True)
    _postgres(f'CREATE DATABASE "{name}"')
    try:
        # A release's steps, run once from one place; tasks at once (nothing is serving yet).
        setup_env = dict(env, TASKS_BACKEND="immediate")
        for command in (["migrate", "-v0"], ["load_demo_network"], ["collectstatic", "--noinput", "-v0"]):
            started = time.monotonic()
            with open(work / "setup.log", "ab") as log:
                done = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=setup_env,
                                      stdout=log, stderr=subprocess.STDOUT)
            if done.returncode:
                raise RuntimeError(f"manage.py {' '.join(command)} failed:\n"
                                   + (work / "setup.log").read_text(errors="replace")[-4000:])
            cluster.timings[command[0]] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        for label, port in zip(("a", "b"), ports, strict=True):
            _start(cluster, label, [gunicorn, "network.wsgi:application", "--bind", f"127.0.0.1:{port}",
                                    "--workers", str(WORKERS_PER_INSTANCE)], env)
            setattr(cluster, label, f"http://127.0.0.1:{port}")
        # The worker has its own mail folder: what it sends is told apart from what requests send.
        _start(cluster, "worker", [PYTHON, "manage.py", "db_worker"],
               dict(env, EMAIL_FILE_PATH=str(cluster.worker_mail)))
        _wait_until_serving(cluster, "a", cluster.a)
        _wait_until_serving(cluster, "b", cluster.b)
        cluster.timings["start servers"] = round(time.monotonic() - started, 1)
        print(f"\nmultihost set-up, seconds: {cluster.timings}")
        yield cluster
    finally:
        for process in cluster.processes.values():
            _stop(process)
        _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with contextlib.suppress(redis.RedisError):
            client = redis.Redis.from_url(REDIS_SERVER, socket_connect_timeout=2)
            keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
