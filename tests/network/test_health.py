"""The health endpoint a proxy or load balancer asks: database, cache and media storage."""
import json
import runpy
from unittest import mock

import pytest
from django.core.files.storage import storages
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings

pytestmark = pytest.mark.django_db

URL = "/-/health/"
CLOSED_REDIS = {"default": {"BACKEND": "network.cache.TolerantRedisCache",
                            "LOCATION": "redis://127.0.0.1:1/0"}}


def database_down():
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection",
                             side_effect=OperationalError("connection to db.internal:5432 refused"))


def test_healthy_site_answers_ok_in_plain_text_never_cached(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().splitlines() == [
        "status: ok", "database: ok", "cache: ok", "storage: ok"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")


def test_json_when_asked_for(client):
    response = client.get(URL, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}


def test_database_down_is_503_with_no_detail_in_public(client, caplog):
    with database_down():
        response = client.get(URL, headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable", "checks": {"database": "unavailable", "cache": "ok", "storage": "ok"}}
    assert b"db.internal" not in response.content and b"refused" not in response.content
    # The detail is for the operator, in the log.
    assert "db.internal" in caplog.text


def test_media_storage_not_writable_is_503(client, tmp_path):
    blocked = tmp_path / "media"
    blocked.write_text("a file where the media folder should be")
    storage = {"BACKEND": "django.core.files.storage.FileSystemStorage",
               "OPTIONS": {"location": str(blocked)}}
    with override_settings(STORAGES={**storages.backends, "default": storage}):
        response = client.get(URL)
    assert response.status_code == 503
    assert "storage: unavailable" in response.content.decode().splitlines()


def test_cache_down_is_reported_but_the_instance_stays_in_rotation(client):
    """The site serves without Redis (network/cache.py): pulling every instance out of the
    load balancer over a cache outage would turn a slower site into no site."""
    with override_settings(CACHES=CLOSED_REDIS):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().splitlines()[:3] == [
        "status: degraded", "database: ok", "cache: unavailable"]


def test_kept_out_of_robots_and_the_sitemap(client, site):
    assert "Disallow: /-/" in client.get("/robots.txt").content.decode().splitlines()
    assert b"health" not in client.get("/sitemap.xml").content


def test_only_get_is_answered(client):
    assert client.post(URL).status_code == 405


def test_load_balancer_may_probe_over_plain_http_in_production(client, monkeypatch):
    from network.settings import base

    monkeypatch.setattr(base, "SECRET_KEY", "x" * 50)
    monkeypatch.setattr(base, "DEFAULT_FROM_EMAIL", "network@centre-network.example")
    for name in ("LOCAL_HTTP", "SECURE_SSL_REDIRECT"):
        monkeypatch.delenv(name, raising=False)
    production = runpy.run_module("network.settings.production")
    assert production["SECURE_SSL_REDIRECT"] is True
    with override_settings(SECURE_SSL_REDIRECT=True,
                           SECURE_REDIRECT_EXEMPT=production["SECURE_REDIRECT_EXEMPT"]):
        assert client.get(URL).status_code == 200
        assert client.get("/robots.txt").status_code == 301
