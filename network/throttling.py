"""Login and password-reset throttling: who is the client, which account is meant, how often.

Logins are throttled by django-axes (settings under ``# --- Login throttling (#14) ---``): one
account is locked after ``AXES_FAILURE_LIMIT`` failures in ``AXES_COOLOFF_TIME``, and one client
address after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures, a much looser limit, so that an office
behind one address is not locked out by a colleague's typos. Axes compares every lockout
parameter's count with the one limit; :class:`AccountAndAddressHandler` gives the address its
own limit, on axes' own records, so both locks expire, are listed and are lifted the same way
(``axes.utils.reset``).

Password-reset requests are counted in the cache, per e-mail address and per client address
(:func:`password_reset_verdict`), by :class:`ThrottledPasswordResetMixin` on the site's and
the Wagtail admin's reset views.
"""
import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Max, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone

from .identity import user_for_login_email

logger = logging.getLogger(__name__)

LOCKED_OUT_TEMPLATE = "network/account/locked_out.html"


# --- who is the client, which account is meant ------------------------------------------------

def client_ip(request):
    """The client's address: ``REMOTE_ADDR``, or the one the outermost trusted proxy saw.

    With ``TRUSTED_PROXY_COUNT = n`` (n proxies in front, each appending the address it was
    reached from to X-Forwarded-For), the n-th entry from the right is the client; anything
    left of it was sent by the client and may be invented. Without proxies the header is
    ignored, since anyone can send it. A request that did not come through the proxies (fewer
    entries than proxies) or a malformed entry falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote


def account_username(request, credentials):
    """The account a login attempt is aimed at, so that its failures count for that account.

    The login takes a username or an e-mail address (``network.backends``): an address that
    belongs to exactly one account counts as that account's username, in any capitalisation,
    so switching spellings does not give an attacker more tries. Anything else is kept as typed.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "POST", {}).get(field) if request is not None else None
    if not value:
        return value
    user_model = get_user_model()
    manager = user_model._default_manager
    if manager.filter(**{user_model.USERNAME_FIELD: value}).exists():
        return value
    if "@" in value:
        # The same lookup as the login backend: the account the address would log into.
        user = user_for_login_email(value)
        if user is not None:
            return user.get_username()
    return value


# --- logins: two limits on axes' records -------------------------------------------------------

def _failures(since, **lookup):
    return (AccessAttempt.objects.filter(attempt_time__gte=since, **lookup)
            .aggregate(total=Sum("failures_since_start"))["total"] or 0)


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit of its own for each lockout parameter.

    ``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]``: axes would lock an address after
    the same few failures as an account. Here an account is locked after ``AXES_FAILURE_LIMIT``
    failures (any address), an address after ``LOGIN_ADDRESS_FAILURE_LIMIT`` (any accounts).
    Axes locks when ``get_failures() >= AXES_FAILURE_LIMIT``, before a login is tried and after
    it fails, so a locked address reports at least that many.
    """

    def get_failures(self, request, credentials=None):
        since = get_cool_off_threshold(request)
        username = get_client_username(request, credentials)
        failures = _failures(since, username=username) if username else 0
        address = request.axes_ip_address
        if address and _failures(since, ip_address=address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request, credentials=None):
        """After a successful login (``AXES_RESET_ON_SUCCESS``): forget that account's failures
        only. Axes would forget the address's too, letting anyone with an account wipe the
        address count between guesses by logging in."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The page axes shows instead of a login form when an account or address is locked."""
    return render(request, LOCKED_OUT_TEMPLATE, {"reason": "login", "minutes": cool_off_minutes()},
                  status=429)


def cool_off_minutes():
    """The cool-off, in whole minutes, for messages."""
    return int(get_cool_off().total_seconds() // 60)


@dataclass(frozen=True)
class Lockout:
    """One current lock, for the organisers' list: an account or a client address."""

    username: str
    ip_address: str
    failures: int
    last_failure: object
    until: object
    addresses: tuple = ()


def current_lockouts():
    """Accounts and client addresses locked right now: ``(accounts, addresses)``.

    An account is locked by its failures within the cool-off; an address by the failures of all
    accounts tried from it. ``until`` is when the lock lapses by itself: the cool-off after the
    last failure (a failure while locked starts the cool-off again).
    """
    cool_off = get_cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    accounts = []
    for row in (recent.exclude(username=None).values("username")
                .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
                .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("-last")):
        addresses = tuple(sorted({ip for ip in recent.filter(username=row["username"])
                                  .values_list("ip_address", flat=True) if ip}))
        accounts.append(Lockout(row["username"], "", row["failures"], row["last"],
                                row["last"] + cool_off, addresses))
    addresses = [
        Lockout("", row["ip_address"], row["failures"], row["last"], row["last"] + cool_off)
        for row in (recent.exclude(ip_address=None).values("ip_address")
                    .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
                    .filter(failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT).order_by("-last"))
    ]
    return accounts, addresses


# --- password reset requests -------------------------------------------------------------------

#: Verdicts of :func:`password_reset_verdict`.
SEND, SKIP_SILENTLY, CLIENT_TOO_BUSY = "send", "skip", "client"


def count_request(key, seconds, purpose):
    """Count one request under ``key`` in a fixed window of ``seconds`` (it starts with the
    first request and lapses after the window); the count so far.

    A cache that fails does not stop anyone: the failure is logged (naming ``purpose``) and
    the answer is 0, as if nothing had been counted yet.
    """
    try:
        cache.add(key, 0, timeout=seconds)
        return cache.incr(key)
    except ValueError:  # the key lapsed between add and incr: a new window
        cache.set(key, 1, timeout=seconds)
        return 1
    except Exception:  # noqa: BLE001 - a cache outage must not stop requests
        logger.exception("%s: the cache failed; request not counted", purpose)
        return 0


def email_key(prefix, email):
    """A cache key for ``email`` (any capitalisation) that does not hold the address itself."""
    return f"{prefix}:email:{hashlib.sha256(email.strip().lower().encode()).hexdigest()}"


def password_reset_verdict(request, email):
    """Whether to send a reset e-mail to ``email`` for this request.

    ``CLIENT_TOO_BUSY`` once the client address asked more than ``PASSWORD_RESET_CLIENT_LIMIT``
    times in the window (the page says so: it reveals nothing about any account);
    ``SKIP_SILENTLY`` once the address was asked for more than ``PASSWORD_RESET_EMAIL_LIMIT``
    times (the page says "if an account exists, we sent a mail" as always, so nobody learns
    whether it exists, and the inbox is not flooded); otherwise ``SEND``. Every request counts,
    for existing accounts or not, so the answers do not differ between them.
    """
    seconds, purpose = settings.PASSWORD_RESET_THROTTLE_WINDOW, "Password-reset throttle"
    client = f"pwreset:client:{client_ip(request) or 'unknown'}"
    if count_request(client, seconds, purpose) > settings.PASSWORD_RESET_CLIENT_LIMIT:
        return CLIENT_TOO_BUSY
    if count_request(email_key("pwreset", email), seconds, purpose) > settings.PASSWORD_RESET_EMAIL_LIMIT:
        return SKIP_SILENTLY
    return SEND


class ThrottledPasswordResetMixin:
    """For a subclass of Django's ``PasswordResetView``: apply :func:`password_reset_verdict`."""

    def form_valid(self, form):
        verdict = password_reset_verdict(self.request, form.cleaned_data["email"])
        if verdict == CLIENT_TOO_BUSY:
            minutes = settings.PASSWORD_RESET_THROTTLE_WINDOW // 60
            return render(self.request, LOCKED_OUT_TEMPLATE,
                          {"reason": "password_reset", "minutes": minutes}, status=429)
        if verdict == SKIP_SILENTLY:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
