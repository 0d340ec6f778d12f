"""The organisers' registrations view in the admin: who signed up, remove, add, CSV, e-mail all."""
import csv
import datetime
import io
import re
from email.utils import parseaddr

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions.models import Registration, RegistrationStatus, SessionStatus
from sessions.registration.places import cancel, register
from tests.factories import MemberAreaFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


def registrations_url(session):
    return url("network_sessions_registrations", session.pk)


@pytest.fixture
def organiser(django_user_model, index):
    """A member of the Organisers group, with its page rights on the programme (as in the demo)."""
    user = django_user_model.objects.create_user("org", "org@example.org", "pw-for-tests-1",
                                                 first_name="Olga", last_name="Organiser")
    user.groups.add(Group.objects.get(name="Organisers"))
    return user


@pytest.fixture
def org_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def areas():
    return (MemberAreaFactory(name="Aarhus Midtby", slug="aarhus"),
            MemberAreaFactory(name="Breda Centrum", slug="breda"))


@pytest.fixture
def full_session(make_session, areas):
    """Two places, both taken, and two people waiting (in this order)."""
    aarhus, breda = areas
    session = make_session(title="Vacancy approaches", slug="vacancy", capacity=2)
    for name, area in [("Ann Østergaard", aarhus), ("Bert de Vries", breda),
                       ("Cas Jansen", breda), ("Dorte Lund", aarhus)]:
        register(session, name=name, email=f"{name.split()[0].lower()}@example.org", area=area,
                 notify=False)
    return session


def html(response):
    return response.content.decode()


def section(page, heading_id):
    """The HTML of one <section> of the registrations page, found by its heading's id."""
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def recipients():
    """The addresses of the e-mails sent, one list per e-mail."""
    return [[parseaddr(to)[1] for to in message.recipients()] for message in mail.outbox]


def reg(name):
    return Registration.objects.get(name=name)


# --- who gets in ------------------------------------------------------------------------------

def test_anonymous_is_sent_to_the_admin_login(client, full_session):
    response = client.get(registrations_url(full_session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_people_who_cannot_edit_the_session_see_no_registrants(client, member_client,
                                                                django_user_model, full_session):
    # A member without admin access goes to the login page ...
    response = member_client.get(registrations_url(full_session), follow=True)
    assert "Ann Østergaard" not in html(response) and "ann@example.org" not in html(response)
    # ... and an admin user without rights on the session to the dashboard (Wagtail's 403).
    other = django_user_model.objects.create_user("editor", "e@example.org", "pw-for-tests-1")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    other.groups.add(group)
    client.force_login(other)
    for address in [registrations_url(full_session),
                    url("network_sessions_registrations_csv", full_session.pk),
                    url("network_sessions_registration_overview")]:
        response = client.get(address)
        assert response.status_code == 302 and response["Location"] == "/admin/", address
    page = html(client.get(registrations_url(full_session), follow=True))
    assert "Ann Østergaard" not in page and "ann@example.org" not in page
    assert "permission" in page
    # Nor can they remove anybody.
    client.post(url("network_sessions_registration_remove", full_session.pk, reg("Ann Østergaard").pk))
    assert reg("Ann Østergaard").status == RegistrationStatus.CONFIRMED


def test_unknown_and_malformed_ids_are_not_found(org_client, full_session, make_session):
    other_session = make_session(capacity=5)
    other_registration = register(other_session, name="Eva", email="eva@example.org", notify=False)
    assert org_client.get("/admin/sessions/999999/registrations/").status_code == 404
    assert org_client.get("/admin/sessions/abc/registrations/").status_code == 404
    assert org_client.get(f"/admin/sessions/{2**70}/registrations/").status_code == 404
    assert org_client.get(f"/admin/sessions/{2**70}/registrations/export.csv").status_code == 404
    # A registration of another session cannot be removed through this one.
    remove = url("network_sessions_registration_remove", full_session.pk, other_registration.pk)
    assert org_client.post(remove).status_code == 404
    assert Registration.objects.get(pk=other_registration.pk).status == RegistrationStatus.CONFIRMED
    assert org_client.post(f"/admin/sessions/{full_session.pk}/registrations/{2**70}/remove/"
                           ).status_code == 404


# --- the list ---------------------------------------------------------------------------------

def test_organiser_sees_places_waiting_list_and_areas(org_client, full_session, organiser, areas):
    register(full_session, name="Eli Added", email="eli@example.org", added_by=organiser,
             notify=False)
    cancel(reg("Dorte Lund"), notify=False)
    response = org_client.get(registrations_url(full_session))
    assert response.status_code == 200
    page = html(response)
    assert "Vacancy approaches" in page and url("wagtailadmin_pages:edit", full_session.pk) in page
    assert "0 places left" in page and "2 of 2 taken" in page
    assert "held until confirmed" not in page and 'id="pending-heading"' not in page
    confirmed = section(page, "confirmed-heading")
    assert confirmed.index("Ann Østergaard") < confirmed.index("Bert de Vries")
    assert "mailto:ann@example.org" in confirmed and "Aarhus Midtby" in confirmed
    assert "Cas Jansen" not in confirmed
    waiting = section(page, "waiting-heading")
    assert waiting.index("Cas Jansen") < waiting.index("Eli Added")
    # Positions 1 and 2, and Eli marked as added by an organiser (Cas is not).
    assert re.search(r"<td>1</td>\s*<th[^>]*>Cas Jansen\s*</th>", waiting)
    assert re.search(r"<td>2</td>\s*<th[^>]*>Eli Added <span", waiting)
    assert "added by an organiser" in waiting.split("Eli Added")[1]
    per_area = section(page, "areas-heading")
    assert re.search(r"Aarhus Midtby</th>\s*<td>1</td><td>0</td>", per_area)
    assert re.search(r"Breda Centrum</th>\s*<td>1</td><td>1</td>", per_area)
    # Dorte cancelled herself: only in the cancelled part, marked as her own doing.
    assert "Dorte Lund" not in confirmed + waiting
    cancelled_part = page[page.index('id="cancelled-registrations"'):]
    assert "Dorte Lund" in cancelled_part and "the person themselves" in cancelled_part


def hold(session, name, area=None):
    """A sign-up awaiting confirmation of its address (as a visitor's is)."""
    return register(session, name=name, email=f"{name.split()[0].lower()}@example.org", area=area,
                    notify=False, hold=True)


def expire(registration):
    Registration.objects.filter(pk=registration.pk).update(
        hold_expires_at=timezone.now() - datetime.timedelta(minutes=1))


def test_organiser_sees_sign_ups_awaiting_confirmation_and_the_seats_they_hold(org_client,
                                                                            make_session, areas):
    aarhus, breda = areas
    session = make_session(capacity=3, max_per_area=2)
    register(session, name="Ann Østergaard", email="ann@example.org", area=aarhus, notify=False)
    bert = hold(session, "Bert de Vries", breda)
    hold(session, "Cas Jansen", aarhus)  # the last seat
    hold(session, "Dorte Lund", breda)  # a turn on the waiting list
    expire(bert)

    page = html(org_client.get(registrations_url(session)))

    # Bert's hold ran out: his seat is free again; Cas still holds the last one.
    assert "3 of 3 taken" not in page and "1 of 3 taken, 1 place left, 1 held until confirmed" in page
    assert "Bert de Vries" not in section(page, "confirmed-heading")
    pending = section(page, "pending-heading")
    assert "Awaiting confirmation" in pending
    assert pending.index("Bert de Vries") < pending.index("Cas Jansen") < pending.index("Dorte Lund")
    cas_row = pending[pending.index("Cas Jansen"):].split("</tr>")[0]
    held_until = timezone.localtime(reg("Cas Jansen").hold_expires_at, session.zone)
    assert "mailto:cas@example.org" in pending[pending.index("Bert de Vries"):]
    assert f"{held_until:%H:%M}" in cas_row and "Remove Cas Jansen" in cas_row
    assert re.search(r"<td>seat 3</td>\s*<th[^>]*>Cas Jansen", pending)
    assert re.search(r"<td>a turn on the waiting list</td>\s*<th[^>]*>Dorte Lund", pending)
    bert_row = pending[pending.index("Bert de Vries"):].split("</tr>")[0]
    assert "not confirmed in time" in bert_row and "seat" not in bert_row
    # The per-area limit counts held sign-ups, as sign-ups do: Breda has Dorte's hold only.
    per_area = section(page, "areas-heading")
    assert re.search(r"Aarhus Midtby <span[^>]*>limit reached</span></th>\s*"
                     r"<td>1</td><td>0</td><td>1</td>", per_area)
    assert re.search(r"Breda Centrum</th>\s*<td>0</td><td>0</td><td>1</td>", per_area)


def test_organiser_cancels_a_pending_hold_and_its_seat_goes_to_the_waiting_list(org_client,
                                                                                make_session):
    session = make_session(capacity=1)
    held = hold(session, "Bert de Vries")
    register(session, name="Cas Jansen", email="cas@example.org", notify=False)
    assert reg("Cas Jansen").is_waiting  # the only seat is held for Bert

    response = org_client.post(url("network_sessions_registration_remove", session.pk, held.pk),
                               follow=True)

    page = html(response)
    assert ("The unconfirmed sign-up of Bert de Vries was cancelled; no e-mail was sent"
            in page and "The held place went to Cas Jansen" in page)
    held.refresh_from_db()
    assert held.status == RegistrationStatus.CANCELLED and held.cancelled_by is not None
    assert reg("Cas Jansen").is_confirmed
    # Only Cas hears about it: Bert's address was never confirmed.
    assert recipients() == [["cas@example.org"]]
    assert 'id="pending-heading"' not in page
    assert "Bert de Vries" in page[page.index('id="cancelled-registrations"'):]


def test_list_needs_the_same_queries_for_2_and_10_registrations(org_client, make_session, areas):
    def queries_for(count):
        session = make_session(capacity=5)
        for n in range(count):
            register(session, name=f"Person {n}", email=f"p{count}-{n}@example.org",
                     area=areas[n % 2], added_by=None, notify=False, hold=n % 3 == 0)
        cancel(Registration.objects.filter(session=session).first(), notify=False)
        with CaptureQueriesContext(connection) as context:
            assert org_client.get(registrations_url(session)).status_code == 200
        return len(context)

    queries_for(1)  # fills Wagtail's cached site root paths, which another test may have emptied
    assert queries_for(10) == queries_for(2)


# --- remove -----------------------------------------------------------------------------------

def test_removing_someone_gives_the_place_to_the_first_on_the_waiting_list(org_client, full_session,
                                                                           organiser):
    remove = url("network_sessions_registration_remove", full_session.pk, reg("Ann Østergaard").pk)
    assert org_client.get(remove).status_code == 405
    assert reg("Ann Østergaard").status == RegistrationStatus.CONFIRMED
    response = org_client.post(remove, follow=True)
    assert response.redirect_chain[-1][0] == registrations_url(full_session)
    ann, cas, dorte = reg("Ann Østergaard"), reg("Cas Jansen"), reg("Dorte Lund")
    assert ann.status == RegistrationStatus.CANCELLED and ann.cancelled_by == organiser
    assert cas.status == RegistrationStatus.CONFIRMED and cas.seat == 1
    assert dorte.status == RegistrationStatus.WAITING
    page = html(response)
    assert "Ann Østergaard was removed" in page and "The place went to Cas Jansen" in page
    # The removed person and the promoted one are told; nobody else.
    assert sorted(recipients()) == [["ann@example.org"], ["cas@example.org"]]
    # In the list, Ann is now among the cancelled, removed by an organiser.
    cancelled_part = page[page.index('id="cancelled-registrations"'):]
    assert "Ann Østergaard" in cancelled_part and "an organiser (Olga Organiser)" in cancelled_part


# --- add by hand ------------------------------------------------------------------------------

def add(client, session, **data):
    data.setdefault("notify", "on")
    return client.post(url("network_sessions_registration_add", session.pk), data, follow=True)


def test_organiser_adds_someone_after_the_deadline(org_client, make_session, areas, organiser):
    session = make_session(capacity=1,
                           registration_closes=timezone.now() - datetime.timedelta(days=1))
    response = add(org_client, session, name="Freja Holm", email="Freja@Example.org",
                   area=areas[0].pk)
    assert "Freja Holm is registered and has seat 1. A confirmation e-mail was sent." in html(response)
    freja = reg("Freja Holm")
    assert freja.is_confirmed and freja.added_by == organiser and freja.area == areas[0]
    assert recipients() == [["freja@example.org"]]
    # The session is full now: the next one goes to the waiting list, without an e-mail.
    response = add(org_client, session, name="Gijs", email="gijs@example.org", area="", notify="")
    assert ("The session is full: Gijs is number 1 on the waiting list. No e-mail was sent."
            in html(response))
    assert reg("Gijs").is_waiting and len(mail.outbox) == 1


def test_refused_addition_keeps_what_was_typed(org_client, full_session, areas):
    aarhus, breda = areas
    # Already registered (whatever the capitalisation): refused, with the typed values kept.
    response = add(org_client, full_session, name="Another Ann", email="ANN@example.org",
                   area=breda.pk, notify="")
    assert response.status_code == 200
    page = html(response)
    assert "ANN@example.org is already registered for this session (confirmed)." in page
    assert 'value="Another Ann"' in page and 'value="ANN@example.org"' in page
    assert f'<option value="{breda.pk}" selected>' in page
    assert not re.search(r'name="notify"[^>]*checked', page)
    assert Registration.objects.filter(name="Another Ann").count() == 0
    # The per-area limit.
    full_session.max_per_area = 2
    full_session.save()
    response = add(org_client, full_session, name="Hanne Aarhus", email="hanne@example.org",
                   area=aarhus.pk)
    page = html(response)
    assert "Aarhus Midtby has reached this session&#x27;s limit of registrations per member area (2)" in page
    assert 'value="Hanne Aarhus"' in page and re.search(r'name="notify"[^>]*checked', page)
    # Invalid input is reported the same way.
    page = html(add(org_client, full_session, name="Ida", email="not-an-address"))
    assert 'value="Ida"' in page and 'value="not-an-address"' in page
    assert "Enter a valid email address." in page
    assert not Registration.objects.filter(name__in=["Hanne Aarhus", "Ida"]).exists()
    assert mail.outbox == []


def test_nobody_can_be_added_to_a_cancelled_session(org_client, full_session):
    full_session.status = SessionStatus.CANCELLED
    full_session.cancellation_reason = "The venue is closed."
    full_session.save()
    page = html(org_client.get(registrations_url(full_session)))
    assert "Nobody can be added any more." in page
    assert url("network_sessions_registration_add", full_session.pk) not in page
    page = html(add(org_client, full_session, name="Jens", email="jens@example.org"))
    assert "This session is cancelled, so registration is closed." in page
    assert 'value="Jens"' in page
    assert not Registration.objects.filter(name="Jens").exists()


# --- CSV --------------------------------------------------------------------------------------

def test_csv_lists_places_then_waiting_list_and_defuses_formulas(org_client, full_session, organiser):
    register(full_session, name="=HYPERLINK(\"http://evil\")", email="eve@example.org",
             added_by=organiser, notify=False)
    cancel(reg("Bert de Vries"), notify=False)  # Cas moves up to seat 2
    response = org_client.get(url("network_sessions_registrations_csv", full_session.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registrations-vacancy.csv"'
    # Names and addresses: kept by no shared cache (the admin adds its own no-cache on top).
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Status", "Seat or position", "Name"]
    assert [(r[0], r[1], r[2], r[3], r[4], r[6]) for r in rows[1:]] == [
        ("Confirmed", "1", "Ann Østergaard", "ann@example.org", "Aarhus Midtby", "no"),
        ("Confirmed", "2", "Cas Jansen", "cas@example.org", "Breda Centrum", "no"),
        ("Waiting list", "1", "Dorte Lund", "dorte@example.org", "Aarhus Midtby", "no"),
        ("Waiting list", "2", "'=HYPERLINK(\"http://evil\")", "eve@example.org", "", "yes"),
    ]
    # Registration times in the session's own zone, with its offset.
    stamp = datetime.datetime.fromisoformat(rows[1][5])
    assert stamp == reg("Ann Østergaard").created_at.replace(microsecond=0)
    assert stamp.utcoffset() == full_session.local_start.utcoffset()


def test_csv_lists_sign_ups_awaiting_confirmation_with_their_hold(org_client, make_session):
    session = make_session(capacity=2)
    register(session, name="Ann Østergaard", email="ann@example.org", notify=False)
    hold(session, "Bert de Vries")  # holds seat 2
    hold(session, "Cas Jansen")  # holds a turn on the waiting list
    expire(hold(session, "Dorte Lund"))  # not confirmed in time: no longer registered

    response = org_client.get(url("network_sessions_registrations_csv", session.pk))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][7] == "Held until"
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("Confirmed", "1", "Ann Østergaard"),
        ("Awaiting confirmation", "2", "Bert de Vries"),
        ("Awaiting confirmation", "", "Cas Jansen"),
    ]
    assert rows[1][7] == ""
    held_until = datetime.datetime.fromisoformat(rows[2][7])
    assert held_until == reg("Bert de Vries").hold_expires_at.replace(microsecond=0)
    assert held_until.utcoffset() == session.local_start.utcoffset()


# --- e-mail everyone --------------------------------------------------------------------------

def test_message_goes_to_each_person_separately(org_client, full_session):
    message_url = url("network_sessions_registrations_message", full_session.pk)
    assert org_client.get(message_url).status_code == 405
    page = html(org_client.get(registrations_url(full_session)))
    assert "Each person gets their own e-mail" in page
    response = org_client.post(message_url, {"subject": "Room change", "body": "We meet in room 2."},
                               follow=True)
    assert "The message was sent to 2 people" in html(response)
    assert sorted(recipients()) == [["ann@example.org"], ["bert@example.org"]]
    for message in mail.outbox:
        assert not message.cc and not message.bcc
        assert message.subject == "Room change" and "We meet in room 2." in message.body
    mail.outbox.clear()
    response = org_client.post(message_url, {"subject": "Reminder", "body": "See you!",
                                              "include_waiting": "on"}, follow=True)
    assert "The message was sent to 4 people" in html(response)
    assert sorted(recipients()) == [["ann@example.org"], ["bert@example.org"],
                                    ["cas@example.org"], ["dorte@example.org"]]


def test_message_form_errors_keep_the_text(org_client, full_session):
    message_url = url("network_sessions_registrations_message", full_session.pk)
    response = org_client.post(message_url, {"subject": "", "body": "Please bring your figures."})
    assert response.status_code == 200
    page = html(response)
    assert "Please bring your figures." in page and "This field is required." in page
    response = org_client.post(message_url, {"subject": "Two\nlines", "body": "Text"})
    assert "Enter this on one line." in html(response)
    assert mail.outbox == []


# --- entry points and overview ----------------------------------------------------------------

def test_entry_points_lead_organisers_to_the_registrations(org_client, full_session, index):
    address = registrations_url(full_session)
    listing = html(org_client.get(url("wagtailadmin_explore", index.pk)))
    assert f'href="{address}"' in listing
    edit_page = html(org_client.get(url("wagtailadmin_pages:edit", full_session.pk)))
    # The header menu button (the registration panel links there too, with another text).
    assert re.search(rf'href="{address}"[^>]*>(?:(?!</a>).)*Registrations\s*</a>', edit_page, re.S)
    dashboard = html(org_client.get("/admin/"))
    assert url("network_sessions_registration_overview") in dashboard


def test_overview_lists_upcoming_sessions_with_counts(org_client, full_session, make_session,
                                                      areas):
    make_session(title="Unpublished plans", live=False)
    past = make_session(title="Last year's session", date=datetime.date(2020, 3, 5))
    assert past.has_ended()
    page = html(org_client.get(url("network_sessions_registration_overview")))
    assert "Vacancy approaches" in page and registrations_url(full_session) in page
    assert re.search(r"2 of 2\s*<span[^>]*>full</span>\s*</td>\s*<td>2</td>", page)
    assert "Unpublished plans" not in page and "Last year's session" not in page


def test_overview_counts_seats_held_for_sign_ups_awaiting_confirmation(org_client, make_session):
    session = make_session(title="Held places", capacity=2)
    register(session, name="Ann Østergaard", email="ann@example.org", notify=False)
    hold(session, "Bert de Vries")
    expire(hold(make_session(title="Lapsed hold", capacity=1), "Cas Jansen"))

    page = html(org_client.get(url("network_sessions_registration_overview")))

    assert re.search(r"1 of 2 \(1 held until confirmed\)\s*<span[^>]*>full</span>", page)
    # A hold that ran out holds nothing.
    assert re.search(r"Lapsed hold</a>\s*</th>\s*<td>.*?</td>\s*<td>0 of 1</td>", page, re.S)


def test_overview_needs_the_same_queries_for_2_and_10_sessions(org_client, make_session, areas):
    def queries_for(count):
        for _ in range(count):
            session = make_session(capacity=3)
            for m in range(2):
                register(session, name=f"P{m}", email=f"p{m}-{session.pk}@example.org",
                         area=areas[m], notify=False)
            hold(session, f"Held {session.pk}")
        with CaptureQueriesContext(connection) as context:
            assert org_client.get(url("network_sessions_registration_overview")).status_code == 200
        return len(context), html(org_client.get(url("network_sessions_registration_overview")))

    queries_for(0)  # fills Wagtail's cached site root paths, which another test may have emptied
    few, _page = queries_for(2)
    many, page = queries_for(8)  # 10 sessions in all now
    assert page.count("2 of 3 (1 held until confirmed)") == 10
    assert many == few
