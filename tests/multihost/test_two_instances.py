"""Two application instances behind one address, as two hosts run them (#17, "More than one
machine"): an edit published through one is never served stale by the other, and a sign-up
burst spread over both never overbooks, loses nobody and sends every e-mail once, from the
shared task worker.

Real HTTP against gunicorn (``cluster.py``): instance A and instance B share the PostgreSQL
database, Redis (cache and cached pages), the media folder and one ``manage.py db_worker``.
"""
from __future__ import annotations

import json
import re
import secrets
import statistics
import threading
import time
from collections import Counter
from email.utils import parseaddr

import pytest

from .adminform import edit_form_data
from .cluster import DEMO_PASSWORD, HttpClient, csrf_token, read_mails, text_of, title_of

pytestmark = [pytest.mark.multihost, pytest.mark.xdist_group("multihost")]

# The sign-up burst: how many people, how many places, the slowest answer the test accepts
# (issue #17's target is 1 s; a busy CI machine gets some slack).
PEOPLE = 50
PLACES = 10
SLOWEST_ACCEPTED_S = 5.0
MAIL_WAIT_S = 30


def form_fields(html, action):
    """The hidden inputs of the form posting to ``action`` (a confirmation form)."""
    form = re.search(rf'(?s)<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html)
    assert form, f"the page has no form posting to {action}"
    return {name: [value] for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1))}


def admin_login(client, username):
    """Log in through the Wagtail admin's login form, as a person would."""
    page = client.get("/admin/login/")
    answer = client.post("/admin/login/", {"csrfmiddlewaretoken": csrf_token(page.text),
                                           "username": username, "password": DEMO_PASSWORD,
                                           "next": "/admin/"})
    assert answer.status == 302 and answer.header("Location") == "/admin/", (
        f"{username} could not log in to the admin: {answer.status}")


def recipient(message):
    """The address an e-mail went to, in lower case."""
    return parseaddr(str(message["To"]))[1].lower()


def form_errors(html):
    return re.findall(r'(?s)class="[^"]*error-message[^"]*"[^>]*>(.*?)</', html)[:10]


def test_an_edit_published_through_one_instance_is_never_served_stale_by_the_other(cluster):
    visitor = HttpClient(cluster.b)  # anonymous, on instance B: what the page cache serves
    library = visitor.get("/en/case-studies/")
    assert library.status == 200
    path = re.findall(r'<h3 class="card__title"><a href="(/en/case-studies/[^"?#]+/)"', library.text)[0]
    first, second = visitor.get(path), visitor.get(path)
    assert first.status == second.status == 200
    old_title = title_of(second.text).split(" · ")[0]
    assert old_title and old_title in text_of(library.text)
    home = visitor.get("/en/")
    on_home = old_title in text_of(home.text)
    # The library and the home page are in B's cache too before the edit (checked at the end,
    # so that a cache that does not work leaves the staleness checks to run all the same).
    cached = {path: second.header("X-Page-Cache"),
              "/en/case-studies/": visitor.get("/en/case-studies/").header("X-Page-Cache"),
              "/en/": visitor.get("/en/").header("X-Page-Cache")}

    editor = HttpClient(cluster.a)
    admin_login(editor, "editor")
    # The editor finds the page's edit link in the userbar of the page itself.
    edit_link = re.search(r"/admin/pages/(\d+)/edit/", editor.get(path).text)
    assert edit_link, "the case study shows the editor no edit link"
    edit_url = edit_link.group(0)
    form = editor.get(edit_url)
    assert form.status == 200
    data = edit_form_data(form.text)
    new_title = f"Published through instance A {secrets.token_hex(3)}"
    data["title"] = [new_title]
    data["action-publish"] = ["action-publish"]
    published = editor.post(edit_url, data)
    assert published.status == 302, f"publishing failed: {form_errors(published.text)}"

    # At once, on the other instance: the page, the library and the home page.
    page = visitor.get(path)
    assert page.status == 200
    assert title_of(page.text).startswith(new_title), (
        f"B served {title_of(page.text)!r} (X-Page-Cache: {page.header('X-Page-Cache')}) "
        f"after A published {new_title!r}")
    # The body was posted as the admin's form holds it: the page's text differs by the title only.
    assert text_of(page.text).replace(new_title, old_title) == text_of(second.text)
    library_text = text_of(visitor.get("/en/case-studies/").text)
    assert new_title in library_text and old_title not in library_text
    if on_home:
        home_text = text_of(visitor.get("/en/").text)
        assert new_title in home_text and old_title not in home_text

    unpublish_url = edit_url.replace("/edit/", "/unpublish/")
    confirm = editor.get(unpublish_url)
    assert confirm.status == 200
    unpublished = editor.post(unpublish_url, form_fields(confirm.text, unpublish_url))
    assert unpublished.status == 302
    gone = visitor.get(path)
    assert gone.status == 404, (
        f"B still serves the unpublished page (X-Page-Cache: {gone.header('X-Page-Cache')})")
    assert new_title not in text_of(visitor.get("/en/case-studies/").text)

    assert set(cached.values()) == {"hit"}, (
        f"B's second requests were not all served from the shared page cache (X-Page-Cache: "
        f"{cached}): the staleness checks above proved less than they should")
    assert "Traceback" not in cluster.log("a") + cluster.log("b"), cluster.logs_tail()


SET_UP_BURST = """
import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from network.identity import mark_verified
from network.models import MemberArea
from sessions.models import Registration, SessionPage

now = timezone.now()
# An upcoming session open for sign-ups, in the language it was written in; emptied and given
# PLACES places, with no per-area limit.
session = next(page.specific for page in SessionPage.objects.live().order_by("starts_at")
               if page.canonical.pk == page.pk and page.registration_state(now) == "open")
Registration.objects.filter(session=session).delete()
session.capacity, session.max_per_area = PLACES, None
session.save_revision().publish()

areas = list(MemberArea.objects.in_directory().order_by("pk").values_list("pk", flat=True))
store_class = import_module(settings.SESSION_ENGINE).SessionStore
people = []
for n in range(PEOPLE):
    email = f"burst{n:02d}@example.org"
    user = get_user_model().objects.create(username=f"burst{n:02d}", email=email,
                                           first_name="Burst", last_name=f"{n:02d}")
    user.set_unusable_password()
    user.save()
    mark_verified(user, email)
    # Logged in, as after the login form: a session in the shared database.
    store = store_class()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save(must_create=True)
    people.append({"email": email, "name": f"Burst {n:02d}", "area": str(areas[n % len(areas)]),
                   "sessionid": store.session_key})
with translation.override(session.locale.language_code):
    print(json.dumps({"session": session.pk, "page": session.get_url(),
                      "register": reverse("sessions:register", kwargs={"pk": session.pk}),
                      "people": people}))
"""

REGISTRATIONS = """
import json
from sessions.models import Registration
print(json.dumps([{"email": r.participant.email, "status": r.status, "seat": r.seat}
                  for r in Registration.objects.filter(session_id=SESSION)
                  .select_related("participant")]))
"""


def test_a_sign_up_burst_over_both_instances_never_overbooks_and_mails_everyone_once(cluster):
    burst = json.loads(cluster.shell(SET_UP_BURST.replace("PEOPLE", str(PEOPLE))
                                     .replace("PLACES", str(PLACES))).strip().splitlines()[-1])
    people = burst["people"]
    # Half of the people on each instance; each has the sign-up form (and its CSRF token) first.
    clients = []
    for n, person in enumerate(people):
        client = HttpClient(cluster.a if n % 2 == 0 else cluster.b)
        client.set_cookie("sessionid", person["sessionid"])
        page = client.get(burst["page"])
        assert page.status == 200 and f'action="{burst["register"]}"' in page.text, (
            f"{person['email']} sees no sign-up form on {burst['page']} ({page.status})")
        clients.append((client, {"csrfmiddlewaretoken": csrf_token(page.text), "name": person["name"],
                                 "email": person["email"], "area": person["area"]}))

    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def sign_up(index, client, data):
        try:
            barrier.wait(timeout=60)
            answers[index] = client.post(burst["register"], data)
        except Exception as error:  # noqa: BLE001 - a crash must fail the test, not vanish
            answers[index] = error

    threads = [threading.Thread(target=sign_up, args=(n, *pair)) for n, pair in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    failures = [a for a in answers if not (hasattr(a, "status") and a.status == 303)]
    assert not failures, f"not every sign-up was answered with a place or a turn: {failures[:3]}"
    seconds = sorted(answer.seconds for answer in answers)
    print(f"\n{PEOPLE} sign-ups over two instances: slowest {seconds[-1]:.2f} s, "
          f"median {statistics.median(seconds):.2f} s")

    registrations = json.loads(cluster.shell(REGISTRATIONS.replace("SESSION", str(burst["session"])))
                               .strip().splitlines()[-1])
    emails = sorted(person["email"] for person in people)
    assert sorted(r["email"] for r in registrations) == emails  # nobody lost, nobody twice
    confirmed = [r for r in registrations if r["status"] == "confirmed"]
    assert sorted(r["seat"] for r in confirmed) == list(range(1, PLACES + 1))
    assert Counter(r["status"] for r in registrations) == {"confirmed": PLACES, "waiting": PEOPLE - PLACES}
    assert seconds[-1] <= SLOWEST_ACCEPTED_S, f"the slowest sign-up took {seconds[-1]:.2f} s"

    # The e-mails: sent by the worker, once per person (waiting a little longer for duplicates).
    assert cluster.worker_alive(), (
        "the task worker (manage.py db_worker) is not running:\n" + cluster.log("worker")[-3000:])
    started = time.monotonic()
    while time.monotonic() < started + MAIL_WAIT_S:
        sent = {recipient(m) for m in read_mails(cluster.worker_mail) + read_mails(cluster.web_mail)}
        if sent >= set(emails):
            print(f"every e-mail sent {time.monotonic() - started:.1f} s after the last answer")
            time.sleep(2)
            break
        time.sleep(0.5)
    by_request = Counter(recipient(m) for m in read_mails(cluster.web_mail) if recipient(m) in emails)
    by_worker = Counter(recipient(m) for m in read_mails(cluster.worker_mail) if recipient(m) in emails)
    assert not by_request, f"sign-ups sent {sum(by_request.values())} e-mails inside the request"
    assert by_worker == dict.fromkeys(emails, 1), (
        f"e-mails per person after {MAIL_WAIT_S} s: {dict(Counter(by_worker.values()))} "
        f"(count: people), {PEOPLE - len(by_worker)} without one;\n" + cluster.log("worker")[-3000:])
    # A place comes with a calendar invitation; a waiting-list turn does not.
    invited = {recipient(m) for m in read_mails(cluster.worker_mail)
               if any(part.get_content_type() == "text/calendar" for part in m.walk())}
    assert invited & set(emails) == {r["email"] for r in confirmed}
    assert "Traceback" not in cluster.log("a") + cluster.log("b") + cluster.log("worker"), cluster.logs_tail()
