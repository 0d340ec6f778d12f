"""Session pages: the programme (index) page, one session, and its hosts and speakers."""
import zoneinfo
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from network import memo
from network.blocks import RICH_TEXT_FEATURES, DocumentBlock
from network.identity import verified_email
from network.models import MemberArea, Person, Theme
from network.translation import locale_language

from ..blocks import AgendaItemBlock
from ..calendars.links import session_links, subscription_links
from ..languages import FACT_FIELDS, canonical_of, default_language
from ..listing import build_listing
from ..localtime import check_session_times
from ..localtime import zone_abbreviation as abbreviation_at
from ..panels import RegistrationSummaryPanel
from ..registration.forms import RegistrationForm
from ..structured_data import event as event_structured_data
from .change_tracking import _TRACKED_STATE, CalendarChangeTracking
from .choices import TIME_ZONE_CHOICES, SessionFormat, SessionStatus
from .querysets import SessionPageQuerySet
from .registration import Participant, Registration, RegistrationStatus
from .series import SessionSeries

SessionPageManager = PageManager.from_queryset(SessionPageQuerySet)


def _in_default_locale(page):
    """Whether ``page`` (a session or a parent page) is in the default locale's tree, where
    the events of record live (no query: locales' languages are read once per process)."""
    locale = page.locale if "locale" in page._state.fields_cache else None
    if locale is None:
        return locale_language(page.locale_id) == default_language()
    return locale.language_code == default_language()


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
        context = super().get_context(request, *args, **kwargs)
        context.update(build_listing(request, SessionPage.objects.published()))
        return context


class SessionPage(CalendarChangeTracking, RoutablePageMixin, Page):
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
    # The same picture in every language (a fact: languages.FACT_FIELDS).
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+",
                              help_text=_("Shown on the session's card and at the top of its "
                                          "page."))
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
    # The SEQUENCE registered people were last told about by e-mail (registration/places.py).
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
        FieldPanel("image"),
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
        # Every language's theme name (#15): "leegstand" finds sessions about vacancy.
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_nl"),
                                       index.SearchField("name_da"),
                                       index.SearchField("search_terms")]),
    ]
    parent_page_types = ["network_sessions.SessionIndexPage"]
    subpage_types = []
    template = "sessions/session_page.html"
    # A copy is a new event for calendars: it starts its own history.
    exclude_fields_in_copy = list(_TRACKED_STATE) + ["notified_sequence"]

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            # "Upcoming" and "past" (ends_at >= / < now) on the listing and the home page, and
            # the calendar feeds' window: without it each reads every session row (bench/explain.py).
            models.Index(fields=["ends_at"], name="session_ends_at_idx"),
            # The listing's month view (date within the year, then the month).
            models.Index(fields=["date"], name="session_date_idx"),
        ]

    # --- one event in three languages (sessions/languages.py) -------------------------------

    @classmethod
    def can_create_at(cls, parent):
        """Sessions are created in the default locale's tree only: that page is the event
        (registrations, feeds); the other languages get a translation or an alias of it, so
        nobody creates a second event with its own places by adding one in /nl/."""
        return super().can_create_at(parent) and _in_default_locale(parent)

    @cached_property
    def canonical(self):
        """The event of record: this page if it is in the default locale; for an alias the page
        it is an alias of; for a translation its page in the default locale."""
        if self.pk is None or _in_default_locale(self):
            return self
        if self.alias_of_id:
            original = SessionPage.objects.filter(pk=self.alias_of_id).first()
            if original is not None and _in_default_locale(original):
                return original
        return canonical_of(self)

    @property
    def is_canonical(self):
        return self.canonical is self

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
    def card_image(self):
        """The picture for the session's card and page head, or None: its own. (Series and
        themes have no picture to fall back on.)"""
        return self.image if self.image_id else None

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
        account's verified e-mail address: ``Participant.objects.for_user``), or None."""
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

    def structured_data(self, request):
        """The session as a schema.org Event for search engines (``{% json_ld page %}``)."""
        return event_structured_data(self, request)

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
        return render_to_string("sessions/includes/search_meta.html", {"session": self})

    # --- page --------------------------------------------------------------------------------

    def series_position(self):
        """(n, total) of this session among its series' public sessions, or None.

        The positions of all of a series' sessions are read at once and kept until a session
        or view restriction is written (network.memo.remember_tables): at #17's size a series
        has hundreds of sessions, read on every visit to any of their pages."""
        if not self.series_id:
            return None
        locale_id = self.canonical.locale_id

        def positions():
            # ``series.ordered_sessions()``, with the canonical locale picked out here rather
            # than in the query: given a locale, SQLite walks every page of it instead of the
            # series' own (#17).
            rows = (SessionPage.objects.live().public().filter(series_id=self.series_id)
                    .order_by().values_list("starts_at", "pk", "locale_id"))
            ids = [pk for _starts, pk, locale in sorted(rows) if locale == locale_id]
            return {pk: (n, len(ids)) for n, pk in enumerate(ids, start=1)}

        return memo.remember_tables("sessions.series-positions", (self.series_id, locale_id),
                                    positions, size=32).get(self.pk)

    # What a session's page shows of its foreign keys (the page head, fact box, Open Graph and
    # structured data): loaded together by ``load_page_facts``.
    PAGE_RELATIONS = ("series", "host_area", "image", "organiser")

    def load_page_facts(self, counts=True):
        """Read the series, host area, picture and organiser, and (with ``counts``) the
        registration counts, in one query instead of one each; returns the counts as
        ``registration_counts`` does, or None without ``counts``.

        A preview shows unsaved values: only what the saved row still points to is taken."""
        wanted = [name for name in self.PAGE_RELATIONS
                  if getattr(self, f"{name}_id") is not None
                  and not self._meta.get_field(name).is_cached(self)]
        if self.pk is None or not (wanted or counts):
            return self.registration_counts() if counts else None
        row = SessionPage.objects.filter(pk=self.pk).select_related(*wanted).only("pk", *wanted)
        row = (row.with_registration_counts() if counts else row).first()
        if row is None:
            return self.registration_counts() if counts else None
        for name in wanted:
            field, related = self._meta.get_field(name), getattr(row, name)
            if related is not None and related.pk == getattr(self, f"{name}_id"):
                field.set_cached_value(self, related)
        if counts:
            return {"confirmed": row.confirmed_count, "waiting": row.waiting_count}
        return None

    def get_context(self, request, *args, **kwargs):
        # A preview renders unsaved values: derive the instants the templates show from them.
        self.set_instants()
        context = super().get_context(request, *args, **kwargs)
        # Places, registrations and the calendar entry belong to the canonical session; this
        # page (perhaps a translation or an alias) gives the text. Facts shown from ``page``
        # are the same: they are kept in sync (languages.sync_translations).
        event = self.canonical
        # The places are the canonical session's: counted with this page's relations when this
        # page is that session, else apart.
        counts = self.load_page_facts(counts=event is self) or event.registration_counts()
        feeds = [subscription_links(request, reverse("sessions:calendar_all"), str(_("All sessions")))]
        if self.series_id:
            feeds.insert(0, subscription_links(
                request, reverse("sessions:calendar_series", kwargs={"slug": self.series.slug}),
                self.series.localized_name))
        if event is self:
            # The structured data's offer asks for the places left too: no second count.
            self.confirmed_count = counts["confirmed"]
        registration = event.registration_for(request.user)
        context.update({
            "event": event,
            "index_url": self.get_parent().get_url(request),
            "hosts": self.hosts.select_related("person"),
            "themes": self.themes.all(),
            "show_join_link": event.can_see_join_link(request.user, registration),
            "registration_state": self.registration_state(),
            "registration": registration,
            "registration_counts": counts,
            "seats_left": self.seats_left(counts["confirmed"]),
            # Who signs up at once (a verified address) and how long others have to confirm.
            "verified_email": verified_email(request.user),
            "signup_hold_minutes": settings.SESSION_SIGNUP_HOLD_MINUTES,
            "registration_form": RegistrationForm(
                initial=RegistrationForm.initial_for(request.user)),
            # A preview of a page never saved has no id, so nowhere to sign up yet.
            "register_url": reverse("sessions:register", kwargs={"pk": event.pk}) if self.pk else "",
            "has_ended": self.has_ended(),
            "series_position": event.series_position(),
            # A preview of a page never saved has no id, so no calendar file yet.
            "calendar": session_links(request, event, text=self) if self.pk else None,
            "feeds": feeds,
        })
        return context

    @path("register/")
    def register(self, request):
        """The sign-up form's former address, for pages still open in someone's browser.

        The form now posts to ``sessions:register`` (``sessions.registration.views``); a
        307 redirect keeps the method and the typed data, so an old form still signs up.
        """
        if request.method == "POST":
            return HttpResponseRedirect(
                reverse("sessions:register", kwargs={"pk": self.canonical.pk}), status=307)
        if request.method in ("GET", "HEAD"):
            return redirect(self.get_url(request) + "#register")
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

    # --- saving and change tracking ---------------------------------------------------------

    def set_instants(self):
        """Derive ``starts_at``/``ends_at`` (UTC) from the date, wall-clock times and zone."""
        if self.date and self.start_time and self.end_time:
            start, end = self.local_bounds()
            self.starts_at = start.astimezone(UTC)
            self.ends_at = end.astimezone(UTC)


# What wagtail-localize translates on a session and what it keeps in sync with the canonical
# session: the facts (``languages.FACT_FIELDS``: time, place, status, capacity, series,
# themes…) are copied and cannot be overridden per language; the text is translated.
SessionPage.translatable_fields = [
    TranslatableField("title"), TranslatableField("slug"), TranslatableField("seo_title"),
    TranslatableField("search_description"), SynchronizedField("show_in_menus"),
    TranslatableField("description"), TranslatableField("agenda"), TranslatableField("summary"),
    TranslatableField("materials"), TranslatableField("cancellation_reason"),
    # The hosts themselves are copied; their role in the session is text.
    TranslatableField("hosts"),
    *(SynchronizedField(name, overridable=False) for name in FACT_FIELDS),
]
