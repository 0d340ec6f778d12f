"""Verified e-mail identities: which address an account has proved it owns.

``User.email`` is free text: an account holder (or an admin) can type any address into it. So
nothing that gives access to someone's data is matched on it. Whatever is matched on an
address (session registrations, "My sessions", join links, login by e-mail, erasure) asks
``verified_email(user)`` instead: the address the account proved to own by following a link
sent to it, and only while the account still uses that address.

Public API:

- ``verified_email(user) -> str``: the account's verified address (lower case), or "";
- ``owns_address(user, email) -> bool``: whether ``email`` is that verified address;
- ``send_email_confirmation(request_or_none, user, email)``: e-mail a confirmation link;
- ``mark_verified(user, email)``: record that ``user`` owns ``email`` (after a confirmation,
  a password reset by e-mail, or for demo data);
- ``email_in_use(email, exclude_user=None)`` and ``directory_email_in_use(...)``: whether an
  address already belongs to another account (or directory entry), for forms;
- ``can_send_confirmation(user)``: whether the account's address can be confirmed now;
- ``user_for_login_email(email)``: the account to log in with an address;
- ``make_token`` / ``check_token``: the signed confirmation link's token.

A confirmation link is signed (``django.core.signing``, salted, valid for three days) and
bound to the account, the address and the account's current verification, which changes
once the link is used: each link works once. The view that confirms it (in
``network.accounts``) shows a button on GET, because mail scanners open links, and confirms
on POST, logged in or not; it logs nobody in.

Accounts that existed before this module are not verified: their owners confirm when they
first need to (a button on "My sessions" and on the sign-up form sends the link).
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from . import mail
from .absolute_urls import site_url
from .models import Person, VerifiedEmail

SALT = "network.identity.email-confirmation"
MAX_AGE = datetime.timedelta(days=3)


def normalise(email) -> str:
    """An address as it is compared and stored: without spaces around it, in lower case."""
    return (email or "").strip().lower()


def _row(user):
    """The account's VerifiedEmail row or None (cached on the user object by Django)."""
    if user is None or getattr(user, "pk", None) is None:
        return None
    try:
        return user.verified_address
    except VerifiedEmail.DoesNotExist:
        return None


def verified_email(user) -> str:
    """The address ``user`` has proved to own, in lower case, or "".

    "" for anonymous users, accounts that never confirmed an address, and accounts whose
    ``email`` was changed since (until the new address is confirmed too).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    row = _row(user)
    if row is None or not user.email or normalise(user.email) != row.email:
        return ""
    return row.email


def owns_address(user, email) -> bool:
    """Whether ``email`` (any capitalisation) is the address ``user`` has proved to own."""
    verified = verified_email(user)
    return bool(verified) and verified == normalise(email)


@transaction.atomic
def mark_verified(user, email):
    """Record that ``user`` owns ``email``; makes it the account's address if it was not.

    Proving an address moves it: another account that had verified it loses that (it is the
    same mailbox, and one address belongs to one account). Returns the VerifiedEmail row.
    """
    email = normalise(email)
    VerifiedEmail.objects.filter(email=email).exclude(user=user).delete()
    row, _created = VerifiedEmail.objects.update_or_create(
        user=user, defaults={"email": email, "verified_at": timezone.now()})
    if normalise(user.email) != email:
        user.email = email
        user.save(update_fields=["email"])
    user.verified_address = row
    return row


def forget(user):
    """Delete the account's verified address (when its personal data is erased)."""
    VerifiedEmail.objects.filter(user=user).delete()


# --- uniqueness -----------------------------------------------------------------------------


def email_in_use(email, exclude_user=None) -> bool:
    """Whether another account uses ``email`` or has verified it (any capitalisation)."""
    email = normalise(email)
    if not email:
        return False
    users = get_user_model()._default_manager.filter(email__iexact=email)
    verified = VerifiedEmail.objects.filter(email=email)
    if exclude_user is not None and exclude_user.pk is not None:
        users = users.exclude(pk=exclude_user.pk)
        verified = verified.exclude(user=exclude_user)
    return users.exists() or verified.exists()


def directory_email_in_use(email, *, person=None, user=None) -> bool:
    """Whether a directory address (``Person.email``) belongs to someone else: another
    account's address, or another person's directory address."""
    email = normalise(email)
    if not email:
        return False
    others = Person.objects.filter(email__iexact=email)
    if person is not None and person.pk is not None:
        others = others.exclude(pk=person.pk)
    return email_in_use(email, exclude_user=user) or others.exists()


def user_for_login_email(email):
    """The active or inactive account that logs in with ``email``, or None.

    The account that verified the address (and still uses it) first; otherwise an unverified
    address logs in only when exactly one account has it, as guessing between accounts
    would log someone into the wrong one.
    """
    email = normalise(email)
    if not email:
        return None
    user_model = get_user_model()
    row = (VerifiedEmail.objects.filter(email=email, user__email__iexact=email)
           .select_related("user").first())
    if row is not None:
        return row.user
    matches = list(user_model._default_manager.filter(email__iexact=email)[:2])
    return matches[0] if len(matches) == 1 else None


# --- confirmation links ----------------------------------------------------------------------


def _state(user) -> str:
    """A short fingerprint of the account's current verification: it changes when a
    confirmation is used, so that each link works once."""
    # A fresh read, not the row cached on ``user``: the fingerprint must follow the database.
    row = VerifiedEmail.objects.filter(user=user).first()
    value = f"{row.email}|{row.verified_at.isoformat()}" if row else "-"
    return salted_hmac(SALT, f"{user.pk}|{value}").hexdigest()[:16]


def _fingerprint(email) -> str:
    """The address in a token: a keyed hash, so that links (and the logs and histories they end
    up in) do not carry the address itself."""
    return salted_hmac(SALT, f"address|{normalise(email)}").hexdigest()[:24]


def make_token(user, email) -> str:
    """A signed, URL-safe token that confirms ``email`` for ``user`` (three days, once)."""
    payload = {"u": user.pk, "e": _fingerprint(email), "s": _state(user)}
    return signing.TimestampSigner(salt=SALT).sign_object(payload)


class InvalidConfirmation(Exception):
    """A confirmation link that cannot be used. ``reason``: "invalid", "expired", "used" or
    "changed" (the account no longer uses the address)."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


def check_token(token):
    """``(user, email)`` of a valid confirmation token; raises InvalidConfirmation otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    if not isinstance(token, str) or len(token) > 400:
        raise InvalidConfirmation("invalid")
    try:
        payload = signer.unsign_object(token, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise InvalidConfirmation("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidConfirmation("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise InvalidConfirmation("invalid")
    user = get_user_model()._default_manager.filter(pk=payload["u"], is_active=True).first()
    if user is None:
        raise InvalidConfirmation("invalid")
    if not constant_time_compare(str(payload.get("s", "")), _state(user)):
        raise InvalidConfirmation("used")
    email = normalise(user.email)
    if not email or not constant_time_compare(str(payload.get("e", "")), _fingerprint(email)):
        raise InvalidConfirmation("changed")
    return user, email


def confirmation_url(user, email) -> str:
    """The absolute confirmation link, on SITE_URL (never on the request's Host header)."""
    return site_url() + reverse("account_email_confirm", kwargs={"token": make_token(user, email)})


def send_email_confirmation(request_or_none, user, email):
    """E-mail ``email`` a link that confirms it belongs to ``user``.

    Nothing is matched on the address until the link is followed. With a request, the person
    is told on the next page that the link was sent (in the request's language).
    """
    email = normalise(email)
    context = {"network_name": settings.WAGTAIL_SITE_NAME, "email": email,
               "account": user.get_full_name() or user.get_username(),
               "url": confirmation_url(user, email), "days": MAX_AGE.days}
    subject = render_to_string("network/account/email_confirm_subject.txt", context).strip()
    body = render_to_string("network/account/email_confirm_email.txt", context)
    # Sent by a task, off the request (network/mail.py); the link works whenever it arrives.
    mail.send(EmailMessage(" ".join(subject.split()), body, None, [email]),
              about=f"address confirmation for account {user.pk}")
    if request_or_none is not None:
        messages.info(request_or_none, _(
            "We have sent a confirmation link to %(email)s. Until you follow it, registrations "
            "and sessions are not matched to that address.") % {"email": email})


def can_send_confirmation(user) -> bool:
    """Whether a confirmation link may be sent to the account's current address: it has one,
    it is not verified yet, and no other account uses it (a duplicate from before addresses
    were unique: its owner resets the password instead, or asks the coordinator)."""
    return bool(user.email and not verified_email(user)
                and not email_in_use(user.email, exclude_user=user))

