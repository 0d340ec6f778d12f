"""Faults the site survives: the database unreachable (a fast 503 page), Redis unreachable (the
site keeps serving, the error is logged), and a request that fails half-way (nothing
half-written)."""
import io
import logging
import os
import runpy
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.urls import reverse
from wagtail.images import get_image_model

from network import csv_io
from network.cache import TolerantRedisCache
from network.faults import is_database_unavailable
from network.models import Person
from sessions.models import Registration
from tests.factories import MemberAreaFactory, PersonFactory
from tests.sessions.conftest import delft, future_date, index, make_session  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def closed_port():
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database unreachable ---------------------------------------------------------------


def database_fails(message):
    """Every query fails as it does when the database cannot be reached (PostgreSQL and SQLite)."""
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection",
                             side_effect=OperationalError(message))


@pytest.mark.django_db
@pytest.mark.parametrize("message", [
    'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused',
    "database is locked",  # SQLite, after its timeout
])
@pytest.mark.parametrize("path", ["/en/", "/en/members/", "/en/no-such-page/"])
def test_database_unreachable_gives_a_fast_503_page(client, site, caplog, message, path):
    client.raise_request_exception = False
    start = time.monotonic()
    with database_fails(message):
        response = client.get(path)
    elapsed = time.monotonic() - start
    assert response.status_code == 503
    assert elapsed < 5
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Temporarily unavailable" in html and "try again in a minute" in html
    for leak in ("Traceback", "OperationalError", "10.0.0.5", "locked"):
        assert leak not in html
    # Logged once, with the cause, for the operator.
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info[0] is OperationalError


@pytest.mark.parametrize("exc, outage", [
    (OperationalError("server closed the connection unexpectedly"), True),
    (InterfaceError("connection already closed"), True),
    (OperationalError("no such table: network_person"), False),  # SQLite: a bug, not an outage
    (ProgrammingError("relation does not exist"), False),
    (ValueError("bad"), False),
])
def test_which_errors_count_as_the_database_being_unreachable(exc, outage):
    assert is_database_unavailable(exc) is outage


def test_a_database_failure_wrapped_in_another_error_still_counts():
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as cause:
            raise RuntimeError("could not render") from cause
    except RuntimeError as exc:
        assert is_database_unavailable(exc)


@pytest.mark.django_db
def test_other_errors_keep_the_500_page(client, site):
    client.raise_request_exception = False
    with mock.patch("network.views.SearchForm", side_effect=ValueError("a bug")):
        response = client.get("/en/search/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def base_settings():
    """network/settings/base.py run afresh, with the environment as it is now."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "found in sys.modules": on purpose
        return runpy.run_module("network.settings.base")


def test_postgresql_connections_give_up_after_the_connect_timeout(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://network@db.example:5432/network")
    assert base_settings()["DATABASES"]["default"]["OPTIONS"] == {"connect_timeout": 3}
    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "2")
    assert base_settings()["DATABASES"]["default"]["OPTIONS"] == {"connect_timeout": 2}


def test_served_site_answers_503_within_5_seconds_when_postgresql_is_down(tmp_path):
    """gunicorn with the production settings, as the README serves it, and no database."""
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.skip("gunicorn is not installed")
    port = closed_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "DATABASE_URL": f"postgres://network@127.0.0.1:{closed_port()}/network",
        "SECRET_KEY": "faults-test-only", "LOCAL_HTTP": "1", "ALLOWED_HOSTS": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "network@centre-network.example", "REDIS_URL": "",
        "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media"),
    })
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen([gunicorn, "network.wsgi:application", "--bind", f"127.0.0.1:{port}",
                                   "--workers", "1", "--preload"],
                                  cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for gunicorn to listen (it imports Django first)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start:\n" + log.read_text())
                time.sleep(0.1)
        start = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert time.monotonic() - start < 5
        assert answer.value.code == 503
        assert answer.value.headers["Retry-After"] == "30"
        body = answer.value.read().decode()
        assert "Temporarily unavailable" in body and "Traceback" not in body
        # The load balancer's probe says so too, without the database's address.
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/health/", timeout=10)
        assert answer.value.code == 503
        probe = answer.value.read().decode()
        assert "database: unavailable" in probe.splitlines() and "127.0.0.1" not in probe
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the cache unreachable ------------------------------------------------------------------


def test_unreachable_redis_is_an_empty_cache_and_logged_once(caplog):
    cache = TolerantRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    start = time.monotonic()
    assert cache.get("menu", "fallback") == "fallback"
    assert cache.set("menu", "value") is None
    assert cache.get_or_set("menu", "computed") == "computed"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    assert cache.incr("hits") == 1  # a counter starts afresh
    cache.delete("menu")
    assert time.monotonic() - start < 2
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    # One line per outage interval, not one per call.
    assert len(errors) == 1 and "Cache unavailable" in errors[0].getMessage()


def test_a_dead_redis_is_tried_again_after_a_few_seconds(caplog):
    cache = TolerantRedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    cache.get("a")
    with mock.patch("network.cache.time.monotonic", return_value=time.monotonic() + 60):
        cache.get("a")
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 2


@pytest.mark.django_db
def test_pages_still_serve_when_redis_is_down(client, index, caplog):  # noqa: F811
    """Wagtail reads the cache for every page link (its sites' root paths)."""
    down = {"default": {"BACKEND": "network.cache.TolerantRedisCache",
                        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}
    with override_settings(CACHES=down):
        for path in ("/en/", "/en/members/", index.url):
            assert client.get(path).status_code == 200
    assert "Cache unavailable" in caplog.text


def test_production_uses_the_tolerant_cache_with_short_timeouts(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    caches = base_settings()["CACHES"]
    assert caches["default"]["BACKEND"] == "network.cache.TolerantRedisCache"
    cache = TolerantRedisCache("redis://127.0.0.1:6379/0", {})
    assert cache._options["socket_connect_timeout"] <= 0.5
    assert isinstance(cache, RedisCache)


def test_sessions_do_not_depend_on_the_cache(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_live_redis_is_used(caplog):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    cache = TolerantRedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": "faults-test"})
    try:
        cache.set("answer", {"value": 42}, 30)
        assert cache.get("answer") == {"value": 42}
        assert cache.add("answer-count", 0, 30) is True
        assert cache.incr("answer-count") == 1
    finally:
        cache.delete_many(["answer", "answer-count"])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# --- a request that fails half-way ----------------------------------------------------------


def failing_on_call(number, original):
    """A replacement for a model's save() that raises on its ``number``-th call."""
    calls = []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == number:
            raise OperationalError("disk I/O error")
        return original(self, *args, **kwargs)
    return save


@pytest.mark.django_db
def test_csv_import_failing_on_a_later_row_writes_no_row():
    MemberAreaFactory(slug="koge", name="Køge bymidte", country="DK")
    data = ("name,email,role,areas\n"
            "Louise Kjær,louise@koge.example,centre_manager,koge\n"
            "Mads Holm,mads@koge.example,chair,koge\n"
            "Ida Lund,ida@koge.example,chair,koge\n").encode()
    with mock.patch.object(Person, "save", failing_on_call(3, Person.save)), \
            pytest.raises(OperationalError):
        csv_io.import_csv("people", data)
    assert not Person.objects.exists()


@pytest.fixture
def member(client, site, django_user_model):
    user = django_user_model.objects.create_user("anna", "anna@example.org", "a-long-passphrase-1")
    person = PersonFactory(name="Anna Berg", user=user, areas=[MemberAreaFactory()])
    client.force_login(user)
    return person


def test_profile_save_failing_after_the_photo_leaves_no_photo_and_no_change(client, member):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "me.png"
    images_before = get_image_model().objects.count()
    data = {"name": "Anna Berg-Holm", "email": "anna@example.org", "listed_in_directory": "on",
            "new_photo": buffer}
    with mock.patch.object(Person, "save", failing_on_call(1, Person.save)), \
            pytest.raises(OperationalError):
        client.post("/en/account/profile/", data)
    assert get_image_model().objects.count() == images_before
    assert Person.objects.get(pk=member.pk).name == "Anna Berg"


@pytest.mark.django_db
def test_follow_up_failing_on_an_action_saves_no_part_of_the_report():
    import datetime

    from intervisions.forms import FollowUpForm
    from intervisions.models import FollowUpAction, IntervisionMethod, IntervisionRecord

    area = MemberAreaFactory()
    owner = PersonFactory(areas=[area])
    record = IntervisionRecord.objects.create(
        date=datetime.date(2026, 3, 12), area=area, case_owner=owner,
        method=IntervisionMethod.objects.first(), case_question="Q?", public_summary="A lesson.")
    action = FollowUpAction.objects.create(record=record, description="Call the owners", owner=owner)
    form = FollowUpForm({"follow_up_report": "We called them all.", f"action_{action.pk}": "done"},
                        record=record)
    assert form.is_valid(), form.errors
    with mock.patch.object(FollowUpAction, "save", failing_on_call(1, FollowUpAction.save)), \
            pytest.raises(OperationalError):
        form.save()
    assert IntervisionRecord.objects.get(pk=record.pk).follow_up_report == ""


def test_registration_is_kept_when_the_confirmation_mail_fails(client, make_session, delft, caplog):  # noqa: F811
    """The place is taken and committed before the e-mail goes; a mail server that refuses
    is logged for the organisers, and the person still sees their registration."""
    session = make_session(capacity=10)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("relay refused")):
        response = client.post(reverse("sessions:register", kwargs={"pk": session.pk}),
                               {"name": "Sanne de Vries", "email": "sanne@example.nl",
                                "area": str(delft.pk)})
    assert response.status_code == 303
    assert Registration.objects.filter(participant__email="sanne@example.nl").exists()
    assert any(r.exc_info and isinstance(r.exc_info[1], SMTPException) for r in caplog.records)
