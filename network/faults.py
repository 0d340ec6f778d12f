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
go to the log (logger ``health_check``). With the database task backend (#17) a fourth check,
``taskqueue``, fails when a task has waited for a worker longer than
``TASK_QUEUE_STUCK_MINUTES`` (no ``db_worker`` running, or too few): degraded, not unavailable,
because pages still serve and the queued e-mails and index updates go out once a worker runs.
"""
import asyncio
import dataclasses
import sys
from datetime import timedelta

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceWarning
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


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """Fails when the oldest task due to run has waited longer than ``TASK_QUEUE_STUCK_MINUTES``
    (default 10): nothing is working through the database queue."""

    async def run(self):
        if await sync_to_async(self._oldest_wait)() > timedelta(
                minutes=getattr(settings, "TASK_QUEUE_STUCK_MINUTES", 10)):
            raise ServiceWarning("Tasks are waiting for a worker")

    @staticmethod
    def _oldest_wait():
        # Imported here: the model exists only where the database backend's app is installed.
        from django_tasks_db.models import DBTaskResult, get_date_max

        now = timezone.now()
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__lte=now)
        # A task without run_after is due from the moment it was enqueued.
        due = DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after=get_date_max())
        oldest = [row.run_after for row in waiting.order_by("run_after")[:1]]
        oldest += [row.enqueued_at for row in due.order_by("enqueued_at")[:1]]
        return now - min(oldest) if oldest else timedelta(0)


def uses_task_queue() -> bool:
    """Whether tasks wait in the database for a worker (the database task backend)."""
    return type(task_backends["default"]).__module__.startswith("django_tasks_db")


class HealthView(HealthCheckView):
    """Database, cache and media storage, checked at each request; never cached.

    Plain text for a proxy (``status: ok`` on the first line), JSON when asked for
    (``Accept: application/json`` or ``?format=json``).
    """

    checks = (Database, Cache, Storage)

    def get_checks(self):
        yield from super().get_checks()
        if uses_task_queue():
            yield TaskQueue()
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
