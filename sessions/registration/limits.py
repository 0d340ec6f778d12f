"""How often sign-ups that need an e-mail confirmation may be made: per client address and per
e-mail address, counted in Django's cache (local memory or Redis, whichever is configured).

The windows are fixed (the count starts with the first sign-up and lapses after the window),
which is simple and cheap with any cache. The e-mail address is hashed in the key, so the cache
holds no addresses. A cache that fails does not stop sign-ups: the failure is logged and the
request is not counted (the confirmation by e-mail still protects the places).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from network.throttling import client_ip, count_request, email_key


@dataclass(frozen=True)
class Refusal:
    """A sign-up over a limit: which one (``client`` or ``email``) and for how many minutes."""

    reason: str
    minutes: int


def check_sign_up(request, email) -> Refusal | None:
    """Count a sign-up from this request for ``email``; a Refusal once a limit is passed.

    Every attempt counts, whether or not the address is already registered, so the limit
    says nothing about the address.
    """
    purpose = "Sign-up rate limit"
    seconds = settings.SIGNUP_RATE_CLIENT_SECONDS
    client = f"signup:client:{client_ip(request) or 'unknown'}"
    if count_request(client, seconds, purpose) > settings.SIGNUP_RATE_CLIENT_LIMIT:
        return Refusal("client", max(seconds // 60, 1))
    seconds = settings.SIGNUP_RATE_EMAIL_SECONDS
    if count_request(email_key("signup", email), seconds, purpose) > settings.SIGNUP_RATE_EMAIL_LIMIT:
        return Refusal("email", max(seconds // 60, 1))
    return None
