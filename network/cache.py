"""A Redis cache the site survives losing.

Django's RedisCache raises ``ConnectionError`` from every call while Redis is down, and Wagtail
reads the cache on every page (the sites' root paths), so a Redis outage would be a site
outage. ``TolerantRedisCache`` instead logs the failure and answers as an empty cache would:
a read is a miss, a write is skipped, ``incr`` counts from zero (a counter kept in the cache,
such as a rate limit, starts afresh rather than refusing everybody). The site is slower without
its cache, never down.

A dead Redis must not add seconds to every call either: connections give up after half a
second, and after a failure the cache is left alone for ``RETRY_SECONDS`` (one log line per
outage and interval, not one per call). Sessions are stored in the database, not here.
"""
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
# Defaults for OPTIONS (passed to redis-py's connection pool); the settings may override them.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class TolerantRedisCache(RedisCache):
    """RedisCache that degrades to "no cache" while Redis cannot be reached."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._down_until = 0.0

    def _try(self, operation, fallback, *args, **kwargs):
        """Run RedisCache's ``operation``; on a Redis failure log it and return ``fallback``."""
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (RedisError, OSError) as exc:
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.error("Cache unavailable (%s failed: %s); serving without it for %d s.",
                         operation, exc, RETRY_SECONDS)
            return fallback

    def get(self, key, default=None, version=None):
        return self._try("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._try("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._try("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # RedisCache's contract: the keys that could not be stored.
        return self._try("set_many", list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try("touch", False, key, timeout, version=version)

    def incr(self, key, delta=1, version=None):
        return self._try("incr", delta, key, delta, version=version)

    def delete(self, key, version=None):
        return self._try("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._try("delete_many", None, keys, version=version)

    def clear(self):
        return self._try("clear", False)
