"""The demo network: what it contains, and that loading it again changes nothing.

One test function, because loading the whole demo network (every app's demo module) is the
slow part: it looks at the network the suite loads once (``demo_network``), then runs the
command twice more: once as shipped, once after the admin password was changed.
"""
import hashlib
import re
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from wagtail.models import Revision

from intervisions.models import ConfidentialityLevel, FollowUpAction, IntervisionRecord
from network import demo
from network.models import HomePage, MemberArea, Organisation, Person, StandardPage, Theme

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_network", stdout=out)
    return out.getvalue()


def snapshot():
    """A digest of the raw rows of every table Django manages, per model."""
    digests = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608 (names from models)
            digests[model._meta.label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


def changed_tables(before, after):
    return sorted(label for label in before.keys() | after.keys()
                  if before.get(label) != after.get(label))


def test_demo_network_is_complete_and_loading_it_again_changes_nothing(demo_network):
    first_output = demo_network.output

    # --- core content ---
    assert list(Theme.objects.order_by("sort_order").values_list("slug", flat=True)) == demo.THEME_SLUGS
    assert all(t.description and "," in t.search_terms for t in Theme.objects.all())
    assert "leegstand" in demo.theme("vacancy").search_terms
    assert "tomme butikker" in demo.theme("vacancy").search_terms

    areas = MemberArea.objects.all()
    assert sorted(areas.values_list("slug", flat=True)) == sorted(demo.AREA_SLUGS)
    assert areas.filter(country="NL").count() >= 6 and areas.filter(country="DK").count() >= 6
    assert areas.count() >= 12
    # Each area is described in its own words, not one text copied to all of them.
    profiles = list(areas.values_list("profile", flat=True))
    assert len(set(profiles)) == len(profiles)
    for member_area in areas:
        assert member_area.municipality and member_area.region and member_area.website
        assert member_area.latitude and member_area.longitude and member_area.organisation_model
        assert member_area.profile, member_area.slug
        assert member_area.organisations.filter(kind="municipality").exists(), member_area.slug
        assert member_area.organisations.exclude(kind="municipality").exists(), member_area.slug
        main_contact = demo.people_of(member_area.slug)[0]
        assert main_contact.role != "network_coordinator"
    assert demo.area("koge").name == "Køge"
    assert demo.area("den-bosch").municipality == "'s-Hertogenbosch"
    assert areas.filter(membership_status="prospect").count() == 1
    assert Organisation.objects.filter(area=None, kind="network").exists()
    assert Organisation.objects.filter(area=None, kind="consultancy").exists()

    people = Person.objects.all()
    assert people.count() >= 30
    assert 2 <= people.filter(listed_in_directory=False).count() <= 3
    assert not people.filter(email="").exists() and not people.filter(bio="").exists()
    assert all(p.email.split("@")[1].endswith(".example") for p in people)
    assert all(p.phone.startswith(("+31 6 ", "+45 ")) for p in people)
    assert people.filter(expertise__isnull=True).count() == 0
    assert demo.coordinator().role == "network_coordinator"
    assert demo.coordinator().organisation.kind == "network"

    # --- accounts ---
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.check_password(demo.DEMO_PASSWORD)
    # Logins are printed on SITE_URL (the test settings' http://testserver), not a fixed port.
    assert "Admin login: admin / network-demo (http://testserver/admin/)" in first_output
    assert ":8000" not in first_output
    member = users.get(username="member")
    assert member.person.areas.filter(country="NL").exists() and not member.is_staff
    organiser = users.get(username="organiser")
    assert organiser.person == demo.coordinator() and organiser.is_staff
    assert organiser.groups.filter(name="Organisers").exists()

    # --- pages ---
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    assert home.live and home.intro and len(home.body) >= 6
    texts = {}
    for slug in ("about", "intervision"):
        page = StandardPage.objects.child_of(home).get(slug=slug)
        assert page.live and page.intro, slug
        blocks = [re.sub(r"<[^>]+>", " ", str(block.value)).strip() for block in page.body]
        assert blocks and all(blocks), slug
        assert len(set(blocks)) == len(blocks), slug  # no paragraph written twice
        texts[slug] = " ".join(blocks)
    assert texts["about"] != texts["intervision"]

    # --- intervision records ---
    records = IntervisionRecord.objects.all()
    assert records.count() >= 3
    assert set(records.values_list("confidentiality", flat=True)) == set(ConfidentialityLevel.values)
    public = records.get(confidentiality=ConfidentialityLevel.PUBLIC_SUMMARY)
    assert public.public_summary and public.public_summary_approved
    assert records.exclude(follow_up_report="").exists()
    for record in records:
        assert record.case_owner in demo.people_of(record.area.slug)
        assert record.facilitator == demo.coordinator()
        other_areas = {a.pk for p in record.participants.all() for a in p.areas.all()}
        assert 3 <= len(other_areas) <= 5 and record.area_id not in other_areas
        assert record.themes.exists() and record.actions.exists()
    actions = FollowUpAction.objects.all()
    assert {"open", "in_progress", "done"} <= set(actions.values_list("status", flat=True))
    assert actions.filter(status="open", due_date__lt=date(2026, 11, 1)).exists()  # overdue

    # --- a second run changes nothing at all ---
    before = snapshot()
    revisions = Revision.objects.count()
    second_output = load()
    assert changed_tables(before, snapshot()) == []
    assert Revision.objects.count() == revisions
    assert "Admin login: admin / network-demo" in second_output

    # --- a changed admin password is kept, and the command says how to reset it ---
    admin.set_password("chosen-by-the-admin")
    admin.save()
    before = snapshot()
    third_output = load()
    assert changed_tables(before, snapshot()) == []
    assert users.get(username="admin").check_password("chosen-by-the-admin")
    assert "Admin login: admin / network-demo" not in third_output
    assert "changepassword admin" in third_output
