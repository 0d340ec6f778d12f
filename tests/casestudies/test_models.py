"""The case-study model: validation, presentation helpers, stakeholders."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from casestudies.models import CaseStudyPage, Stakeholder
from tests.factories import MemberAreaFactory

pytestmark = pytest.mark.django_db


def build(**overrides):
    values = dict(title="A case", slug="a-case", summary="Short.", period_start=datetime.date(2022, 1, 1),
                  period_end=datetime.date(2023, 1, 1), body=[])
    values.update(overrides)
    return CaseStudyPage(**values)


@pytest.mark.parametrize("overrides, field", [
    ({"period_end": datetime.date(2021, 12, 31)}, "period_end"),
    ({"ongoing": True}, "ongoing"),
    ({"period_end": None}, "period_end"),
])
def test_period_must_make_sense(overrides, field):
    with pytest.raises(ValidationError) as error:
        build(**overrides).clean()
    assert field in error.value.message_dict


def test_ongoing_case_without_end_date_is_valid():
    build(period_end=None, ongoing=True).clean()


def test_publishing_needs_a_contact_person(make_case):
    page = make_case(live=False, contacts=[])
    page.contacts = []
    with pytest.raises(ValidationError, match="at least one contact person"):
        page.save_revision().publish()
    assert not CaseStudyPage.objects.get(pk=page.pk).live


def test_the_stakeholder_kinds_exist_with_translated_labels():
    assert list(Stakeholder.objects.values_list("code", flat=True)) == [
        "municipality", "entrepreneurs", "property_owners", "residents", "others"]
    with translation.override("en"):
        assert str(Stakeholder.objects.get(code="property_owners")) == "Property owners"


@pytest.mark.parametrize("amount, currency, notes, expected", [
    (85000, "EUR", "per year", "€ 85,000 per year"),
    (1250000, "DKK", "", "1,250,000 kr."),
    (None, "EUR", "per year", ""),
])
def test_budget_display(amount, currency, notes, expected):
    with translation.override("en"):
        assert build(budget_amount=amount, budget_currency=currency, budget_notes=notes).budget_display \
            == expected


@pytest.mark.search_index
def test_search_index_covers_areas_and_tags(make_case):
    area = MemberAreaFactory(name="Svendborg", municipality="Svendborg")
    make_case(title="Harbour street", areas=[area], tags=["greening"])
    for word in ("Svendborg", "greening", "footfall"):
        assert [p.title for p in CaseStudyPage.objects.live().search(word)] == ["Harbour street"]
