"""Headers for responses that are for one person only, and which part of the site a request
is for (``is_admin_path``: Wagtail's admin gets its own policies).

Two strengths, each a function applied to a response (also redirects) that returns it:

- ``no_store``: personal or confidential content (intervision records, CSV downloads of
  names and addresses) is kept by no shared cache and not by the browser's back/forward
  cache either;
- ``private_link``: that, for pages reached by a secret link (a registration's token), plus
  no indexing by search engines and no address sent to other sites as the referrer.
"""
from django.urls import reverse
from django.utils.cache import patch_cache_control

ROBOTS = "noindex, nofollow"
# Not "no-referrer": with it browsers send "Origin: null" with the page's own forms, which
# Django's CSRF check refuses. "same-origin" still keeps the secret from other sites.
REFERRER_POLICY = "same-origin"


def no_store(response):
    """``Cache-Control: private, no-store`` on ``response``; returns it."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def private_link(response):
    """``no_store`` plus ``X-Robots-Tag: noindex, nofollow`` and a same-origin referrer
    policy on ``response``, for pages whose address holds a secret; returns it."""
    no_store(response)
    response["X-Robots-Tag"] = ROBOTS
    response["Referrer-Policy"] = REFERRER_POLICY
    return response


def is_admin_path(path):
    """Whether a request path belongs to Wagtail's admin (its own CSP, its own bad-input rule)."""
    return path.startswith(reverse("wagtailadmin_home"))
