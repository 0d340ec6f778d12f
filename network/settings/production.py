"""Production: DEBUG off, HTTPS behind a proxy, a SECRET_KEY is mandatory.

``LOCAL_HTTP=1`` runs these settings over plain HTTP on one's own machine (the README's serve
command): no redirect to HTTPS, cookies without the Secure flag, no HSTS. It is off by default
and refused unless every allowed host is a loopback name, so it cannot weaken a real deployment.
"""
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import ALLOWED_HOSTS, DEFAULT_FROM_EMAIL, SECRET_KEY, tasks_setting
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
# Rotating SECRET_KEY: set the new one and list the old one here (comma-separated) until the
# sessions and password-reset links signed with it have run out; then drop it (docs/security.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

LOCAL_HTTP = env_bool("LOCAL_HTTP", False)
_LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}
if LOCAL_HTTP and not set(ALLOWED_HOSTS) <= _LOOPBACK:
    raise ImproperlyConfigured(
        "LOCAL_HTTP=1 is for a local trial only: ALLOWED_HOSTS may then hold only "
        f"{', '.join(sorted(_LOOPBACK))}.")

# E-mails, search- and reference-index updates are queued in the database and run by
# `manage.py db_worker` (Procfile, README), so requests never wait for them. The local trial
# (LOCAL_HTTP=1, one process) runs them at once unless TASKS_BACKEND=database.
TASKS = tasks_setting("immediate" if LOCAL_HTTP else "database")

# Registration e-mails name this address as the ORGANIZER of their calendar invitations, and
# calendar apps send replies and updates to it: it must be a real mailbox of the network, not
# the base default network@localhost. The local demo (LOCAL_HTTP=1) prints its e-mails and
# sends nothing, so it may keep the default.
_FROM_DOMAIN = parseaddr(DEFAULT_FROM_EMAIL)[1].rpartition("@")[2].lower()
if not LOCAL_HTTP and (_FROM_DOMAIN == "localhost" or "." not in _FROM_DOMAIN):
    raise ImproperlyConfigured(
        f"DEFAULT_FROM_EMAIL ({DEFAULT_FROM_EMAIL!r}) must be a real address of the network, "
        "e.g. network@example.org: it is the sender of all e-mails and the organiser of "
        "the calendar invitations.")

# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_HTTP)
# The load balancer probes the health endpoint over plain HTTP on the instance (#14).
SECURE_REDIRECT_EXEMPT = [r"^-/health/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not LOCAL_HTTP)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not LOCAL_HTTP)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0" if LOCAL_HTTP else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Login throttling counts per client address (#14): behind the README's proxy, take the client
# from X-Forwarded-For (network.throttling.client_ip). Set 0 when nothing is in front.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0" if LOCAL_HTTP else "1"))
