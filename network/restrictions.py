"""Page view restrictions read once per request instead of once per ``public()`` call.

Wagtail's ``PageQuerySet.public()`` and ``not_public()`` read every ``PageViewRestriction``
each time they build a query; the header, the hero, the home sections and the listings call
them a dozen times per page. :func:`install` makes them read the restrictions once per request
and reuse them for that request only:

- the memo lives in a context variable that ``request_started`` replaces with an empty one and
  ``request_finished`` clears, so nothing is shared between requests, threads or visitors;
- outside a request (management commands, tests calling querysets directly) there is no memo
  and Wagtail's own query runs every time;
- a restriction saved or deleted, or a page moved, during the request empties the memo, so a
  page made private in a request is never treated as public later in that same request.
"""
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

# (path, depth) of every restricted page, or None until read in this request. The default
# (no dict at all) means "not in a request": no memo.
_memo: ContextVar[dict | None] = ContextVar("network_view_restrictions", default=None)


def _start(**kwargs):
    _memo.set({})


def _finish(**kwargs):
    _memo.set(None)


def _forget(**kwargs):
    memo = _memo.get()
    if memo is not None:
        memo.clear()


def restricted_sections():
    """(path, depth) of each page with a view restriction: read once per request."""
    from wagtail.models import PageViewRestriction

    memo = _memo.get()
    if memo is not None and "sections" in memo:
        return memo["sections"]
    sections = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    if memo is not None:
        memo["sections"] = sections
    return sections


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q``, from the request's memo of the restrictions: the
    pages in a private section (a restricted page and its descendants)."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # Match no page at all when nothing is private, as Wagtail does.
    return q if q else Q(pk__in=[])


def install():
    """Route ``PageQuerySet.private_q`` (behind ``public()``, ``not_public()`` and
    ``private()``) through the per-request memo. Called once from ``NetworkConfig.ready``."""
    from wagtail.models import PageViewRestriction
    from wagtail.query import PageQuerySet
    from wagtail.signals import post_page_move

    PageQuerySet.private_q = private_q
    request_started.connect(_start, dispatch_uid="network_restrictions_start")
    request_finished.connect(_finish, dispatch_uid="network_restrictions_finish")
    for signal in (post_save, post_delete):
        signal.connect(_forget, sender=PageViewRestriction,
                       dispatch_uid=f"network_restrictions_forget_{signal is post_save}")
    post_page_move.connect(_forget, dispatch_uid="network_restrictions_forget_on_move")
