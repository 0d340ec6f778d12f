"""How often sign-ups that need an e-mail confirmation may be made: per client address and per
e-mail address, counted in Django's cache (local memory or Redis, whichever is configured).

The windows are fixed (the count starts with the first sign-up and lapses after the window),
which is simple and cheap with any cache. The e-mail address is hashed in the key, so the cache
holds no addresses. A cache that fails does not stop sign-ups: the failure is logged and the
request is not counted (the confirmation by e-mail still protects the places).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from network.throttling import client_ip

logger = logging.getLogger(__name__)

DEFAULTS = {
    # At most 10 sign-ups from one client address in 10 minutes, 3 for one e-mail address an hour.
    "SIGNUP_RATE_CLIENT_LIMIT": 10,
    "SIGNUP_RATE_CLIENT_SECONDS": 10 * 60,
    "SIGNUP_RATE_EMAIL_LIMIT": 3,
    "SIGNUP_RATE_EMAIL_SECONDS": 60 * 60,
}


def _setting(name):
    return getattr(settings, name, DEFAULTS[name])


@dataclass(frozen=True)
class Refusal:
    """A sign-up over a limit: which one (``client`` or ``email``) and for how many minutes."""

    reason: str
    minutes: int


def _hit(key, seconds):
    """Count one sign-up in the window; the count so far (0 when the cache failed)."""
    try:
        cache.add(key, 0, timeout=seconds)
        return cache.incr(key)
    except ValueError:  # the key lapsed between add and incr: a new window
        cache.set(key, 1, timeout=seconds)
        return 1
    except Exception:  # noqa: BLE001 - a cache outage must not stop sign-ups
        logger.exception("Sign-up rate limit: the cache failed; sign-up not counted")
        return 0


def check_sign_up(request, email) -> Refusal | None:
    """Count a sign-up from this request for ``email``; a Refusal once a limit is passed.

    Every attempt counts, whether or not the address is already registered, so the limit
    says nothing about the address.
    """
    seconds = int(_setting("SIGNUP_RATE_CLIENT_SECONDS"))
    key = f"signup:client:{client_ip(request) or 'unknown'}"
    if _hit(key, seconds) > int(_setting("SIGNUP_RATE_CLIENT_LIMIT")):
        return Refusal("client", max(seconds // 60, 1))
    seconds = int(_setting("SIGNUP_RATE_EMAIL_SECONDS"))
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    if _hit(f"signup:email:{digest}", seconds) > int(_setting("SIGNUP_RATE_EMAIL_LIMIT")):
        return Refusal("email", max(seconds // 60, 1))
    return None
