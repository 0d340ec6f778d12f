"""Configuration comes from the environment, and production refuses unsafe defaults."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from network.settings.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
# Production refuses the base default network@localhost (see test_production_refuses_...).
FROM = "network@centre-network.example"


def _check(settings_module, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module,
                        "DATABASE_URL": "sqlite:///:memory:", "DEFAULT_FROM_EMAIL": FROM, **env})
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _check("network.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = _check("network.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def _settings(settings_module, *names, **env):
    """Some settings' values as the module computes them from this environment (a subprocess)."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("SECURE_", "EMAIL_", "LOCAL_", "ALLOWED_", "DJANGO_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module, "DEFAULT_FROM_EMAIL": FROM,
                        **env})
    code = ("import json; from django.conf import settings; "
            f"print(json.dumps({{n: str(getattr(settings, n, None)) for n in {list(names)!r}}}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, json.loads(result.stdout) if result.returncode == 0 else result.stderr


_SECURITY = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
             "SECURE_HSTS_SECONDS")


def test_production_is_https_only_unless_local_http_is_switched_on():
    code, values = _settings("network.settings.production", *_SECURITY, SECRET_KEY="x" * 50)
    assert code == 0, values
    assert values == {"SECURE_SSL_REDIRECT": "True", "SESSION_COOKIE_SECURE": "True",
                      "CSRF_COOKIE_SECURE": "True", "SECURE_HSTS_SECONDS": "31536000"}
    code, values = _settings("network.settings.production", *_SECURITY, SECRET_KEY="x" * 50,
                             LOCAL_HTTP="1")
    assert code == 0, values
    assert values == {"SECURE_SSL_REDIRECT": "False", "SESSION_COOKIE_SECURE": "False",
                      "CSRF_COOKIE_SECURE": "False", "SECURE_HSTS_SECONDS": "0"}


def test_local_http_is_refused_for_a_public_host():
    code, error = _settings("network.settings.production", "DEBUG", SECRET_KEY="x" * 50,
                            LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1,network.example")
    assert code != 0
    assert "LOCAL_HTTP=1 is for a local trial only" in error


def test_production_without_a_secret_key_refuses_even_with_local_http():
    code, error = _settings("network.settings.production", "DEBUG", LOCAL_HTTP="1")
    assert code != 0 and "SECRET_KEY must be set" in error


def test_check_deploy_reports_only_the_documented_hsts_warnings():
    """``check --deploy`` as a real deployment runs it (a public host, a long random key, every
    app's checks, django-axes and django-csp among them): nothing but the two HSTS opt-ins
    that the README documents (include subdomains, preload), and nothing silenced."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("SECURE_", "LOCAL_", "DJANGO_", "DEBUG", "DATABASE_",
                                        "ALLOWED_", "CSRF_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "network.settings.production",
                        "SECRET_KEY": "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
                        "ALLOWED_HOSTS": "network.example",
                        "CSRF_TRUSTED_ORIGINS": "https://network.example",
                        "DATABASE_URL": "sqlite:///:memory:", "DEFAULT_FROM_EMAIL": FROM})
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(set(re.findall(r"\(([\w.]+\.[EWCI]\d+)\)", result.stderr))) == [
        "security.W005", "security.W021"], result.stderr
    # Every reported issue has one of those ids, and no check is silenced in the settings.
    assert "System check identified 2 issues (0 silenced)." in result.stderr, result.stderr


def test_the_old_secret_key_keeps_working_while_it_is_rotated():
    """SECRET_KEY_FALLBACKS: sessions and password-reset links signed with the old key stay
    valid until the operator drops it (docs/security.md)."""
    code, values = _settings("network.settings.production", "SECRET_KEY_FALLBACKS",
                             SECRET_KEY="n" * 50, SECRET_KEY_FALLBACKS="o" * 50 + ",p" + "q" * 49)
    assert code == 0, values
    assert values == {"SECRET_KEY_FALLBACKS": str(["o" * 50, "p" + "q" * 49])}


def test_email_file_path_comes_from_the_environment(tmp_path):
    backend = "django.core.mail.backends.filebased.EmailBackend"
    code, values = _settings("network.settings.production", "EMAIL_BACKEND", "EMAIL_FILE_PATH",
                             SECRET_KEY="x" * 50, EMAIL_BACKEND=backend,
                             EMAIL_FILE_PATH=str(tmp_path))
    assert code == 0, values
    assert values == {"EMAIL_BACKEND": backend, "EMAIL_FILE_PATH": str(tmp_path)}
    code, error = _settings("network.settings.production", "EMAIL_BACKEND",
                            SECRET_KEY="x" * 50, EMAIL_BACKEND=backend)
    assert code != 0 and "EMAIL_FILE_PATH must be set" in error


@pytest.mark.parametrize("sender", ["network@localhost", "Centre Network <network@LOCALHOST>",
                                    "network@intranet", "network", ""])
def test_production_refuses_a_sender_address_that_is_not_real(sender):
    # It is the ORGANIZER of every calendar invitation: replies must reach the network.
    code, error = _settings("network.settings.production", "DEFAULT_FROM_EMAIL",
                            SECRET_KEY="x" * 50, DEFAULT_FROM_EMAIL=sender)
    assert code != 0 and "DEFAULT_FROM_EMAIL" in error and "real address" in error


def test_production_accepts_a_real_sender_and_the_local_demo_keeps_the_default():
    sender = "Centre Network <network@centre-network.example>"
    code, values = _settings("network.settings.production", "DEFAULT_FROM_EMAIL",
                             SECRET_KEY="x" * 50, DEFAULT_FROM_EMAIL=sender)
    assert code == 0, values
    assert values == {"DEFAULT_FROM_EMAIL": sender}
    # The README's serve command: LOCAL_HTTP=1 and no DEFAULT_FROM_EMAIL at all.
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("SECURE_", "LOCAL_", "DJANGO_", "DEBUG", "DATABASE_",
                                        "DEFAULT_FROM_EMAIL", "ALLOWED_"))}
    environment.update({"LOCAL_HTTP": "1", "SECRET_KEY": "local-demo-only",
                        "DJANGO_SETTINGS_MODULE": "network.settings.production",
                        "DATABASE_URL": "sqlite:///:memory:"})
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_dev_without_debug_needs_a_secret_key():
    assert _check("network.settings.dev", DEBUG="0").returncode != 0
    assert _check("network.settings.dev", DEBUG="1").returncode == 0


def test_env_readers(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")
    monkeypatch.setenv("HOSTS", " a.example, ,b.example ")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_our_sessions_app_coexists_with_django_sessions():
    assert apps.get_app_config("sessions").name == "django.contrib.sessions"
    assert apps.get_app_config("network_sessions").name == "sessions"
