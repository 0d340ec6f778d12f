"""E-mails leave the request: each is handed to a task that sends it (#17).

``send(message, about=…)`` replaces ``message.send()`` everywhere the site writes an e-mail of
its own. The message is built where it is today (same templates, language and calendar
invitation) and stored, field by field, as the JSON arguments of the ``deliver`` task, which
rebuilds the same message class and sends it. With the immediate backend (development, tests)
that happens at once, as before; with the database backend (production) the request only
writes the task's row and ``manage.py db_worker`` sends it, so a sign-up never waits for SMTP.

Why the whole message and not ids: what the person is told is decided when the change is made
(a withdrawn session may be deleted with its registrations by the time a worker runs, and the
SEQUENCE of a calendar invitation is read at that moment), so the e-mail stays exactly what it
was when it was sent in the request.

Transactions: the task's row is written in the caller's transaction, so an e-mail about a
change that rolls back is never queued, and one about a committed change is never lost (the
callers send after their own ``transaction.atomic`` block in any case, see ``faults.py``).

A failed send (``OSError``: refused, unreachable, any ``smtplib`` error) never touches the
change it reports. With a backend that can defer (the database backend) it is tried again after
``RETRY_DELAYS``, then given up with an error in the log (logger ``network.mail``). A retry is
only queued by a failed attempt, and each task row is run by one worker, so nobody gets an
e-mail twice. Successful deliveries can be pruned with ``manage.py prune_db_task_results``.
"""
from __future__ import annotations

import base64
import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

# After the first failure, the next attempts wait this long; then the e-mail is given up.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=6))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def serialise(message: EmailMessage) -> dict:
    """The JSON-serialisable form of ``message`` that ``rebuild`` turns back into it.

    A subclass that builds parts of its own (e.g. a calendar invitation) defines
    ``task_kwargs()``: the extra keyword arguments its constructor takes to build them again;
    its own attachments are then not stored. Other messages keep their (filename, content,
    mimetype) attachments and text alternatives.
    """
    cls = type(message)
    data = {
        "class": f"{cls.__module__}.{cls.__qualname__}",
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
    }
    if hasattr(message, "task_kwargs"):
        data["kwargs"] = message.task_kwargs()
        return data
    data["attachments"] = [_attachment(item) for item in message.attachments]
    if getattr(message, "alternatives", None):
        data["alternatives"] = [[str(content), mimetype] for content, mimetype in message.alternatives]
    return data


def _attachment(item):
    filename, content, mimetype = item  # a MIMEBase part has no portable form: TypeError
    if isinstance(content, bytes):
        return [filename, {"base64": base64.b64encode(content).decode("ascii")}, mimetype]
    return [filename, str(content), mimetype]


def rebuild(data: dict) -> EmailMessage:
    """The message ``serialise`` stored, of the same class, with the same content."""
    cls = import_string(data["class"])
    if not (isinstance(cls, type) and issubclass(cls, EmailMessage)):
        raise TypeError(f"{data['class']} is not an e-mail message class")
    fields = {name: data[name] for name in ("subject", "body", "from_email", "to", "cc", "bcc",
                                            "reply_to", "headers")}
    message = cls(**fields, **data.get("kwargs", {}))
    for filename, content, mimetype in data.get("attachments", []):
        if isinstance(content, dict):
            content = base64.b64decode(content["base64"])
        message.attach(filename, content, mimetype)
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


def send(message: EmailMessage, *, about: str) -> bool:
    """Send ``message`` through the ``deliver`` task. ``about`` names it in the log without
    personal data (e.g. "confirmed e-mail for registration 12").

    Returns False only when the e-mail has already failed for good (the immediate backend,
    which sends at once); a queued e-mail counts as sent.
    """
    result = deliver.enqueue(serialise(message), about=about)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return bool(result.return_value)
    return result.status != TaskResultStatus.FAILED


@task()
def deliver(message: dict, about: str = "e-mail", attempt: int = 1) -> bool:
    """Send one stored message; on failure queue the next attempt (see the module's docstring).

    Returns whether it was sent."""
    try:
        rebuild(message).send()
    except OSError:
        backend = deliver.get_backend()
        if attempt >= MAX_ATTEMPTS or not backend.supports_defer:
            # The change it reports stands; the person can always open the page.
            logger.exception("Could not send %s (attempt %d); giving up", about, attempt)
            return False
        delay = RETRY_DELAYS[attempt - 1]
        deliver.using(run_after=timezone.now() + delay).enqueue(
            message, about=about, attempt=attempt + 1)
        logger.warning("Could not send %s (attempt %d); trying again in %s", about, attempt,
                       delay, exc_info=True)
        return False
    return True
