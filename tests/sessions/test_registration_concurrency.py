"""Many people signing up for the last places at the same instant, as parallel requests.

Runs on PostgreSQL only (the CI's second run): each thread has its own database connection, so
the transactions really overlap. SQLite lets one writer in at a time anyway.
"""
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from sessions.models import Registration
from sessions.registration.places import confirm, register
from tests.factories import MemberAreaFactory

pytestmark = [pytest.mark.postgres,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def post_in_parallel(url, payloads):
    """POST every payload at once (a barrier releases all threads together); status codes."""
    barrier = threading.Barrier(len(payloads))
    results = [None] * len(payloads)

    def sign_up(index, data):
        try:
            client = Client()
            barrier.wait(timeout=30)
            results[index] = client.post(url, data).status_code
        except Exception as exc:  # a crash must fail the test, not vanish with the thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(i, data)) for i, data in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_parallel_sign_ups_for_the_last_places_never_overbook_and_lose_nobody(make_session):
    areas = [MemberAreaFactory() for _ in range(8)]
    session = make_session(capacity=6)
    for n in range(3):
        register(session, name=f"Early {n}", email=f"early{n}@example.nl", area=areas[0],
                 notify=False)
    people = 30
    payloads = [{"name": f"Racer {n}", "email": f"racer{n}@example.nl",
                 "area": str(areas[n % len(areas)].pk)} for n in range(people)]

    results = post_in_parallel(reverse("sessions:register", kwargs={"pk": session.pk}), payloads)

    assert results == [303] * people  # everyone got an answer: a place or a waiting-list turn
    registrations = Registration.objects.filter(session=session)
    # Visitors' sign-ups hold their seats until confirmed (#14): seats are unique all the same.
    held = registrations.filter(seat__isnull=False)
    assert held.count() == 6
    assert sorted(held.values_list("seat", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert registrations.filter(status="pending", seat__isnull=True).count() == people - 3
    assert registrations.count() == people + 3
    for registration in registrations.filter(status="pending"):
        confirm(registration, notify=False)
    confirmed = registrations.filter(status="confirmed")
    assert sorted(confirmed.values_list("seat", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert registrations.filter(status="waiting").count() == people - 3
    # The waiting list has one clear order: positions 1..n without gaps or ties.
    positions = sorted(r.waiting_position() for r in registrations.filter(status="waiting"))
    assert positions == list(range(1, people - 3 + 1))


def test_parallel_sign_ups_from_one_area_respect_the_area_limit(make_session):
    area = MemberAreaFactory()
    session = make_session(capacity=20, max_per_area=3)
    payloads = [{"name": f"Colleague {n}", "email": f"colleague{n}@example.nl",
                 "area": str(area.pk)} for n in range(12)]

    results = post_in_parallel(reverse("sessions:register", kwargs={"pk": session.pk}), payloads)

    assert results.count(303) == 3 and results.count(200) == 9  # 200: the form with the reason
    # Held places count toward the area's limit until they are confirmed or released.
    assert Registration.objects.filter(session=session, status="pending").count() == 3


def test_parallel_double_submits_of_one_person_give_one_registration(make_session):
    area = MemberAreaFactory()
    session = make_session(capacity=5)
    payloads = [{"name": "Impatient", "email": "impatient@example.nl", "area": str(area.pk)}] * 8

    results = post_in_parallel(reverse("sessions:register", kwargs={"pk": session.pk}), payloads)

    # The same answer every time ("check your e-mail"), as for any address (#14).
    assert results == [303] * 8
    assert Registration.objects.filter(session=session).count() == 1
