"""Two application instances sharing PostgreSQL, Redis and the task worker (``cluster.py``).

They need a PostgreSQL server (``MULTIHOST_POSTGRES_URL``, default
``postgres://postgres@127.0.0.1:5432``, on which a scratch database is created and dropped) and
a Redis (``MULTIHOST_REDIS_URL``, default ``redis://127.0.0.1:6379/13``, keys under a prefix of
their own, deleted afterwards). Where either does not answer the tests are skipped with the
reason, unless ``MULTIHOST_TESTS=required`` (CI's multihost step), which turns the skip into a
failure; ``MULTIHOST_TESTS=off`` skips them whatever answers (CI's other steps, which run them
once in a step of their own).
"""
from __future__ import annotations

import os

import pytest

from .cluster import missing_services, running_cluster


@pytest.fixture(scope="session")
def multihost_requirements():
    setting = os.environ.get("MULTIHOST_TESTS", "")
    if setting == "off":
        pytest.skip("MULTIHOST_TESTS=off")
    missing = missing_services()
    if missing:
        message = "two instances need " + " and ".join(missing)
        if setting == "required":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def cluster(multihost_requirements, tmp_path_factory):
    """The demo network on a scratch PostgreSQL database, served by two gunicorn instances
    (2 workers each) with one ``manage.py db_worker``, all sharing Redis and the media folder."""
    with running_cluster(tmp_path_factory.mktemp("multihost")) as running:
        yield running
