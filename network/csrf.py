"""The page shown when a form fails Django's CSRF check (``CSRF_FAILURE_VIEW``).

Django's own page blames cookies for every failure. This one tells people what most likely
happened, in words they can act on.
"""
from django.middleware import csrf
from django.shortcuts import render

# Reasons about where the form came from start with these (the rest is the Origin or Referer).
_ORIGIN_PREFIXES = (csrf.REASON_BAD_ORIGIN.partition("%s")[0],
                    csrf.REASON_BAD_REFERER.partition("%s")[0])


def failure_cause(reason: str) -> str:
    """Sort Django's CSRF ``reason`` into what the page explains: "origin" (the form came from
    another site or an unknown origin), "cookie" (no CSRF cookie: cookies are blocked) or
    "token" (the form's token no longer matches: open too long, or logged in or out since)."""
    if reason.startswith(_ORIGIN_PREFIXES):
        return "origin"
    if reason == csrf.REASON_NO_CSRF_COOKIE:
        return "cookie"
    return "token"


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """Answer a refused form with 403 and an explanation of the likely cause.

    ``reason`` may contain what the browser sent (Origin, Referer), so it is only classified,
    never shown; the logs already record it.
    """
    # A fresh CSRF cookie, so that going back and sending the form again can work.
    csrf.get_token(request)
    return render(request, template_name, {"cause": failure_cause(reason)}, status=403)
