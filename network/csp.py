"""Content-Security-Policy: one strict policy for the site, a looser one for Wagtail's admin.

The policies themselves are settings (``CONTENT_SECURITY_POLICY`` for the site,
``ADMIN_CONTENT_SECURITY_POLICY`` for the admin, see network/settings/base.py); this module
decides which one a response gets, and receives the reports browsers send about violations.

The admin is picked by URL prefix in the middleware rather than by decorating its views: Wagtail's
admin URLs come from many modules and hooks (and their 404s and login redirects come from no admin
view at all), so a prefix is the one rule that covers every admin response. Page previews are
rendered by Wagtail through the middleware as a made-up request for the page's public URL: they
get the site's policy (what breaks on the site breaks in the preview), framable by the admin.
"""
import json
import logging

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .http import is_admin_path

logger = logging.getLogger("network.csp")

# A violation report is a few hundred bytes; anything much larger is not a browser's report.
MAX_REPORT_BYTES = 8 * 1024
REPORT_CONTENT_TYPES = ("application/csp-report", "application/json", "application/reports+json")


class NetworkCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy under the admin's URL prefix, and
    ``upgrade-insecure-requests`` on requests that arrived over HTTPS (so a plain-HTTP local
    trial, ``LOCAL_HTTP=1``, is never told to fetch its own files over HTTPS)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own @csp(...) decorator still wins (parts.config is then set).
        if parts.config is None and is_admin_path(request.path_info):
            name = "ADMIN_CONTENT_SECURITY_POLICY" + ("_REPORT_ONLY" if report_only else "")
            policy = getattr(settings, name, None)
            # An empty config means no header: the site's policies never apply to the admin.
            parts.config = default_config(policy["DIRECTIVES"]) if policy else {}
        replace = {}
        if getattr(request, "is_dummy", False) and not report_only:
            # Wagtail renders a page preview by running a made-up request for the page's own URL
            # through the middleware: the preview gets the site's policy, but the admin must be
            # able to show it in its preview panel.
            replace["frame-ancestors"] = ["'self'"]
        if request.is_secure() and not report_only:
            replace["upgrade-insecure-requests"] = True
        if replace:
            parts.replace = {**(parts.replace or {}), **replace}
        return parts


@csrf_exempt  # browsers send reports without a CSRF token (and without cookies)
@require_POST
def csp_report(request):
    """Log a Content-Security-Policy violation report and answer 204.

    Accepts only small JSON bodies; anything else gets a 4xx, never an error page.
    """
    content_type = request.content_type or ""
    if content_type not in REPORT_CONTENT_TYPES:
        return HttpResponse(status=415)
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return HttpResponseBadRequest()
    if length > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest()
    if not isinstance(report, (dict, list)):
        return HttpResponseBadRequest()
    # One line per report, as sent (json.dumps escapes control characters: no forged log lines).
    logger.warning("CSP violation: %s", json.dumps(report, ensure_ascii=True)[:MAX_REPORT_BYTES])
    return HttpResponse(status=204)
