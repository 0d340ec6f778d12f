"""Thematic sessions, working-group series, and the intervision records kept about them."""
import zoneinfo
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.blocks import DocumentBlock
from network.models import MemberArea, Person, Theme

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


class SessionSeries(index.Indexed, ClusterableModel):
    """A run of sessions: the year's monthly programme, or a closed working group."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Thematic programme")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.PROGRAMME)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(Person, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="organised_series")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"),
              FieldPanel("description"), FieldPanel("organiser")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("session series")
        verbose_name_plural = _("session series")

    def __str__(self):
        return self.name


class SessionIndexPage(Page):
    """The programme: upcoming and past sessions."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["network_sessions.SessionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("session programme")


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"))
    item = blocks.CharBlock(label=_("Item"))


class SessionPage(Page):
    """One thematic session, working-group meeting or other network meeting.

    Organisers enter the date and wall-clock times in the session's own time zone, as they
    think of them; ``starts_at``/``ends_at`` hold the same instants in UTC for queries.
    """

    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="sessions",
                                     blank=True)
    series = models.ForeignKey(SessionSeries, verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONE_CHOICES,
                                 default="Europe/Amsterdam")
    starts_at = models.DateTimeField(_("starts at (UTC)"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends at (UTC)"), editable=False)
    format = models.CharField(_("format"), max_length=12, choices=SessionFormat.choices,
                              default=SessionFormat.ONLINE)
    join_url = models.URLField(_("online meeting link"), blank=True,
                               help_text=_("Shown only to registered people and organisers."))
    venue = models.CharField(_("venue"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    host_area = models.ForeignKey(MemberArea, verbose_name=_("host area"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="hosted_sessions")
    organiser = models.ForeignKey(Person, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="organised_sessions")
    description = RichTextField(_("description"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name=_("agenda"), blank=True)
    summary = RichTextField(_("summary afterwards"), blank=True)
    materials = StreamField([("document", DocumentBlock())], verbose_name=_("slides and documents"),
                            blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.SCHEDULED)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=255,
                                           blank=True)
    previous_starts_at = models.DateTimeField(_("previous start (UTC)"), null=True, blank=True,
                                              editable=False)
    # Calendar bookkeeping (RFC 5545): SEQUENCE and the time of the last real change.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

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
        MultiFieldPanel([FieldPanel("capacity"), FieldPanel("registration_opens"),
                         FieldPanel("registration_closes")], heading=_("Registration")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("cancellation_reason")],
                        heading=_("Status")),
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("materials"),
                         FieldPanel("recording_url")], heading=_("Afterwards")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("summary"),
        index.FilterField("starts_at"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]
    parent_page_types = ["network_sessions.SessionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})

    def local_bounds(self):
        """Return (start, end) as aware datetimes in the session's own time zone."""
        tz = zoneinfo.ZoneInfo(self.time_zone)
        return (datetime.combine(self.date, self.start_time, tzinfo=tz),
                datetime.combine(self.date, self.end_time, tzinfo=tz))

    def save(self, *args, **kwargs):
        if self.date and self.start_time and self.end_time:
            start, end = self.local_bounds()
            self.starts_at = start.astimezone(UTC)
            self.ends_at = end.astimezone(UTC)
        super().save(*args, **kwargs)


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


class ConfidentialityLevel(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants only")
    MEMBERS = "members", _("All members")
    PUBLIC_SUMMARY = "public_summary", _("Public anonymised summary")


class IntervisionRecord(ClusterableModel):
    """The confidential record of one intervision (peer consultation).

    Not a page and not indexed: until the intervision views exist, records are seen only by
    organisers in the admin, so nothing about them can leak through public channels.
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
    participants = ParentalManyToManyField(Person, verbose_name=_("participants"), blank=True,
                                           related_name="intervisions")
    method = models.CharField(_("method"), max_length=80)
    case_question = models.TextField(_("case question"))
    case_as_told = models.TextField(_("the case as told"), blank=True)
    questions_asked = models.TextField(_("questions asked"), blank=True)
    advice = models.TextField(_("advice and insights"), blank=True)
    follow_up_report = models.TextField(_("follow-up report"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="intervisions")
    confidentiality = models.CharField(_("confidentiality"), max_length=20,
                                       choices=ConfidentialityLevel.choices,
                                       default=ConfidentialityLevel.PARTICIPANTS)
    public_summary = models.TextField(_("public anonymised summary"), blank=True)
    public_summary_approved = models.BooleanField(_("summary approved by the case owner"),
                                                  default=False)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("session")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("case_owner")]),
        FieldPanel("method"),
        FieldPanel("facilitator"),
        FieldPanel("participants"),
        FieldPanel("themes"),
        FieldPanel("case_question"),
        FieldPanel("case_as_told"),
        FieldPanel("questions_asked"),
        FieldPanel("advice"),
        InlinePanel("actions", label=_("Follow-up actions")),
        FieldPanel("follow_up_report"),
        MultiFieldPanel([FieldPanel("confidentiality"), FieldPanel("public_summary"),
                         FieldPanel("public_summary_approved")], heading=_("Confidentiality")),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("intervision record")
        verbose_name_plural = _("intervision records")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} · {self.area}"


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
