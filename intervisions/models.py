"""Intervision records, the methods they follow, consent to widening, attendance, actions.

Who may see a record is decided only by ``intervisions.visibility``.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from network.localized import TRANSLATION_COLUMN, LocalizedNamesMixin, localized_panel
from network.models import MemberArea, Person, Theme

from .admin_forms import IntervisionRecordForm
from .permissions import attachment_collection


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


class IntervisionMethod(LocalizedNamesMixin, models.Model):
    """A method of peer consultation (incident method, ten-step, Balint, …); editors extend it.

    Its name and description have a column per language (network.localized).
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80, **TRANSLATION_COLUMN)
    name_da = models.CharField(_("name (Danish)"), max_length=80, **TRANSLATION_COLUMN)
    description = models.TextField(_("description"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), **TRANSLATION_COLUMN)
    description_da = models.TextField(_("description (Danish)"), **TRANSLATION_COLUMN)
    phases = models.TextField(_("phases"), blank=True,
                              help_text=_("One phase per line, in the order they are run."))

    panels = [localized_panel("name", _("name")),
              localized_panel("description", _("description"), side_by_side=False),
              FieldPanel("phases")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervision method")
        verbose_name_plural = _("intervision methods")

    def __str__(self):
        return self.localized_name  # in the active language

    def phase_list(self):
        """The phases as a list of non-empty lines."""
        return [line.strip() for line in self.phases.splitlines() if line.strip()]


def canonical_sessions():
    """Sessions a record may link to: the events themselves, i.e. their pages in the default
    language (#15); a Dutch or Danish session page is the same event in another language."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class IntervisionRecord(ClusterableModel):
    """The confidential record of one intervision (peer consultation).

    Not a page and not indexed: who may see it is decided only by
    ``intervisions.visibility.visible_records``, which every channel asks.
    """

    date = models.DateField(_("date"))
    session = models.ForeignKey("network_sessions.SessionPage", verbose_name=_("session"),
                                null=True, blank=True, limit_choices_to=canonical_sessions,
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
    # A string reference: this app must not import the case-studies app.
    related_case_studies = ParentalManyToManyField(
        "casestudies.CaseStudyPage", verbose_name=_("related case studies"), blank=True,
        related_name="intervisions")
    related_sessions = ParentalManyToManyField(
        "network_sessions.SessionPage", verbose_name=_("related sessions"), blank=True,
        related_name="related_intervisions", limit_choices_to=canonical_sessions)
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
        indexes = [
            # The records list's order (newest first, intervisions.views.record_list): a page
            # of it reads the index backwards instead of sorting every record.
            models.Index(fields=["date", "id"], name="intervision_date_idx"),
        ]

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

    Served only through the permission-checked view ``intervisions:attachment``;
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
