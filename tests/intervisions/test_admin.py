"""Intervision records are kept in the admin by organisers and by nobody else."""
import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from intervisions.models import IntervisionRecord
from tests.factories import MemberAreaFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(site):
    area = MemberAreaFactory()
    return IntervisionRecord.objects.create(
        date=datetime.date(2026, 3, 12), area=area, case_owner=PersonFactory(areas=[area]),
        method="Incident method", case_question="How do we reach absentee owners?")


def _login(client, django_user_model, name, group=None, staff=True):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw-for-tests-1",
                                                 is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_organisers_see_and_edit_records(client, django_user_model, record):
    _login(client, django_user_model, "org", group="Organisers")
    listing = client.get(reverse("wagtailsnippets_intervisions_intervisionrecord:list"))
    assert listing.status_code == 200
    assert str(record) in listing.content.decode()
    edit = client.get(reverse("wagtailsnippets_intervisions_intervisionrecord:edit", args=[record.pk]))
    assert edit.status_code == 200
    assert "How do we reach absentee owners?" in edit.content.decode()


@pytest.mark.parametrize("group", [None, "Case study contributors"])
def test_other_admin_users_cannot_open_records(client, django_user_model, record, group):
    if group:
        Group.objects.get_or_create(name=group)
    _login(client, django_user_model, "other", group=group)
    edit = client.get(reverse("wagtailsnippets_intervisions_intervisionrecord:edit", args=[record.pk]))
    assert edit.status_code in (302, 403)
    assert "absentee owners" not in edit.content.decode()


def test_admin_addresses_from_before_the_move_lead_to_the_record(client, django_user_model, record):
    """Bookmarks from when records lived in the sessions app (``network_sessions``) still work."""
    _login(client, django_user_model, "org", group="Organisers")
    old = f"/admin/snippets/network_sessions/intervisionrecord/edit/{record.pk}/"
    response = client.get(old, follow=True)
    assert response.redirect_chain == [
        (f"/admin/snippets/intervisions/intervisionrecord/edit/{record.pk}/", 302)]
    assert "How do we reach absentee owners?" in response.content.decode()


def _chooser_url(name, *args):
    return reverse(IntervisionRecord.snippet_viewset.chooser_viewset.get_url_name(name), args=args)


@pytest.mark.parametrize("group", ["Case study contributors", "Network editors"])
@pytest.mark.search_index
def test_record_chooser_and_bulk_delete_reveal_no_record_to_other_admin_users(
        client, django_user_model, record, group):
    """Contributors and editors get 404 for a record on the site; the admin's chooser, its
    "chosen" answer and the bulk-delete confirmation tell them no more (not even date and area)."""
    _login(client, django_user_model, "other", group=group)
    label = str(record)  # "2026-03-12 · <area>"
    for url in (_chooser_url("choose"), _chooser_url("choose_results") + "?q=absentee"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert label not in response.content.decode()
        assert record.area.name not in response.content.decode()
    assert client.get(_chooser_url("chosen", record.pk)).status_code == 404
    assert client.get(_chooser_url("chosen", "not-a-number")).status_code == 404
    multiple = client.get(_chooser_url("chosen_multiple") + f"?id={record.pk}&id=x")
    assert record.area.name not in multiple.content.decode()
    bulk = client.get(reverse("wagtail_bulk_action", args=("intervisions", "intervisionrecord", "delete"))
                      + f"?id={record.pk}")
    assert record.area.name not in bulk.content.decode()
    assert IntervisionRecord.objects.filter(pk=record.pk).exists()


def test_organisers_still_choose_records(client, django_user_model, record):
    _login(client, django_user_model, "org", group="Organisers")
    assert record.area.name in client.get(_chooser_url("choose")).content.decode()
    chosen = client.get(_chooser_url("chosen", record.pk))
    assert chosen.status_code == 200 and record.area.name in chosen.content.decode()
    bulk = client.get(reverse("wagtail_bulk_action", args=("intervisions", "intervisionrecord", "delete"))
                      + f"?id={record.pk}")
    assert record.area.name in bulk.content.decode()
