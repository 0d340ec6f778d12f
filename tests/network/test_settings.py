"""Configuration comes from the environment, and production refuses unsafe defaults."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from network.settings.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]


def _check(settings_module, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module,
                        "DATABASE_URL": "sqlite:///:memory:", **env})
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _check("network.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = _check("network.settings.production", SECRET_KEY="x" * 50)
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
