"""Browser journeys: headless Chromium, driven by Playwright, against the demo network served
by gunicorn the way the README serves it.

The server runs in its own process on its own scratch SQLite database (migrated, demo network
loaded, static files collected), so these tests never touch pytest-django's test database; they
read the server's state through ``LiveSite.sql`` and its e-mails through ``LiveSite.mails``.

Every page a journey opens is watched: a console error, a page error, a 4xx/5xx response or a
request to another host fails the test, and axe-core checks each loaded document for serious
and critical WCAG 2.1 A/AA violations (a module may set ``AXE_IMPACTS = ALL_IMPACTS`` to fail on
minor and moderate ones too). A failing test leaves a full-page screenshot in
``BROWSER_ARTIFACTS`` (default ``tests/browser/artifacts/``).

Where Chromium, Playwright or axe-core are missing the journeys are skipped with the reason,
unless ``BROWSER_TESTS=required`` (CI sets it), which turns the skip into a failure.
"""
from __future__ import annotations

import email
import email.policy
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", HERE / "artifacts"))
# Flags the closed network needs: Chromium's own background connections would be refused.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
# The axe impacts that fail a journey: by default the serious ones; a module may set
# ``AXE_IMPACTS = ALL_IMPACTS`` (the page-type checks of #16 allow no violation at all), and
# ``AXE_EXTRA_TAGS = ("best-practice",)`` to run axe's rules beyond WCAG 2.1 A/AA as well.
SERIOUS_IMPACTS = ("serious", "critical")
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
PASSWORD = "network-demo"
# How long a navigation is held for axe to finish on the page before it, and how long an
# expectation or action waits: longer than the hold, so a slow check is never a failed step.
# On CI's two cores, with the other half of the suite beside it, axe on a Wagtail admin page at
# phone width (after waiting for Wagtail's own check to end) once took more than 15 s.
HOLD_SECONDS = 30
# How long a held navigation waits for the document on screen to fire its load event.
LOAD_GRACE_SECONDS = 5
EXPECT_MS = 50_000


def _missing():
    """What the journeys need and this machine lacks, in words."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append('Playwright for Python (pip install -e ".[test]")')
    if not AXE_JS.exists():
        missing.append("axe-core (npm ci --prefix tests/browser)")
    return missing


@pytest.fixture(scope="session")
def browser_requirements():
    missing = _missing()
    if missing:
        message = "browser journeys need " + ", ".join(missing)
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveSite:
    """The demo network served by gunicorn, and ways to look behind it."""

    url: str
    workdir: Path
    log: Path
    mail_dir: Path
    env: dict = field(repr=False)

    @property
    def host(self):
        return urlsplit(self.url).netloc

    def sql(self, query, *params):
        """Rows of a read-only query on the server's database."""
        connection = sqlite3.connect(f"file:{self.workdir / 'site.sqlite3'}?mode=ro", uri=True, timeout=20)
        try:
            return connection.execute(query, params).fetchall()
        finally:
            connection.close()

    def mails(self, to=None):
        """E-mails the site has sent (oldest first), as ``email.message.Message`` objects."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            # The file backend writes several messages to one file, separated by a line of dashes.
            for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
                if chunk.strip():
                    message = email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default)
                    if to is None or to.lower() in (message["To"] or "").lower():
                        messages.append(message)
        return messages

    def mail_text(self, message):
        """The plain-text body of a message."""
        body = message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""

    def fetch(self, path, method="GET"):
        """A plain HTTP request (no browser): status, headers, body."""
        request = urllib.request.Request(self.url + path, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def manage(self, *args):
        """Run a management command against the served database."""
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                              check=True, capture_output=True, text=True).stdout


def server_environment(workdir, port):
    """The README's serve environment (production settings, plain HTTP on this machine)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "SECRET_KEY": "browser-journeys-only",
        "LOCAL_HTTP": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SERVE_MEDIA": "1",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "DEFAULT_FROM_EMAIL": "network@centre-network.example",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    })
    return env


@pytest.fixture(scope="session")
def live_site(browser_requirements, tmp_path_factory):
    """Migrate, load the demo network, collect static files and start gunicorn (3 workers)."""
    workdir = tmp_path_factory.mktemp("live-site")
    port = _free_port()
    env = server_environment(workdir, port)
    (workdir / "mail").mkdir()
    python = sys.executable
    for command in (["migrate", "-v0"], ["load_demo_network"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    log = workdir / "gunicorn.log"
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    with open(log, "wb") as log_file:
        server = subprocess.Popen(
            [gunicorn, "network.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    site = LiveSite(url=f"http://127.0.0.1:{port}", workdir=workdir, log=log,
                    mail_dir=workdir / "mail", env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            site.fetch("/robots.txt")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + log.read_text()) from None
            time.sleep(0.2)
    yield site
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import expect, sync_playwright

    # A page held for its accessibility check, on a busy 2-core machine, may take a while: the
    # next navigation waits up to HOLD_SECONDS for axe on the page before it, so an expectation
    # about that navigation must allow for the hold and the page's own load after it.
    expect.set_options(timeout=EXPECT_MS)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Runs axe in every document once it has loaded and hands the result to Python. Injected as
# an init script, so no page of the site needs to carry it (and no CSP has to allow it).
AXE_RUNNER = """
window.addEventListener('load', () => {
  // Top-level documents of the site only; frames are checked as part of their page.
  if (window.top !== window || !location.protocol.startsWith('http')) return;
  window.__axeLoaded(location.href);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...(window.__axeExtraTags || [])];
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const report = violations => window.__reportAxe(location.href, violations);
  const run = attempt => axe.run(document, options)
    .then(result => report(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
    .catch(error => {
      // Wagtail's userbar runs its own axe check on load; wait for it to finish.
      if (String(error).includes('already running') && attempt < 50) {
        setTimeout(() => run(attempt + 1), 200);
      } else {
        report([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]);
      }
    });
  // Once entrance transitions (the admin's messages fade in) are over: mid-fade colours are not
  // the ones people read.
  const settled = () => Promise.race([
    Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 3000))]);
  setTimeout(() => settled().then(() => run(0)), 300);
});
"""


class Watch:
    """What went wrong while a journey ran, and which documents axe has checked."""

    def __init__(self, site, impacts=SERIOUS_IMPACTS):
        self.site = site
        self.impacts = impacts
        self.problems = []
        self.loaded = []
        self.checked = {}
        # True from a document's arrival until axe has reported on it.
        self.pending = False
        # Whether the document on screen has fired its load event (axe starts after it).
        self.document_loaded = False
        # (status, method, path) a journey means to get, e.g. the 429 of a locked login.
        self.expected = set()

    def expect_status(self, status, method, path):
        """Say that the journey means to get ``status`` for ``method`` ``path`` (a lockout page):
        that answer, and the browser's console note about it, are then not problems."""
        self.expected.add((status, method, path))

    def on_console(self, message):
        if message.type == "error":
            where = message.page.url if message.page else "?"
            status = re.search(r"responded with a status of (\d+)", message.text)
            location = urlsplit(message.location.get("url", "")).path
            if status and any(int(status.group(1)) == code and location == path
                              for code, _method, path in self.expected):
                return
            self.problems.append(f"console error on {where}: {message.text}")

    def on_response(self, response):
        request = response.request
        if (response.status, request.method, urlsplit(response.url).path) in self.expected:
            return
        if response.status >= 400:
            self.problems.append(f"{response.status} for {request.method} {response.url}")

    def on_navigated(self, frame):
        if frame.parent_frame is None and frame.url.startswith(self.site.url):
            self.loaded.append(frame.url)
            self.pending = True
            self.document_loaded = False

    def on_load(self, source, url):
        self.document_loaded = True

    def hold(self, page):
        """Wait until axe has reported on the document on screen; a problem if it does not
        within HOLD_SECONDS of the document's load event.

        A document that has not fired its load event within LOAD_GRACE_SECONDS is let go
        unchecked instead: while the next navigation is held here, its last images and scripts
        may wait behind the same route handler, so it would never load (seen on CI's busy
        machine as "axe did not finish" after a journey moved on from a page still loading).
        """
        start = time.monotonic()
        while self.pending and not self.document_loaded \
                and time.monotonic() - start < LOAD_GRACE_SECONDS:
            page.wait_for_timeout(50)
        if not self.document_loaded:
            self.pending = False
            return
        deadline = time.monotonic() + HOLD_SECONDS
        while self.pending and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        if self.pending:
            self.problems.append(f"axe did not finish on {self.loaded[-1]}")
            self.pending = False

    def on_axe(self, source, url, violations):
        failing = [v for v in violations if v["impact"] in self.impacts]
        self.checked[url] = failing
        self.pending = False
        for violation in failing:
            self.problems.append(f"axe {violation['impact']} {violation['id']} on {url}: "
                                 f"{violation['help']} at {violation['nodes']}")


@pytest.fixture(params=sorted(WIDTHS, reverse=True), ids=lambda width: f"{width}px")
def width(request):
    return request.param


@pytest.fixture
def page(browser, live_site, width, request):
    """A fresh browser tab (own cookies) at the given width, watched from first to last request."""
    context = browser.new_context(viewport=WIDTHS[width], locale="en-GB", base_url=live_site.url,
                                  is_mobile=width < 600, has_touch=width < 600)
    context.set_default_timeout(EXPECT_MS)
    watch = Watch(live_site, impacts=getattr(request.module, "AXE_IMPACTS", SERIOUS_IMPACTS))

    def guard(route):
        request = route.request
        # The site must never make the browser contact another host (privacy; no CDN).
        if urlsplit(request.url).netloc != live_site.host and not request.url.startswith(
                ("data:", "blob:", "about:")):
            watch.problems.append(f"request to another host: {request.url}")
            route.abort()
            return
        if request.is_navigation_request() and request.frame.parent_frame is None:
            # A journey moves on faster than a person reads: hold the next page until axe has
            # checked the one on screen, so every document a journey passes through is checked.
            watch.hold(request.frame.page)
        route.continue_()

    context.route("**/*", guard)
    context.expose_binding("__reportAxe", watch.on_axe)
    context.expose_binding("__axeLoaded", watch.on_load)
    context.add_init_script(path=str(AXE_JS))
    extra_tags = list(getattr(request.module, "AXE_EXTRA_TAGS", ()))
    if extra_tags:
        context.add_init_script(script=f"window.__axeExtraTags = {json.dumps(extra_tags)};")
    context.add_init_script(script=AXE_RUNNER)
    tab = context.new_page()
    tab.on("console", watch.on_console)
    tab.on("pageerror", lambda error: watch.problems.append(f"page error on {tab.url}: {error}"))
    tab.on("response", watch.on_response)
    tab.on("framenavigated", watch.on_navigated)
    tab.watch = watch
    tab.site = live_site
    log_start = live_site.log.stat().st_size
    yield tab
    server_log = _read_from(live_site.log, log_start)
    for line in server_log.splitlines():
        # Errors the browser cannot see: tracebacks, and bodies sent on HEAD responses.
        if re.search(r"Traceback|\[ERROR\]|no-body response", line):
            watch.problems.append("server log: " + line.strip())
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    try:
        if not failed:
            # The last document too (nothing is held now: it loads unless it is broken).
            deadline = time.monotonic() + HOLD_SECONDS
            while watch.pending and time.monotonic() < deadline:
                tab.wait_for_timeout(50)
            if watch.pending:
                watch.problems.append(f"axe did not finish on {watch.loaded[-1]}")
    finally:
        if failed or watch.problems:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
            try:
                tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception:  # noqa: BLE001 - a screenshot must not hide the real failure
                pass
        context.close()
    if failed and server_log.strip():
        print("gunicorn log while the journey ran:\n" + server_log[-6000:])
    if watch.problems and not failed:
        pytest.fail("while the journey ran:\n  " + "\n  ".join(dict.fromkeys(watch.problems)), pytrace=False)


def _read_from(path, offset):
    with open(path, "rb") as log:
        log.seek(offset)
        return log.read().decode("utf-8", "replace")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def check_accessibility(page):
    """Run axe on the page as it is now (e.g. with a pop-up open), not only after loading."""
    # Wait for the check after loading (and Wagtail's own) to finish: axe runs one at a time.
    deadline = time.monotonic() + HOLD_SECONDS
    while page.watch.pending and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    violations = page.evaluate("""() => new Promise((resolve, reject) => {
      const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...(window.__axeExtraTags || [])];
      const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
      const run = attempt => axe.run(document, options)
        .then(result => resolve(result.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
        .catch(error => String(error).includes('already running') && attempt < 50
          ? setTimeout(() => run(attempt + 1), 200) : reject(error));
      run(0);
    })""")
    pending = page.watch.pending  # this check does not stand in for the one after loading
    page.watch.on_axe(None, page.url + " (as it was then)", violations)
    page.watch.pending = pending


def log_in(page, username, password=PASSWORD):
    """Log in through the site's own login form."""
    page.goto("/en/account/login/")
    page.get_by_label(re.compile("e-mail|email|username", re.I)).first.fill(username)
    page.get_by_label(re.compile("password", re.I)).first.fill(password)
    page.locator("main form").get_by_role("button", name=re.compile("log in", re.I)).click()
    page.wait_for_load_state()


@pytest.fixture(scope="session")
def member_cookies(browser, live_site):
    """The login cookies of the demo's ``member``, made once: a journey that only reads pages
    as a member adds them to its tab (``page.context.add_cookies``) instead of logging in."""
    context = browser.new_context(base_url=live_site.url)
    try:
        log_in(context.new_page(), "member")
        cookies = context.cookies()
        assert any(cookie["name"] == "sessionid" for cookie in cookies), "the member could not log in"
        return cookies
    finally:
        context.close()


def open_admin_menu_item(page, name, submenu=None):
    """Click an item of the admin's sidebar (in ``submenu``, e.g. "Settings", if given),
    opening the sidebar first on a narrow screen."""
    sidebar = page.locator("#wagtail-sidebar")
    first = sidebar.get_by_role("button", name=submenu) if submenu else sidebar.get_by_role("link", name=name)
    if not first.is_visible():
        page.get_by_role("button", name=re.compile("toggle sidebar", re.I)).click()
    if submenu:
        first.click()
    sidebar.get_by_role("link", name=name).click()


def admin_log_in(page, username, password=PASSWORD):
    """Log in through the Wagtail admin's login form."""
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
