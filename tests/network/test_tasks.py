"""Background work off the request path (#17): e-mails and search-index updates as tasks.

The suite runs the immediate backend (every task at once, as in development); these tests
switch to the database backend production uses and run the queue with ``db_worker --batch``,
as the worker process does. They need real commits (the worker reads what the request wrote),
hence ``transaction=True``.
"""
import email
import json
import logging
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from network import mail
from network.models import StandardPage
from sessions.models import Registration
from sessions.registration.notifications import InvitationEmail
from tests.sessions.conftest import delft, future_date, index, make_session  # noqa: F401

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REAL_SEND = EmailMessage.send


@pytest.fixture
def queued(settings):
    """The database task backend, as in production."""
    settings.TASKS = DATABASE_TASKS


def run_worker():
    """What `manage.py db_worker` does, until the queue holds nothing due."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def sign_up(client, session, area, email_address="sanne@example.nl"):
    return client.post(reverse("sessions:register", kwargs={"pk": session.pk}),
                       {"name": "Sanne de Vries", "email": email_address, "area": str(area.pk)})


def mail_tasks():
    return DBTaskResult.objects.filter(task_path="network.mail.deliver")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_up_answers_before_the_mail_goes_and_the_worker_sends_it_once(
        client, queued, make_session, delft):  # noqa: F811
    session = make_session(capacity=10)

    response = sign_up(client, session, delft)

    assert response.status_code == 303
    assert Registration.objects.filter(participant__email="sanne@example.nl").exists()
    assert django_mail.outbox == []  # the request only queued it
    assert mail_tasks().filter(status="READY").count() == 1

    run_worker()
    run_worker()  # a second pass finds nothing left to send

    assert [m.to for m in django_mail.outbox] == [["Sanne de Vries <sanne@example.nl>"]]
    assert "Please confirm your registration" in django_mail.outbox[0].subject
    assert mail_tasks().get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_mail_is_retried_later_and_the_registration_is_kept(
        client, queued, make_session, delft, caplog):  # noqa: F811
    session = make_session(capacity=10)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("refused")):
        sign_up(client, session, delft)
        run_worker()

    assert Registration.objects.filter(participant__email="sanne@example.nl").exists()
    assert django_mail.outbox == []
    retry = mail_tasks().get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    # Not before its delay: a worker pass now leaves it waiting.
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert any("trying again" in r.getMessage() for r in caplog.records)

    run_worker()
    assert django_mail.outbox == []
    mail_tasks().filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    run_worker()

    assert len(django_mail.outbox) == 1  # sent once the server takes it, and only once
    assert not mail_tasks().filter(status="READY").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mail_that_keeps_failing_is_given_up_with_an_error(
        client, queued, make_session, delft, caplog, monkeypatch):  # noqa: F811
    monkeypatch.setattr(mail, "RETRY_DELAYS", (timedelta(0),) * 2)
    monkeypatch.setattr(mail, "MAX_ATTEMPTS", 3)
    session = make_session(capacity=10)
    with mock.patch("django.core.mail.EmailMessage.send",
                    side_effect=SMTPException("refused")) as send:
        sign_up(client, session, delft)
        run_worker()

    assert send.call_count == 3
    assert not mail_tasks().filter(status="READY").exists()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "network.mail"]
    assert len(errors) == 1 and "giving up" in errors[0].getMessage()
    # The log names the registration, never the address.
    assert "sanne@example.nl" not in caplog.text
    assert Registration.objects.filter(participant__email="sanne@example.nl").exists()


@pytest.mark.django_db
def test_the_immediate_backend_sends_at_once(client, make_session, delft):  # noqa: F811
    sign_up(client, make_session(capacity=10), delft)
    assert len(django_mail.outbox) == 1
    assert not DBTaskResult.objects.exists()


def _mime(message):
    """The message as sent, less what is made anew for each copy (date, id, MIME boundaries)."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    del parsed["Date"], parsed["Message-ID"]
    raw = parsed.as_bytes()
    for n, part in enumerate(part for part in parsed.walk() if part.get_boundary()):
        raw = raw.replace(part.get_boundary().encode(), b"boundary-%d" % n)
    return raw


def test_an_invitation_comes_out_of_the_queue_byte_for_byte():
    calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Ærø – café\r\nEND:VCALENDAR\r\n"
    message = InvitationEmail("Registered: Leegstand", "Hallo Søren,\nwelkom.", "net@example.org",
                              to=["Søren <soren@example.dk>"], reply_to=["org@example.org"],
                              headers={"Auto-Submitted": "auto-generated"},
                              calendar=calendar.encode(), method="REQUEST")

    stored = json.loads(json.dumps(mail.serialise(message)))  # what the task row holds
    again = mail.rebuild(stored)

    assert type(again) is InvitationEmail
    assert _mime(again) == _mime(message)


def test_a_plain_message_with_attachments_comes_out_of_the_queue_the_same():
    message = EmailMessage("Subject", "Body", "net@example.org", to=["a@example.org"],
                           bcc=["b@example.org"])
    message.attach("notes.txt", "tekst", "text/plain")
    message.attach("data.bin", b"\x00\xff", "application/octet-stream")

    again = mail.rebuild(json.loads(json.dumps(mail.serialise(message))))

    assert again.recipients() == ["a@example.org", "b@example.org"]
    assert again.attachments == message.attachments
    assert _mime(again) == _mime(message)


def test_a_stored_message_cannot_name_another_class():
    with pytest.raises(TypeError):
        mail.rebuild({"class": "os.system", "subject": "", "body": "", "from_email": "",
                      "to": [], "cc": [], "bcc": [], "reply_to": [], "headers": {}})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.search_index
def test_search_index_is_updated_by_the_worker(client, queued, home_page):
    page = StandardPage(title="Queued findings", slug="queued", intro="about winkelleegstand")
    home_page.add_child(instance=page)
    page.save_revision().publish()

    assert "Queued findings" not in client.get("/en/search/?q=winkelleegstand").content.decode()
    run_worker()
    assert "Queued findings" in client.get("/en/search/?q=winkelleegstand").content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_health_reports_a_queue_nobody_works_through(client, queued, settings):
    settings.TASK_QUEUE_STUCK_MINUTES = 10
    assert client.get("/-/health/").content.decode().splitlines()[-1] == "taskqueue: ok"

    mail.send(EmailMessage("Hello", "Body", to=["a@example.org"]), about="a test e-mail")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    response = client.get("/-/health/")

    assert response.status_code == 200  # pages still serve: degraded, not unavailable
    lines = response.content.decode().splitlines()
    assert lines[0] == "status: degraded" and "taskqueue: unavailable" in lines

    run_worker()
    assert client.get("/-/health/").content.decode().splitlines()[0] == "status: ok"
