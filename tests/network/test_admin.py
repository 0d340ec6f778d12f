"""Organisers manage the directory in the Wagtail admin."""
import pytest
from django.urls import reverse

from network.models import Person
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, site):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-for-tests-1")
    client.force_login(user)
    return client


def test_editing_a_person_saves_areas_and_expertise(admin_client):
    a, b = MemberAreaFactory(), MemberAreaFactory()
    theme = ThemeFactory()
    person = PersonFactory(areas=[a])
    url = reverse("wagtailsnippets_network_person:edit", args=[person.pk])
    response = admin_client.post(url, {
        "name": "Renamed Person", "role": "street_manager", "job_title": "", "organisation": "",
        "areas": [a.pk, b.pk], "email": "new@centre.example", "phone": "", "photo": "", "bio": "",
        "expertise": [theme.pk], "listed_in_directory": "on", "user": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(pk=person.pk)
    assert person.name == "Renamed Person"
    assert set(person.areas.all()) == {a, b}
    assert list(person.expertise.all()) == [theme]


@pytest.mark.parametrize("model", ["memberarea", "person", "organisation", "theme"])
@pytest.mark.search_index
def test_listings_search_and_filter(admin_client, model):
    MemberAreaFactory(name="Køge bymidte")
    url = reverse(f"wagtailsnippets_network_{model}:list")
    response = admin_client.get(url, {"q": "Køge"})
    assert response.status_code == 200
    if model == "memberarea":
        assert "Køge bymidte" in response.content.decode()


def test_organisers_group_can_keep_the_directory_but_not_more(client, django_user_model, site):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("org", "org@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    assert client.get(reverse("wagtailsnippets_network_person:add")).status_code == 200
    # Wagtail sends an admin user away from a part they may not use: back to the dashboard.
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- import / export views -------------------------------------------------------------------

@pytest.fixture
def organiser_client(client, django_user_model, site):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("org", "org@example.org", "pw-for-tests-1")
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    client.user = user
    return client


def upload(client, kind, text, action="import", name="directory.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = text if isinstance(text, bytes) else text.encode()
    return client.post(reverse("network_directory_import", args=[kind]),
                       {"file": SimpleUploadedFile(name, data, "text/csv"), "action": action})


def test_tools_page_in_the_directory_menu(organiser_client):
    html = organiser_client.get("/admin/").content.decode()
    assert reverse("network_directory_tools") in html
    page = organiser_client.get(reverse("network_directory_tools")).content.decode()
    assert "Import CSV" in page and "Export CSV" in page


def test_import_view_reports_problems_and_writes_nothing(organiser_client):
    from network.models import MemberArea

    response = upload(organiser_client, "areas",
                      "slug,name,municipality,country\nok,Ok,Ok,NL\nbad,Bad,Bad,XX\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 problem. Nothing was imported." in html, "one report per cell"
    assert "<td>3</td><td>country</td>" in html
    assert not MemberArea.objects.exists()


def test_import_view_check_then_import(organiser_client):
    from network.models import MemberArea

    text = "slug,name,municipality,country\nkoge,Køge,Køge,DK\n"
    html = upload(organiser_client, "areas", text, action="check").content.decode()
    assert "is fine. Importing it would give" in html
    assert not MemberArea.objects.exists()
    html = upload(organiser_client, "areas", text).content.decode()
    assert "has been imported" in html and "Import done: 1 created, 0 updated, 0 unchanged." in html
    html = upload(organiser_client, "areas", text).content.decode()
    assert "Import done: 0 created, 0 updated, 1 unchanged." in html
    assert MemberArea.objects.count() == 1


def test_import_view_survives_a_binary_file(organiser_client):
    response = upload(organiser_client, "people", b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="photo.png")
    assert response.status_code == 200
    assert "not a CSV text file" in response.content.decode()


def test_export_people_carries_contact_details_for_organisers(organiser_client):
    PersonFactory(name="Mette Holm", email="mette@koge.example", phone="+45 20 00 00 01")
    response = organiser_client.get(reverse("network_directory_export", args=["people"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("name,email,role")
    assert "mette@koge.example" in text and "'+45 20 00 00 01" in text
    areas = organiser_client.get(reverse("network_directory_export", args=["areas"]))
    assert areas.content.decode("utf-8-sig").startswith("slug,name,municipality")


@pytest.mark.parametrize("url_name, args", [
    ("network_directory_tools", []),
    ("network_directory_import", ["people"]),
    ("network_directory_export", ["people"]),
    ("network_personal_data_export", [1]),
    ("network_person_erase", [1]),
])
def test_tools_are_closed_to_members_and_anonymous(client, django_user_model, site, url_name, args):
    PersonFactory(pk=1, email="secret@example.org")
    url = reverse(url_name, args=args)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # A logged-in member without admin access is sent away too, and sees no data.
    client.force_login(django_user_model.objects.create_user("m", "m@example.org", "pw-long-1x"))
    response = client.get(url)
    # Without admin access they are asked to log in as someone who has it.
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert b"secret@example.org" not in response.content


def test_admin_user_without_directory_permissions_is_refused(client, django_user_model, site):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", "e@example.org", "pw-long-1x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    PersonFactory(pk=1)
    for name, args in [("network_directory_import", ["areas"]), ("network_directory_export", ["people"]),
                       ("network_personal_data_export", [1]), ("network_person_erase", [1])]:
        # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard.
        response = client.get(reverse(name, args=args))
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))


# --- personal data ---------------------------------------------------------------------------

@pytest.fixture
def touched_person(home_page):
    """A person who is a case-study contact, a session host and an intervision participant."""
    import datetime

    from intervisions.models import IntervisionRecord
    from sessions.models import SessionHost
    from tests.casestudies.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
    from tests.factories import UserFactory
    from tests.sessions.factories import SessionIndexPageFactory, SessionPageFactory

    area = MemberAreaFactory(name="Køge bymidte", slug="koge")
    theme = ThemeFactory(name="Vacancy", slug="vacancy")
    user = UserFactory(username="mette", email="mette@koge.example", first_name="Mette")
    person = PersonFactory(name="Mette Holm", email="mette@koge.example", phone="+45 20 00 00 01",
                           bio="Loves herring.", areas=[area], expertise=[theme], user=user)
    library = CaseStudyIndexPageFactory(parent=home_page)
    case = CaseStudyPageFactory(parent=library, title="Pop-up shops in Køge", areas=[area],
                                contacts=[person])
    programme = SessionIndexPageFactory(parent=home_page)
    session = SessionPageFactory(parent=programme, title="Vacancy session")
    SessionHost.objects.create(page=session, person=person, role="speaker")
    record = IntervisionRecord.objects.create(date=datetime.date(2026, 1, 5), area=area,
                                              case_owner=person, method="Incident method",
                                              case_question="What now?")
    return {"person": person, "case": case, "session": session, "record": record, "user": user,
            "area": area}


def test_personal_data_export_has_everything(organiser_client, touched_person):
    import json

    from wagtail.models import ModelLogEntry

    person = touched_person["person"]
    response = organiser_client.get(reverse("network_personal_data_export", args=[person.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["name"] == "Mette Holm" and data["phone"] == "+45 20 00 00 01"
    assert [a["slug"] for a in data["areas"]] == ["koge"]
    assert [t["slug"] for t in data["expertise"]] == ["vacancy"]
    assert data["user_account"]["username"] == "mette"
    assert "password" not in json.dumps(data["user_account"])
    related = {(row["model"], row["field"]): row for row in data["related"]}
    assert related[("casestudies.CaseStudyContact", "person")]["parent"]["title"] == "Pop-up shops in Køge"
    assert related[("network_sessions.SessionHost", "person")]["parent"]["title"] == "Vacancy session"
    assert ("intervisions.IntervisionRecord", "case_owner") in related
    assert ModelLogEntry.objects.filter(action="network.personal_data_export").count() == 1


def test_erasure_needs_confirmation(organiser_client, touched_person):
    person = touched_person["person"]
    url = reverse("network_person_erase", args=[person.pk])
    page = organiser_client.get(url).content.decode()
    assert "Former member, Køge bymidte" in page and "Pop-up shops in Køge" in page
    organiser_client.post(url, {})
    assert Person.objects.get(pk=person.pk).name == "Mette Holm"


def test_erasure_removes_personal_data_but_keeps_records(organiser_client, touched_person):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import ModelLogEntry

    from casestudies.models import CaseStudyPage
    from intervisions.models import IntervisionRecord
    from sessions.models import SessionHost

    person = touched_person["person"]
    response = organiser_client.post(reverse("network_person_erase", args=[person.pk]),
                                     {"confirm": "erase"})
    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert person.name == "Former member, Køge bymidte"
    assert (person.email, person.phone, person.bio, person.job_title) == ("", "", "", "")
    assert not person.expertise.exists() and not person.listed_in_directory
    assert person.user is None
    assert [a.slug for a in person.areas.all()] == ["koge"]
    user = get_user_model().objects.get(pk=touched_person["user"].pk)
    assert not user.is_active and user.email == "" and user.first_name == ""
    assert user.username.startswith("erased-") and not user.has_usable_password()
    # The records stay, now attributed to the area.
    case = CaseStudyPage.objects.get(pk=touched_person["case"].pk)
    assert [c.person_id for c in case.contacts.all()] == [person.pk]
    assert SessionHost.objects.get(page=touched_person["session"]).person_id == person.pk
    assert IntervisionRecord.objects.get(pk=touched_person["record"].pk).case_owner_id == person.pk
    visitor = Client()
    html = visitor.get(case.url).content.decode()
    assert "Mette Holm" not in html and "Former member, Køge bymidte" in html
    assert not ModelLogEntry.objects.filter(label__contains="Mette").exists()
    assert ModelLogEntry.objects.filter(action="network.personal_data_erase",
                                        object_id=str(person.pk)).exists()
    assert "Mette" not in visitor.get("/en/members/koge/").content.decode()


def test_people_listing_filters_by_area_and_offers_personal_data_actions(organiser_client):
    koge, boxtel = MemberAreaFactory(name="Køge"), MemberAreaFactory(name="Boxtel")
    PersonFactory(name="Mette Holm", areas=[koge])
    PersonFactory(name="Bas Boxtel", areas=[boxtel])
    url = reverse("wagtailsnippets_network_person:list")
    html = organiser_client.get(url, {"areas": koge.pk}).content.decode()
    assert "Mette Holm" in html and "Bas Boxtel" not in html
    assert "Export personal data (JSON)" in html and "Erase personal data" in html


def _image(title):
    """A real (tiny) image in the image library."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


@pytest.mark.reference_index
def test_erasure_deletes_the_photo_unless_something_else_uses_it(organiser_client, touched_person):
    """A portrait only the person used is deleted; one a case study also shows stays (Wagtail's
    reference index says where an image is used)."""
    from wagtail.images import get_image_model

    person, case = touched_person["person"], touched_person["case"]
    shared = _image("shared")
    case.hero_image = shared
    case.save_revision().publish()
    person.photo = shared
    person.save()
    organiser_client.post(reverse("network_person_erase", args=[person.pk]), {"confirm": "erase"})
    assert get_image_model().objects.filter(pk=shared.pk).exists()

    other = PersonFactory(name="Own Portrait", photo=_image("own"))
    own = other.photo
    organiser_client.post(reverse("network_person_erase", args=[other.pk]), {"confirm": "erase"})
    assert not get_image_model().objects.filter(pk=own.pk).exists()
