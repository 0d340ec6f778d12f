"""Thematic sessions, working-group series, and the intervision records kept about them."""
import re
import zoneinfo
from datetime import UTC, datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from network.blocks import RICH_TEXT_FEATURES, DocumentBlock
from network.models import MemberArea, Person, Theme

# Calendar bookkeeping for sessions that left feeds (see feed_history.py).
from ..localtime import check_session_times
from ..localtime import zone_abbreviation as abbreviation_at
from . import feed_history
from .feed_history import FeedChange, FeedTombstone  # noqa: F401

# The registration tables live in their own module (it refers to SessionPage by name only);
# importing them here registers them with Django and keeps `sessions.models.X` working.
from .registration import (  # noqa: F401
    ACTIVE_STATUSES,
    Participant,
    Registration,
    RegistrationStatus,
)

TIME_ZONE_CHOICES = [
    ("Europe/Amsterdam", "Europe/Amsterdam"),
    ("Europe/Copenhagen", "Europe/Copenhagen"),
]


class SessionFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")


class SeriesSessionsPanel(Panel):
    """Read-only list of a series' sessions in date order (drafts too), with edit links."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "sessions/admin/series_sessions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["sessions"] = (SessionPage.objects.filter(series=self.instance)
                                   .order_by("starts_at", "pk") if self.instance.pk else [])
            return context


class SessionSeries(index.Indexed, ClusterableModel):
    """A run of sessions: the year's monthly programme, or a closed working group."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Thematic programme")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True,
                            help_text=_("Part of the series' calendar address: do not change it once "
                                        "people have subscribed."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.PROGRAMME)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(Person, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="organised_series")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"),
              FieldPanel("description"), FieldPanel("organiser"),
              SeriesSessionsPanel(heading=_("Sessions in this series"))]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("session series")
        verbose_name_plural = _("session series")

    def __str__(self):
        return self.name

    def ordered_sessions(self):
        """The series' live, public sessions in date order (what the public may see)."""
        return SessionPage.objects.live().public().filter(series=self).order_by("starts_at", "pk")


class SessionPageQuerySet(PageQuerySet):
    def published(self):
        """Live sessions outside any view restriction: the only ones pages and feeds show."""
        return self.live().public()

    def upcoming(self, now=None):
        """Sessions that have not ended yet."""
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        """Sessions that have ended."""
        return self.filter(ends_at__lt=now or timezone.now())

    def with_registration_counts(self):
        """Annotate ``confirmed_count`` and ``waiting_count`` (one query for a whole listing)."""
        return self.annotate(
            confirmed_count=models.Count("registrations", filter=models.Q(
                registrations__status=RegistrationStatus.CONFIRMED)),
            waiting_count=models.Count("registrations", filter=models.Q(
                registrations__status=RegistrationStatus.WAITING)))

    def in_feed_window(self, now=None):
        """All future sessions and those of the past twelve months (what calendars carry)."""
        now = now or timezone.now()
        return self.filter(ends_at__gte=now - relativedelta(months=FEED_PAST_MONTHS))


SessionPageManager = PageManager.from_queryset(SessionPageQuerySet)

# How far back calendar feeds reach.
FEED_PAST_MONTHS = 12
# "Not looked up yet", as opposed to None ("looked up: there is none").
UNKNOWN = object()


class SessionIndexPage(Page):
    """The programme: upcoming and past sessions, filters, a month view and calendar links."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["network_sessions.SessionPage"]
    max_count = 1
    # The app label is network_sessions, but the templates live in templates/sessions/.
    template = "sessions/session_index_page.html"

    class Meta:
        verbose_name = _("session programme")

    def get_context(self, request, *args, **kwargs):
        from ..listing import build_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(build_listing(request, self))
        return context


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"))
    item = blocks.CharBlock(label=_("Item"))

    class Meta:
        icon = "time"
        label = _("Agenda item")


# Fields whose value appears in the calendar feeds: a change to any of them is a "real change"
# (new DTSTAMP / LAST-MODIFIED), so unchanged data gives byte-identical feeds.
FEED_FIELDS = ("title", "slug", "date", "start_time", "end_time", "time_zone", "format", "venue",
               "address", "description", "status", "cancellation_reason")
# Changes that calendar clients must apply over their stored copy (RFC 5545 SEQUENCE): the time,
# the place (format, venue, address) and the status. The time counts as the UTC instants, not
# the wall-clock fields (see _track_changes): the same instant in another zone is no reschedule.
# The join link is not in public feeds, so a new link is not a place change for subscribers.
SEQUENCE_FIELDS = ("format", "venue", "address", "status")
_TRACKED_STATE = ("sequence", "changed_at", "previous_starts_at", "previous_ends_at")
# The rich-text editor may write new random block keys for unchanged paragraphs; they never
# reach the feed (plain text), so they are not a change.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _comparable(field, value):
    if field == "description" and value:
        return _BLOCK_KEY.sub("", value)
    return value


class RegistrationSummaryPanel(Panel):
    """Read-only: places taken and the waiting list, with a link to the registrations view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "sessions/admin/registration_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["session"] = self.instance
            context["counts"] = self.instance.registration_counts() if self.instance.pk else None
            return context


class SessionPage(RoutablePageMixin, Page):
    """One thematic session, working-group meeting or other network meeting.

    Organisers enter the date and wall-clock times in the session's own time zone, as they
    think of them; ``starts_at``/``ends_at`` hold the same instants in UTC for queries.

    ``sequence`` and ``changed_at`` are calendar bookkeeping kept by ``save()``: see
    ``_track_changes``.
    """

    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="sessions",
                                     blank=True)
    series = models.ForeignKey(SessionSeries, verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONE_CHOICES,
                                 default="Europe/Amsterdam",
                                 help_text=_("The date and times above are wall-clock times in this "
                                             "zone."))
    starts_at = models.DateTimeField(_("starts at (UTC)"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends at (UTC)"), editable=False)
    format = models.CharField(_("format"), max_length=12, choices=SessionFormat.choices,
                              default=SessionFormat.ONLINE)
    join_url = models.URLField(_("online meeting link"), blank=True,
                               help_text=_("Shown only to registered people and organisers; never "
                                           "in public calendars."))
    venue = models.CharField(_("venue"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    host_area = models.ForeignKey(MemberArea, verbose_name=_("host area"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="hosted_sessions")
    organiser = models.ForeignKey(Person, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="organised_sessions")
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name=_("agenda"), blank=True)
    summary = RichTextField(_("summary afterwards"), blank=True, features=RICH_TEXT_FEATURES)
    materials = StreamField([("document", DocumentBlock())], verbose_name=_("slides and documents"),
                            blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True,
        help_text=_("Number of places. When they are taken, people join the waiting list. "
                    "Empty: no limit."))
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    max_per_area = models.PositiveSmallIntegerField(
        _("places per member area"), null=True, blank=True,
        help_text=_("At most this many people from one member area (centre). Empty: no limit."))
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.SCHEDULED,
                              help_text=_("Changing the date or time of a published session marks "
                                          "it as moved automatically."))
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=255,
                                           blank=True)
    previous_starts_at = models.DateTimeField(_("previous start (UTC)"), null=True, blank=True,
                                              editable=False)
    previous_ends_at = models.DateTimeField(_("previous end (UTC)"), null=True, blank=True,
                                            editable=False)
    # Calendar bookkeeping (RFC 5545): SEQUENCE and the time of the last real change.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The SEQUENCE registered people were last told about by e-mail (see registration.py).
    notified_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = SessionPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
            FieldPanel("time_zone"),
        ], heading=_("When")),
        MultiFieldPanel([FieldPanel("format"), FieldPanel("join_url"), FieldPanel("venue"),
                         FieldPanel("address"), FieldPanel("host_area")], heading=_("Where")),
        MultiFieldPanel([FieldPanel("series"), FieldPanel("themes"), FieldPanel("organiser")],
                        heading=_("Programme")),
        InlinePanel("hosts", label=_("Hosts and speakers")),
        FieldPanel("description"),
        FieldPanel("agenda"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_per_area")]),
                         FieldRowPanel([FieldPanel("registration_opens"),
                                        FieldPanel("registration_closes")]),
                         RegistrationSummaryPanel()], heading=_("Registration")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("cancellation_reason")],
                        heading=_("Status")),
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("materials"),
                         FieldPanel("recording_url")], heading=_("Afterwards")),
    ]
    # The join link is deliberately not indexed: search results are public.
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("summary"),
        index.FilterField("starts_at"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    parent_page_types = ["network_sessions.SessionIndexPage"]
    subpage_types = []
    template = "sessions/session_page.html"
    # A copy is a new event for calendars: it starts its own history.
    exclude_fields_in_copy = list(_TRACKED_STATE) + ["notified_sequence"]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        errors.update(self._local_time_errors())
        if self.status == SessionStatus.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Tell participants why the session is cancelled.")
        if (self.registration_opens and self.registration_closes
                and self.registration_closes <= self.registration_opens):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.capacity == 0:
            errors["capacity"] = _("A session needs at least one place; leave it empty for no "
                                   "limit.")
        if self.max_per_area == 0:
            errors["max_per_area"] = _("Allow at least one person per area; leave it empty for "
                                       "no limit.")
        if errors:
            raise ValidationError(errors)

    def _local_time_errors(self):
        """Start or end times that a daylight-saving change skips or repeats, by field."""

        if not (self.date and self.start_time and self.end_time
                and self.time_zone in dict(TIME_ZONE_CHOICES)):
            return {}
        problems = check_session_times(self.date, self.start_time, self.end_time, self.time_zone)
        return {field: problem.message for field, problem in problems.items()}

    # --- time -------------------------------------------------------------------------------

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_bounds(self):
        """Return (start, end) as aware datetimes in the session's own time zone."""
        tz = self.zone
        return (datetime.combine(self.date, self.start_time, tzinfo=tz),
                datetime.combine(self.date, self.end_time, tzinfo=tz))

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def zone_abbreviation(self):
        """CET/CEST etc. at the session's start, so readers see which offset applies (the UTC
        offset, e.g. "+01:00", if the zone has no name for it)."""

        return abbreviation_at(self.local_start)

    @property
    def previous_local_start(self):
        return self.previous_starts_at.astimezone(self.zone) if self.previous_starts_at else None

    @property
    def previous_local_end(self):
        return self.previous_ends_at.astimezone(self.zone) if self.previous_ends_at else None

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def is_moved(self):
        return self.status == SessionStatus.MOVED and self.previous_starts_at is not None

    def has_ended(self, now=None):
        return self.ends_at < (now or timezone.now())

    # --- place and access -------------------------------------------------------------------

    def location_text(self):
        """The place as one line (calendar LOCATION): venue and address, or "Online"."""
        place = ", ".join(part for part in (self.venue.strip(), self.address.strip()) if part)
        if self.format == SessionFormat.ONLINE:
            return str(_("Online"))
        if self.format == SessionFormat.HYBRID:
            return str(_("%(place)s and online") % {"place": place}) if place else str(_("Online"))
        return place

    def can_see_join_link(self, user, registration=UNKNOWN):
        """Whether ``user`` may see the online meeting link.

        Staff, people who may edit this session (the organisers), and people with a confirmed
        place. Every template and feed asks this one method. (Registered people without an
        account get the link by e-mail and in their personal calendar.) Pass the user's
        ``registration`` (or None) if it is already known, to save a query.
        """
        if not self.join_url or user is None or not user.is_authenticated or not user.is_active:
            return False
        if registration is UNKNOWN:
            registration = self.registration_for(user)
        if registration is not None and registration.is_confirmed:
            return True
        return user.is_staff or self.permissions_for_user(user).can_edit()

    def registration_for(self, user):
        """The logged-in user's active registration for this session (by account or by the
        account's e-mail address), or None."""
        if user is None or not user.is_authenticated or self.pk is None:
            return None
        return (Registration.objects.active()
                .filter(session=self, participant__in=Participant.objects.for_user(user))
                .select_related("participant").first())

    def registration_state(self, now=None):
        """Whether people can sign up now: 'open', or why not.

        'cancelled', 'started' (the session has begun or is past), 'not_yet' (before
        registration opens) or 'closed' (after its deadline).
        """
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if self.starts_at and now >= self.starts_at:
            return "started"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if self.registration_closes and now >= self.registration_closes:
            return "closed"
        return "open"

    def registration_counts(self):
        """{'confirmed': n, 'waiting': m} from one query (use the listing's annotation in loops)."""
        counts = dict.fromkeys(("confirmed", "waiting"), 0)
        if self.pk is None:  # a preview of a page not saved yet
            return counts
        rows = (self.registrations.filter(status__in=[RegistrationStatus.CONFIRMED,
                                                      RegistrationStatus.WAITING])
                .values_list("status").annotate(n=models.Count("pk")))
        counts.update({status: n for status, n in rows})
        return counts

    def seats_left(self, confirmed=None):
        """Free places, or None when the session has no capacity limit."""
        if self.capacity is None:
            return None
        if confirmed is None:
            # Listings annotate the count (with_registration_counts); a single page asks.
            confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registration_counts()["confirmed"]
        return max(self.capacity - confirmed, 0)

    @property
    def calendar_uid(self):
        """The event's UID in every calendar; never changes (RFC 5545 §3.8.4.7)."""
        return f"session-{self.pk}@{settings.CALENDAR_UID_DOMAIN}"

    # --- site search (the hooks network's search page asks every page) ----------------------

    def search_snippet(self):
        """What the session is about, for its search result (markup is stripped there)."""
        text = self.search_description or self.description or self.summary
        if not text:
            text = ", ".join(item["value"].get("item", "") for item in self.agenda.raw_data
                             if isinstance(item.get("value"), dict))
        return text

    def search_meta(self):
        """Date, time and zone, format and status, as safe inline HTML (no queries)."""
        from django.template.loader import render_to_string

        return render_to_string("sessions/includes/search_meta.html", {"session": self})

    # --- page --------------------------------------------------------------------------------

    def series_position(self):
        """(n, total) of this session among its series' public sessions, or None."""
        if not self.series_id:
            return None
        ids = list(self.series.ordered_sessions().values_list("pk", flat=True))
        return (ids.index(self.pk) + 1, len(ids)) if self.pk in ids else None

    def get_context(self, request, *args, **kwargs):
        from django.urls import reverse

        from ..forms import RegistrationForm
        from ..links import session_links, subscription_links

        # A preview renders unsaved values: derive the instants the templates show from them.
        self.set_instants()
        context = super().get_context(request, *args, **kwargs)
        feeds = [subscription_links(request, reverse("sessions:calendar_all"), str(_("All sessions")))]
        if self.series_id:
            feeds.insert(0, subscription_links(
                request, reverse("sessions:calendar_series", kwargs={"slug": self.series.slug}),
                self.series.name))
        counts = self.registration_counts()
        registration = self.registration_for(request.user)
        context.update({
            "index_url": self.get_parent().get_url(request),
            "hosts": self.hosts.select_related("person"),
            "themes": self.themes.all(),
            "show_join_link": self.can_see_join_link(request.user, registration),
            "registration_state": self.registration_state(),
            "registration": registration,
            "registration_counts": counts,
            "seats_left": self.seats_left(counts["confirmed"]),
            "registration_form": RegistrationForm(
                initial=RegistrationForm.initial_for(request.user)),
            "register_url": (self.get_url(request) or "") + self.reverse_subpage("register"),
            "has_ended": self.has_ended(),
            "series_position": self.series_position(),
            # A preview of a page never saved has no id, so no calendar file yet.
            "calendar": session_links(request, self) if self.pk else None,
            "feeds": feeds,
        })
        return context

    @path("register/")
    def register(self, request):
        """The sign-up form posts here (see registration_views.register_for_session)."""
        from ..registration_views import register_for_session

        return register_for_session(self, request)

    # --- saving and change tracking ---------------------------------------------------------

    def set_instants(self):
        """Derive ``starts_at``/``ends_at`` (UTC) from the date, wall-clock times and zone."""
        if self.date and self.start_time and self.end_time:
            start, end = self.local_bounds()
            self.starts_at = start.astimezone(UTC)
            self.ends_at = end.astimezone(UTC)

    def save(self, *args, **kwargs):
        self.set_instants()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & {*FEED_FIELDS, "series", "series_id"}:
            self._track_changes()
            if update_fields is not None:
                kwargs["update_fields"] = list(update_fields) + [
                    f for f in _TRACKED_STATE + ("starts_at", "ends_at", "status")
                    if f not in update_fields]
        # Saving a draft revision writes only bookkeeping columns (latest_revision, draft_title…)
        # of the live row: the draft's other values stay in memory and are not tracked here.
        super().save(*args, **kwargs)

    def _track_changes(self):
        """Set sequence, changed_at and previous_* from the stored (live) row.

        Wagtail saves the *whole* page when it publishes a revision, with values from the
        revision's content, which also carries this bookkeeping as it was when the draft was
        saved. So the stored row, never the in-memory values, is the baseline:

        - a new page starts at sequence 0, changed now;
        - any change to a FEED_FIELDS value, or the page (re)appearing live, sets changed_at;
        - once the session has been published, a change of time, place or status raises the
          sequence by one; a time change also records the previous time and marks it moved.
          The time is the UTC instants (start and end): another zone with the same instants
          only sets changed_at (the feeds' TZID changes), not the sequence, so nobody is told
          that the time has changed.
        """
        now = timezone.now()
        stored = None
        if self.pk:
            stored = (SessionPage.objects.filter(pk=self.pk)
                      .values(*FEED_FIELDS, *_TRACKED_STATE, "starts_at", "ends_at", "live",
                              "first_published_at", "series_id").first())
        if stored is None:
            self.sequence = 0
            self.changed_at = now
            self.previous_starts_at = self.previous_ends_at = None
            return
        for field in _TRACKED_STATE:
            setattr(self, field, stored[field])
        if stored["series_id"] != self.series_id:
            # It left one series' feed and joined another's: both feeds' membership changed.
            feed_history.bump([f"series:{pk}" for pk in (stored["series_id"], self.series_id) if pk])
        changed = {f for f in FEED_FIELDS
                   if _comparable(f, getattr(self, f)) != _comparable(f, stored[f])}
        if changed or (self.live and not stored["live"]) or self.changed_at is None:
            self.changed_at = now
        if stored["first_published_at"] is None:
            # Never published: no subscriber holds a copy yet, nothing to sequence.
            return
        time_changed = (self.starts_at != stored["starts_at"] or self.ends_at != stored["ends_at"])
        if time_changed:
            self.previous_starts_at = stored["starts_at"]
            self.previous_ends_at = stored["ends_at"]
            if self.status != SessionStatus.CANCELLED:
                self.status = SessionStatus.MOVED
        if time_changed or changed & set(SEQUENCE_FIELDS) or self.status != stored["status"]:
            self.sequence = stored["sequence"] + 1


class SessionHost(Orderable):
    """A host or speaker: a person from the directory, or a name for outside guests."""

    page = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="hosts")
    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name (if not in the directory)"), max_length=120, blank=True)
    role = models.CharField(_("role in the session"), max_length=120, blank=True)

    panels = [FieldPanel("person"), FieldPanel("name"), FieldPanel("role")]

    def __str__(self):
        return self.person.name if self.person_id else self.name

    def clean(self):
        super().clean()
        if not self.person_id and not self.name.strip():
            raise ValidationError(_("Choose a person from the directory or type a name."))


class ConfidentialityLevel(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants only")
    MEMBERS = "members", _("All members")
    PUBLIC_SUMMARY = "public_summary", _("Public anonymised summary")


def is_widening(old, new):
    """Whether moving a record from level ``old`` to ``new`` lets more people see something.

    "Participants only" is the narrowest level, so moving *to* it is always a narrowing.
    "All members" and "public summary" are not ordered: the first opens the full record to
    every member, the second publishes a summary to everyone. Each therefore widens access
    for somebody compared with any other level, and needs the case owner's consent.
    """
    return bool(old) and old != new and new != ConfidentialityLevel.PARTICIPANTS


class IntervisionMethod(models.Model):
    """A method of peer consultation (incident method, ten-step, Balint, …); editors extend it."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    phases = models.TextField(_("phases"), blank=True,
                              help_text=_("One phase per line, in the order they are run."))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("phases")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervision method")
        verbose_name_plural = _("intervision methods")

    def __str__(self):
        return self.name

    def phase_list(self):
        """The phases as a list of non-empty lines."""
        return [line.strip() for line in self.phases.splitlines() if line.strip()]


class IntervisionRecordForm(WagtailAdminModelForm):
    """Admin form: widening the level needs the case owner's consent, which it records."""

    owner_consent = forms.BooleanField(
        label=_("The case owner consents to widening the confidentiality level"), required=False,
        help_text=_("Needed only when the level is widened (to all members or to a public "
                    "summary). The consent is recorded with your name and the time."))

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user

    def clean(self):
        cleaned = super().clean()
        # Read by IntervisionRecord.clean() (run by the model form after this) and save().
        self.instance.widening_consent = bool(cleaned.get("owner_consent"))
        self.instance.consent_recorded_by = self.for_user
        return cleaned


class IntervisionRecord(ClusterableModel):
    """The confidential record of one intervision (peer consultation).

    Not a page and not indexed: who may see it is decided only by
    ``sessions.intervisions.visible_records``, which every channel asks.
    """

    date = models.DateField(_("date"))
    session = models.ForeignKey(SessionPage, verbose_name=_("session"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="intervisions")
    area = models.ForeignKey(MemberArea, verbose_name=_("area that brought the case"),
                             on_delete=models.PROTECT, related_name="intervisions")
    case_owner = models.ForeignKey(Person, verbose_name=_("case owner"), null=True,
                                   on_delete=models.SET_NULL, related_name="owned_intervisions")
    facilitator = models.ForeignKey(Person, verbose_name=_("facilitator"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="facilitated_intervisions")
    minute_taker = models.ForeignKey(Person, verbose_name=_("minute-taker"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="minuted_intervisions")
    participants = ParentalManyToManyField(Person, verbose_name=_("participants"), blank=True,
                                           related_name="intervisions",
                                           help_text=_("Everyone in the group: they may read the "
                                                       "record. Record who was present below."))
    method = models.ForeignKey(IntervisionMethod, verbose_name=_("method"), on_delete=models.PROTECT,
                               related_name="records")
    confidentiality_agreement = models.TextField(
        _("the group's confidentiality agreement"), blank=True)
    case_question = models.TextField(_("case question"))
    case_as_told = models.TextField(_("the case as told"), blank=True)
    questions_asked = models.TextField(_("questions asked"), blank=True)
    advice = models.TextField(_("advice and insights"), blank=True)
    follow_up_report = models.TextField(_("follow-up report"), blank=True,
                                        help_text=_("Added later by the case owner: what we did "
                                                    "with the advice."))
    previous_record = models.ForeignKey(
        "self", verbose_name=_("the group's previous intervision"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="next_records",
        help_text=_("Its follow-up actions are checked at this intervision."))
    previous_actions_check = models.TextField(_("check of the previous actions"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="intervisions")
    # A string reference: sessions must not import the case-studies app.
    related_case_studies = ParentalManyToManyField(
        "casestudies.CaseStudyPage", verbose_name=_("related case studies"), blank=True,
        related_name="intervisions")
    related_sessions = ParentalManyToManyField(
        SessionPage, verbose_name=_("related sessions"), blank=True, related_name="related_intervisions")
    confidentiality = models.CharField(_("confidentiality"), max_length=20,
                                       choices=ConfidentialityLevel.choices,
                                       default=ConfidentialityLevel.PARTICIPANTS)
    public_summary = models.TextField(_("public anonymised summary"), blank=True,
                                      help_text=_("No names of people or areas."))
    public_summary_approved = models.BooleanField(_("summary approved by the case owner"),
                                                  default=False)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("session")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("case_owner")]),
        FieldPanel("method"),
        FieldRowPanel([FieldPanel("facilitator"), FieldPanel("minute_taker")]),
        FieldPanel("participants"),
        InlinePanel("attendance", label=_("Attendance")),
        FieldPanel("confidentiality_agreement"),
        FieldPanel("themes"),
        FieldPanel("case_question"),
        FieldPanel("case_as_told"),
        FieldPanel("questions_asked"),
        FieldPanel("advice"),
        InlinePanel("actions", label=_("Follow-up actions")),
        FieldPanel("follow_up_report"),
        MultiFieldPanel([FieldPanel("previous_record"), FieldPanel("previous_actions_check")],
                        heading=_("Check of the previous intervision's actions")),
        FieldPanel("related_case_studies"),
        FieldPanel("related_sessions"),
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel([FieldPanel("confidentiality"), FieldPanel("owner_consent"),
                         FieldPanel("public_summary"), FieldPanel("public_summary_approved")],
                        heading=_("Confidentiality")),
    ]
    base_form_class = IntervisionRecordForm

    class Meta:
        ordering = ["-date"]
        verbose_name = _("intervision record")
        verbose_name_plural = _("intervision records")

    def __init__(self, *args, **kwargs):
        # Before IntervisionMethod existed the method was free text; scripts and imports may
        # still pass a name. Django's own loading (from_db) passes positional values only.
        if isinstance(kwargs.get("method"), str):
            kwargs["method"] = IntervisionMethod.objects.get_or_create(name=kwargs["method"].strip()[:80])[0]
        super().__init__(*args, **kwargs)

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.area}"

    # --- confidentiality: narrowing is free, widening needs recorded consent ----------------

    widening_consent = False
    consent_recorded_by = None

    def stored_confidentiality(self):
        """The level as saved in the database (None for a new record)."""
        if not self.pk:
            return None
        return (IntervisionRecord.objects.filter(pk=self.pk)
                .values_list("confidentiality", flat=True).first())

    def clean(self):
        super().clean()
        old = self.stored_confidentiality()
        if is_widening(old, self.confidentiality) and not self.widening_consent:
            raise ValidationError({"confidentiality": _(
                "The level can only be widened with the case owner's consent: tick the consent "
                "box, or keep the level.")})
        if self.previous_record_id and self.previous_record_id == self.pk:
            raise ValidationError({"previous_record": _("A record cannot follow itself.")})

    def save(self, *args, **kwargs):
        # Enforced here too, so that no code path (shell, import, another form) can widen silently.
        old = self.stored_confidentiality()
        widening = is_widening(old, self.confidentiality)
        if widening and not self.widening_consent:
            raise ValidationError(_("Widening the confidentiality level needs the case owner's consent."))
        super().save(*args, **kwargs)
        if widening:
            user = self.consent_recorded_by
            ConsentRecord.objects.create(
                record=self, from_level=old, to_level=self.confidentiality,
                consented_by=self.case_owner,
                recorded_by=user if user is not None and user.is_authenticated else None)
            self.widening_consent = False

    def widen(self, level, *, recorded_by=None):
        """Change the level with the case owner's consent (records it); narrowing works too."""
        self.confidentiality = level
        self.widening_consent = True
        self.consent_recorded_by = recorded_by
        self.save()


class ConsentRecord(models.Model):
    """The case owner's consent to widening a record's level: who, when, from which to which."""

    # A plain foreign key, not part of the admin form's cluster: consents are only ever added
    # by IntervisionRecord.save(), never edited.
    record = models.ForeignKey(IntervisionRecord, on_delete=models.CASCADE, related_name="consents")
    from_level = models.CharField(_("from"), max_length=20, choices=ConfidentialityLevel.choices)
    to_level = models.CharField(_("to"), max_length=20, choices=ConfidentialityLevel.choices)
    consented_by = models.ForeignKey(Person, verbose_name=_("consent given by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("consent to widening")
        verbose_name_plural = _("consents to widening")

    def __str__(self):
        return f"{self.get_from_level_display()} → {self.get_to_level_display()}"


class IntervisionAttendance(Orderable):
    """One line of the attendance list: a person, the area they came for, and whether present."""

    record = ParentalKey(IntervisionRecord, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="+")
    area = models.ForeignKey(MemberArea, verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    present = models.BooleanField(_("present"), default=True)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("area"), FieldPanel("present")])]

    class Meta(Orderable.Meta):
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")


class IntervisionAttachment(Orderable):
    """A document attached to a record.

    Served only through the permission-checked view ``sessions:intervision_attachment``;
    the document belongs in the restricted "Intervision attachments" collection so that
    Wagtail's own document view refuses it to everybody but organisers.
    """

    record = ParentalKey(IntervisionRecord, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"),
                                 on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.document.title

    def clean(self):
        super().clean()
        from ..intervisions import attachment_collection

        if self.document_id and self.document.collection_id != attachment_collection().pk:
            raise ValidationError({"document": _(
                "Put the document in the “Intervision attachments” collection: documents elsewhere "
                "can be downloaded by anyone who has their address.")})


class FollowUpAction(Orderable):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    record = ParentalKey(IntervisionRecord, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=255)
    owner = models.ForeignKey(Person, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN)

    panels = [FieldPanel("description"), FieldPanel("owner"), FieldPanel("due_date"),
              FieldPanel("status")]
