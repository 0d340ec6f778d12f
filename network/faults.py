"""Faults the site must survive, and the health endpoint a load balancer asks.

Database unreachable: PostgreSQL connections give up after ``DATABASE_CONNECT_TIMEOUT``
seconds (settings) and SQLite waits out a lock for at most its ``timeout``. The error that
follows reaches ``server_error``, the project's 500 handler, from any layer (view, middleware,
template, the 404 handler); for a connection failure it answers 503 with ``Retry-After``
instead. The 503 page is a self-contained template rendered without a request context: no
context processor, Wagtail site or setting lookup may need the database that just failed.
Django logs the failure once, with its traceback ("Service Unavailable: <path>").

Cache unreachable: see ``network/cache.py``; pages keep being served.

Half-written data: no ``ATOMIC_REQUESTS``. On SQLite every transaction begins IMMEDIATE (the
write lock, see settings), so wrapping every request would queue all reads behind every
write; and e-mails sent inside a request-wide transaction would announce changes that could
still roll back. Instead each change is one ``transaction.atomic`` where it is made (CSV import,
profile form, follow-up form, erasure, registration in ``places.py``), with e-mails after commit.

Health: ``HealthView`` (``/-/health/``) runs django-health-check's database, cache and
storage checks. The answer is 503 when this instance cannot serve (database or media storage
failing); a failing cache is reported but leaves it at 200, because the site serves without
Redis, and a load balancer taking every instance out over a cache outage would turn a slower
site into no site. The public answer names each check and its state only; the error details
go to the log (logger ``health_check``).
"""
import asyncio
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from health_check.checks import Cache, Database, Storage
from health_check.views import HealthCheckView

from . import views
from .http import ROBOTS, no_store

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(exc):
    """True if ``exc`` (or what it was raised from) says the database cannot be reached now.

    Connection refused or timed out, a dropped connection, SQLite's "database is locked" after
    its timeout: all are outages a retry may get past. SQLite also reports a missing table or
    column as an OperationalError; that is a bug or a missing migration and stays a 500.
    """
    for _depth in range(5):
        if exc is None:
            return False
        if isinstance(exc, InterfaceError):
            return True
        if isinstance(exc, OperationalError):
            return not str(exc).startswith("no such ")
        exc = exc.__cause__ or exc.__context__
    return False


def _stylesheet():
    # The page must show even on a half-deployed instance (collectstatic not run yet): then
    # plain, rather than a second error.
    try:
        return static("css/site.css")
    except ValueError:
        return ""


def service_unavailable():
    """The 503 page: no database, no request context; not to be stored by any cache."""
    page = loader.get_template("503.html").render({"stylesheet": _stylesheet()})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return no_store(response)


def server_error(request):
    """The project's 500 handler: a 503 page when the cause is an unreachable database.

    Django calls it while handling the exception, so ``sys.exc_info()`` holds it.
    """
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable()
    return views.server_error(request)


class HealthView(HealthCheckView):
    """Database, cache and media storage, checked at each request; never cached.

    Plain text for a proxy (``status: ok`` on the first line), JSON when asked for
    (``Accept: application/json`` or ``?format=json``).
    """

    checks = (Database, Cache, Storage)
    # A failing cache makes the site slower, not unusable (see the module's docstring).
    critical = {"database", "storage"}

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        states = {type(result.check).__name__.lower(): "ok" if result.error is None else "unavailable"
                  for result in results}
        failing = {name for name, state in states.items() if state != "ok"}
        status = "unavailable" if failing & self.critical else "degraded" if failing else "ok"
        code = 503 if status == "unavailable" else 200
        if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"status": status, "checks": states}, status=code)
        else:
            lines = [f"status: {status}", *(f"{name}: {state}" for name, state in states.items())]
            response = HttpResponse("\n".join(lines) + "\n", status=code,
                                    content_type="text/plain; charset=utf-8")
        response["X-Robots-Tag"] = ROBOTS
        return no_store(response)
