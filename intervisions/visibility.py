"""Who may see which intervision record: the one place that decides it.

Every channel that shows anything of an intervision record asks this module: the member-area
page and related-content blocks (``intervisions.templatetags.intervision_tags``), the record
pages, listings, open-actions overview, attachment downloads and the follow-up form
(``intervisions.views``), and the public summaries page. Site search, feeds and the
sitemap never contain records at all: records are not pages and are not indexed.
"""
from django.db.models import Q
from django.http import Http404

from network.ids import is_valid_id

from .models import ConfidentialityLevel, FollowUpAction, IntervisionRecord
from .permissions import CHANGE_PERMISSION


def is_organiser(user):
    """Organisers (superusers, or anyone who may change records) see every record."""
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm(CHANGE_PERMISSION)))


def person_of(user):
    """The directory person linked to ``user``, or None."""
    if not (user and user.is_authenticated):
        return None
    # The reverse one-to-one raises RelatedObjectDoesNotExist (an AttributeError) when the
    # account is not linked to a person.
    return getattr(user, "person", None)


def visible_records(user):
    """The intervision records ``user`` may read in full, as a queryset.

    - anonymous or inactive users: none;
    - organisers (superuser, or the ``change_intervisionrecord`` permission): all;
    - a user linked to a Person: the records where that person is case owner, facilitator,
      minute-taker, participant or on the attendance list;
    - any logged-in member, in addition: records whose confidentiality is "all members".

    Records at the "public anonymised summary" level stay restricted to participants and
    organisers; only their approved summary is public, through ``public_summaries``.

    Every channel (pages, listings, related blocks, attachments, forms) goes through this
    function: do not filter records anywhere else.
    """
    records = IntervisionRecord.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return records.none()
    if is_organiser(user):
        return records
    allowed = Q(confidentiality=ConfidentialityLevel.MEMBERS)
    person = person_of(user)
    if person is not None:
        allowed |= (Q(case_owner=person) | Q(facilitator=person) | Q(minute_taker=person)
                    | Q(participants=person) | Q(attendance__person=person))
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


def visible_record_or_404(user, pk):
    """The record ``pk`` if ``user`` may see it; otherwise 404, for anonymous visitors too.

    Never 403 and never a login redirect: both would reveal that the record exists.
    """
    if not is_valid_id(pk):
        raise Http404
    record = visible_records(user).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def can_report_follow_up(user, record):
    """The case owner (and organisers) may add the follow-up report and update actions."""
    if is_organiser(user):
        return True
    person = person_of(user)
    return person is not None and record.case_owner_id == person.pk


def open_actions(user):
    """Open and in-progress follow-up actions ``user`` should see in the overview.

    Organisers see all of them; anyone else only the actions they own, and only of records
    they may see (an owner dropped from a record's group loses sight of it like anyone else).
    """
    actions = (FollowUpAction.objects
               .filter(status__in=[FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS],
                       record__in=visible_records(user))
               .select_related("record", "record__area", "owner")
               .order_by("due_date", "record__date", "sort_order", "pk"))
    if is_organiser(user):
        return actions
    person = person_of(user)
    if person is None:
        return actions.none()
    return actions.filter(owner=person)


def related_records(user, page):
    """Records linked to a page (a session, or a case study) that ``user`` may see.

    Matched by the page's translation key on each link a record has to pages, so this module
    needs to know no page types of other apps, and the Dutch or Danish version of a session or
    case study shows the records linked to its original (#15).
    """
    visible = visible_records(user)
    if visible.query.is_empty():
        # Nothing to see (an anonymous visitor): no need to build the links' joins, on every
        # session and case-study page a visitor reads (#17).
        return visible
    key = page.translation_key
    records = visible.filter(
        Q(session__translation_key=key) | Q(related_sessions__translation_key=key)
        | Q(related_case_studies__translation_key=key))
    return IntervisionRecord.objects.filter(pk__in=records.values("pk")).select_related("method")

