"""Who may see which intervision record: the one place that decides it.

Every channel that shows anything of an intervision record asks this module. Today that is the
member-area page (``{% area_intervisions %}``); issue 6 (intervision views) will route every
further channel through ``visible_records`` and ``public_summaries`` as well: record pages and
listings, site search, feeds, sitemap, related-content blocks, previews and error pages.
"""
from django.db.models import Q

from .models import ConfidentialityLevel, IntervisionRecord

CHANGE_PERMISSION = "network_sessions.change_intervisionrecord"


def is_organiser(user):
    """Organisers (superusers, or anyone who may change records) see every record."""
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm(CHANGE_PERMISSION)))


def visible_records(user):
    """The intervision records ``user`` may read in full, as a queryset.

    - anonymous or inactive users: none;
    - organisers (superuser, or the ``change_intervisionrecord`` permission): all;
    - a user linked to a Person: the records where that person is case owner, facilitator or
      participant;
    - any logged-in member, in addition: records whose confidentiality is "all members".

    Records at the "public anonymised summary" level stay restricted to participants and
    organisers; only their approved summary is public, through ``public_summaries``.

    Issue 6 routes every channel (pages, listings, search, feeds, sitemap, related blocks,
    previews, error pages) through this function: do not filter records anywhere else.
    """
    records = IntervisionRecord.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return records.none()
    if is_organiser(user):
        return records
    allowed = Q(confidentiality=ConfidentialityLevel.MEMBERS)
    # The reverse one-to-one raises RelatedObjectDoesNotExist (an AttributeError) when the
    # account is not linked to a person.
    person = getattr(user, "person", None)
    if person is not None:
        allowed |= Q(case_owner=person) | Q(facilitator=person) | Q(participants=person)
    # A subquery rather than .distinct(): the participants join would repeat rows.
    return records.filter(pk__in=IntervisionRecord.objects.filter(allowed).values("pk"))


def public_summaries():
    """Records whose anonymised summary the case owner approved, for everyone.

    Show only ``public_summary`` (and themes/date) of these: never the area, the people or
    any other field, which would undo the anonymisation.
    """
    return (IntervisionRecord.objects
            .filter(confidentiality=ConfidentialityLevel.PUBLIC_SUMMARY, public_summary_approved=True)
            .exclude(public_summary=""))
