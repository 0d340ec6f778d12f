"""Everything stored about one person, as JSON, and erasing it (GDPR access and erasure).

Related rows in other apps (case-study contacts, session hosts, intervision records, …) are
found generically through the reverse relations of ``Person``, so that ``network`` never
imports the apps that build on it and new relations are picked up without code changes here.
"""
import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, ReferenceIndex

from . import identity
from .models import Person

# Sent by erase_person with ``person``, the ``user`` it was linked to, and ``emails``: the
# addresses that are proven to be theirs (the account's verified address, network/identity.py;
# never the free-text directory address, which anyone may have typed). Apps that keep personal
# data of their own (session registrations, by e-mail address) erase it too, without the core
# importing them.
person_erased = Signal()

EXPORT_ACTION = "network.personal_data_export"
ERASE_ACTION = "network.personal_data_erase"
PERSON_FIELDS = ["name", "role", "job_title", "email", "phone", "bio", "listed_in_directory"]
USER_FIELDS = ["username", "email", "first_name", "last_name", "is_active", "is_staff",
               "is_superuser", "date_joined", "last_login"]


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _reverse_relations():
    """(model, field name) of every relation pointing at Person from another model, hidden ones
    (``related_name="+"``, e.g. session hosts and follow-up owners) included."""
    relations = []
    for field in Person._meta.get_fields(include_hidden=True):
        if not field.auto_created or field.concrete:
            continue  # Person's own fields
        if field.related_model._meta.auto_created:
            continue  # through tables of Person's own many-to-manys
        relations.append((field.related_model, field.remote_field.name))
    return relations


def _parent_label(obj):
    """For a child row (a ParentalKey to a page or record), the parent it belongs to."""
    for field in obj._meta.get_fields():
        if isinstance(field, ParentalKey):
            parent = getattr(obj, field.name, None)
            if parent is not None:
                return {"model": parent._meta.label, "id": parent.pk,
                        "title": str(getattr(parent, "title", "") or parent)}
    return None


def related_rows(person):
    """Rows of other models that refer to ``person``: model, field, id, title and parent."""
    rows = []
    for model, field_name in _reverse_relations():
        for obj in model._default_manager.filter(**{field_name: person}).order_by("pk"):
            row = {"model": model._meta.label, "field": field_name, "id": obj.pk,
                   "title": str(getattr(obj, "title", "") or obj)}
            parent = _parent_label(obj)
            if parent:
                row["parent"] = parent
            rows.append(row)
    return rows


def export_person(person):
    """A JSON-serialisable dict of everything stored about ``person`` (no password hash)."""
    data = {field: _plain(getattr(person, field)) for field in PERSON_FIELDS}
    data["id"] = person.pk
    data["role_label"] = str(person.get_role_display())
    data["organisation"] = ({"id": person.organisation.pk, "name": person.organisation.name}
                            if person.organisation_id else None)
    data["areas"] = [{"id": a.pk, "slug": a.slug, "name": a.name} for a in person.areas.all()]
    data["expertise"] = [{"id": t.pk, "slug": t.slug, "name": t.name} for t in person.expertise.all()]
    data["photo"] = ({"id": person.photo.pk, "title": person.photo.title,
                      "file": person.photo.file.name} if person.photo_id else None)
    user = person.user
    data["user_account"] = None
    if user is not None:
        data["user_account"] = {field: _plain(getattr(user, field, None)) for field in USER_FIELDS}
        data["user_account"]["id"] = user.pk
        data["user_account"]["groups"] = sorted(user.groups.values_list("name", flat=True))
        data["user_account"]["verified_email"] = identity.verified_email(user)
    data["related"] = related_rows(person)
    ct = ContentType.objects.get_for_model(Person)
    data["admin_history"] = [
        {"action": entry.action, "timestamp": _plain(entry.timestamp),
         "by_user_id": entry.user_id}
        for entry in ModelLogEntry.objects.filter(content_type=ct, object_id=str(person.pk))
        .order_by("timestamp")
    ]
    return data


def log_export(person, user):
    """Record in the admin history that someone exported this person's data."""
    log(instance=person, action=EXPORT_ACTION, user=user)


def erased_name(person):
    """The name an erased person keeps: "Former member, <first area>" or "Former member"."""
    area = person.areas.order_by("name").first()
    if area:
        return _("Former member, %(area)s") % {"area": area.name}
    return _("Former member")


def _delete_photo_if_unused(image, person):
    """Delete the photo unless something other than this person uses it (reference index)."""
    ct = ContentType.objects.get_for_model(Person)
    others = ReferenceIndex.get_references_to(image).exclude(
        base_content_type=ct, object_id=str(person.pk))
    if not others.exists():
        image.delete()


@transaction.atomic
def erase_person(person, by_user):
    """Remove ``person``'s personal data; keep the row so that records they touched remain.

    Name becomes "Former member, <area>"; contact details, job title, bio, photo, expertise,
    organisation and the directory listing go; the member areas stay, so case studies,
    sessions and intervision records remain attributed to the area. A linked account is
    deactivated, renamed and emptied of email and name (and its verified address), and
    unlinked. Names stored in earlier admin-history entries are overwritten too. Other apps
    erase their own data on the ``person_erased`` signal: what is linked to the account or
    known by its verified address, never by the free-text directory address. Returns the
    new name.
    """
    new_name = erased_name(person)
    photo = person.photo
    person.name = new_name
    person.role = "other"
    for field in ("job_title", "email", "phone", "bio"):
        setattr(person, field, "")
    person.photo = None
    person.organisation = None
    person.listed_in_directory = False
    person.expertise.set([])
    user = person.user
    # Only a verified address: the directory address (or an unconfirmed account address) may
    # be someone else's, whose registrations must stay.
    proven_email = identity.verified_email(user) if user is not None else ""
    person.user = None
    person.save()
    if photo is not None:
        _delete_photo_if_unused(photo, person)
    if user is not None:
        user.username = f"erased-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        identity.forget(user)
    ct = ContentType.objects.get_for_model(Person)
    ModelLogEntry.objects.filter(content_type=ct, object_id=str(person.pk)).update(
        label=new_name, data={})
    log(instance=person, action=ERASE_ACTION, user=by_user)
    person_erased.send(sender=Person, person=person, user=user,
                       emails=[proven_email] if proven_email else [])
    return new_name
