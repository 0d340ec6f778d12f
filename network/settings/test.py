"""Tests: the base settings with fast hashing, in-memory email and a local-memory cache.

DATABASE_URL still applies, so the same suite runs on SQLite (default) and PostgreSQL.
"""
from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}
# Most tests change the clock, hooks or settings between two requests for the same page; the
# page cache's own tests (tests/network/test_page_cache.py) turn it on, and the browser journeys
# run with it as the site is served (production settings).
PAGE_CACHE_ENABLED = False
# Tests need no collectstatic run: fall back to plain storage.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"
CALENDAR_UID_DOMAIN = "test.centre-network.example"
# Serve static files straight from the finders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The cache outlives each test: sign-up rate limits so high that only the tests about them,
# which set their own and clear the cache, ever reach one (#14).
SIGNUP_RATE_CLIENT_LIMIT = SIGNUP_RATE_EMAIL_LIMIT = 10_000
