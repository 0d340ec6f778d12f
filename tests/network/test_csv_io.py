"""CSV import of areas and people: the report of every problem, all or nothing, re-import."""
import pytest

from network import csv_io
from network.models import MemberArea, Person
from tests.factories import MemberAreaFactory, OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db

AREAS_CSV = (
    "slug,name,municipality,country,region,kind,member_since,website\n"
    "koge,Køge bymidte,Køge,DK,Region Sjælland,city_centre,2019,https://koge.example\n"
    "boxtel,Boxtel centrum,Boxtel,Netherlands,Noord-Brabant,Village centre,,\n"
)


def problems(plan):
    return [(p.row, p.column) for p in plan.problems]


def test_areas_import_creates_then_reimport_changes_nothing():
    plan = csv_io.import_csv("areas", AREAS_CSV.encode())
    assert plan.ok and len(plan.created) == 2
    koge = MemberArea.objects.get(slug="koge")
    assert koge.country == "DK" and koge.member_since == 2019
    assert MemberArea.objects.get(slug="boxtel").kind == "village_centre"
    again = csv_io.import_csv("areas", AREAS_CSV.encode())
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    assert MemberArea.objects.count() == 2


def test_areas_reimport_updates_by_slug_and_leaves_missing_columns_alone():
    MemberAreaFactory(slug="koge", name="Old name", profile="Kept profile.", country="DK")
    plan = csv_io.import_csv("areas", AREAS_CSV.encode())
    assert len(plan.updated) == 1 and len(plan.created) == 1
    koge = MemberArea.objects.get(slug="koge")
    assert koge.name == "Køge bymidte"
    assert koge.profile == "Kept profile."


def test_bom_and_semicolons_are_understood():
    data = "\ufeff" + AREAS_CSV.replace(",", ";")
    plan = csv_io.import_csv("areas", data.encode("utf-8"))
    assert plan.ok, plan.problems
    assert MemberArea.objects.filter(slug__in=["koge", "boxtel"]).count() == 2


def test_every_problem_is_reported_and_nothing_is_written():
    data = (
        "slug,name,municipality,country,kind,latitude,member_since,website\n"
        "good,Good centre,Goodtown,NL,city_centre,52.1,2020,\n"
        "people,Reserved,X,NL,,,,\n"
        "bad,,Y,XX,castle,north,20x,notaurl\n"
        "good,Again,Z,NL,,,,\n"
    )
    plan = csv_io.import_csv("areas", data.encode())
    assert not plan.ok
    assert set(problems(plan)) == {
        (3, "slug"), (4, "country"), (4, "kind"), (4, "latitude"), (4, "member_since"),
        (4, "name"), (4, "website"), (5, "slug")}
    assert MemberArea.objects.count() == 0  # the good row is not written either


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n  ", "empty"),
    (b"PK\x03\x04\x00\x00binary", "not a CSV text file"),
    ("slug,name,municipality,country\nø,Å,Æ,NL\n".encode("latin-1"), "not UTF-8"),
    (b"slug,name\n", "required column is missing"),
    (b"slug,name,municipality,country,colour\n", "Unknown column"),
    (b"slug,name,name,municipality,country\n", "appears twice"),
    (b"slug,name,municipality,country\n", "no rows"),
    (b"slug,name,municipality,country\nx,y,z,NL,extra\n", "cells"),
    (b"slug,name,municipality,country\n" + b"a" * 200_000 + b",b,c,NL\n", "cannot be read"),
    (b"slug,name,municipality,country\n" + b'"unclosed,b,c,NL\n' * 3, ""),
    (b"x" * (csv_io.MAX_BYTES + 1), "larger than"),
])
def test_bad_files_give_a_report_not_an_error(data, message):
    plan = csv_io.import_csv("areas", data)
    if message:
        assert not plan.ok
        assert any(message in p.message for p in plan.problems), plan.problems
    assert MemberArea.objects.count() == 0 or plan.ok


PEOPLE_HEADER = "name,email,role,organisation,areas,phone,expertise,listed_in_directory\n"


@pytest.fixture
def directory(db):
    koge = MemberAreaFactory(slug="koge", name="Køge bymidte", country="DK")
    boxtel = MemberAreaFactory(slug="boxtel", name="Boxtel centrum")
    OrganisationFactory(name="Køge Handel", area=koge)
    ThemeFactory(name="Vacancy", slug="vacancy")
    ThemeFactory(name="Events", slug="events")
    return {"koge": koge, "boxtel": boxtel}


def test_people_import_and_reimport(directory):
    data = (PEOPLE_HEADER
            + "Louise Kjær,louise@koge.example,centre_manager,Køge Handel,koge,'+45 12 34,"
            + "vacancy|events,yes\n"
            + "No Mail,,Chair,,boxtel,,,no\n").encode()
    plan = csv_io.import_csv("people", data)
    assert plan.ok, plan.problems
    louise = Person.objects.get(name="Louise Kjær")
    assert louise.phone == "+45 12 34"  # the export's formula guard is undone
    assert louise.organisation.name == "Køge Handel"
    assert {t.slug for t in louise.expertise.all()} == {"vacancy", "events"}
    no_mail = Person.objects.get(name="No Mail")
    assert no_mail.role == "chair" and not no_mail.listed_in_directory
    # Same file again: matched by email (any case) and by name + area; nothing duplicated.
    again = csv_io.import_csv("people", data.replace(b"louise@koge", b"LOUISE@KOGE"))
    assert Person.objects.count() == 2
    assert len(again.created) == 0 and len(again.unchanged) == 1 and len(again.updated) == 1


def test_people_import_reports_every_problem(directory):
    PersonFactory(name="Twin", email="twin@example.org")
    PersonFactory(name="Twin 2", email="TWIN@example.org")
    data = (PEOPLE_HEADER
            + "Ok Person,ok@example.org,centre_manager,,koge,,,\n"
            + "Bad Person,not-an-email,wizard,Nowhere Ltd,atlantis,,flying,maybe\n"
            + "Twin,twin@example.org,chair,,,,,\n"
            + "Ok Again,OK@example.org,chair,,,,,\n").encode()
    plan = csv_io.import_csv("people", data)
    assert set(problems(plan)) == {
        (3, "email"), (3, "role"), (3, "organisation"), (3, "areas"), (3, "expertise"),
        (3, "listed_in_directory"), (4, "email"), (5, "email")}
    assert not Person.objects.filter(name__startswith="Ok").exists()


def test_export_then_import_round_trips(directory):
    PersonFactory(name="Mette Holm", email="mette@koge.example", phone="+45 20 00 00 01",
                  areas=[directory["koge"]], bio='Says "hej", likes; commas, too.')
    areas_plan = csv_io.import_csv("areas", csv_io.export_areas().encode())
    people_plan = csv_io.import_csv("people", csv_io.export_people().encode())
    assert areas_plan.ok and people_plan.ok, (areas_plan.problems, people_plan.problems)
    assert len(areas_plan.unchanged) == 2 and len(people_plan.unchanged) == 1
    assert "'+45 20 00 00 01" in csv_io.export_people()


def test_dry_run_writes_nothing():
    plan = csv_io.import_csv("areas", AREAS_CSV.encode(), dry_run=True)
    assert plan.ok and len(plan.created) == 2
    assert MemberArea.objects.count() == 0


def test_a_plan_with_problems_cannot_be_applied():
    plan = csv_io.import_csv("areas", b"")
    with pytest.raises(ValueError):
        csv_io.apply(plan)
