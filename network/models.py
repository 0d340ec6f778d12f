"""The network's core: themes, member areas, organisations, people and the site's own pages."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .blocks import BaseStreamBlock
from .localized import (
    TRANSLATION_COLUMN,
    LocalizedNamesMixin,
    localized_field_names,
    localized_panel,
)


class Theme(LocalizedNamesMixin, index.Indexed, models.Model):
    """One term of the network's controlled vocabulary (vacancy, branding, …).

    Case studies, sessions, intervisions and people's expertise all point here, so that
    "everything about vacancy" is one query rather than a tag spelling contest. One row in
    every language: the name and description have a column per language (network.localized).
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80, **TRANSLATION_COLUMN)
    name_da = models.CharField(_("name (Danish)"), max_length=80, **TRANSLATION_COLUMN)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("short description"), blank=True)
    description_nl = models.TextField(_("short description (Dutch)"), **TRANSLATION_COLUMN)
    description_da = models.TextField(_("short description (Danish)"), **TRANSLATION_COLUMN)
    search_terms = models.CharField(
        _("search terms"),
        max_length=255,
        blank=True,
        help_text=_("Dutch and Danish words members search for, e.g. 'leegstand, tomme butikker'."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [localized_panel("name", _("name")), FieldPanel("slug"),
              localized_panel("description", _("short description"), side_by_side=False),
              FieldPanel("search_terms"), FieldPanel("sort_order")]
    search_fields = [
        *(index.SearchField(name) for name in localized_field_names("name")),
        index.SearchField("search_terms"),
        *(index.AutocompleteField(name) for name in localized_field_names("name")),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.localized_name  # in the active language

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class Country(models.TextChoices):
    NETHERLANDS = "NL", _("Netherlands")
    DENMARK = "DK", _("Denmark")


class AreaKind(models.TextChoices):
    CITY_CENTRE = "city_centre", _("City centre")
    DISTRICT_CENTRE = "district_centre", _("District centre")
    VILLAGE_CENTRE = "village_centre", _("Village centre")
    SHOPPING_STREET = "shopping_street", _("Shopping street")


class PopulationBand(models.TextChoices):
    UNDER_25K = "lt25k", _("Under 25,000")
    FROM_25K = "25k-50k", _("25,000–50,000")
    FROM_50K = "50k-100k", _("50,000–100,000")
    FROM_100K = "100k-250k", _("100,000–250,000")
    OVER_250K = "gt250k", _("Over 250,000")


class OrganisationModel(models.TextChoices):
    FOUNDATION = "foundation", _("Centre-management foundation")
    FUND = "fund", _("Entrepreneurs' fund / BID")
    CITY_MANAGER = "city_manager", _("City manager")
    QUARTER_MANAGER = "quarter_manager", _("Quarter manager")
    ASSOCIATION = "association", _("Association")
    MUNICIPAL = "municipal", _("Municipal programme")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active member")
    PROSPECT = "prospect", _("Prospective member")
    FORMER = "former", _("Former member")


class MemberAreaQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def in_directory(self):
        """Areas shown in the public directory: current and prospective members."""
        return self.exclude(membership_status=MembershipStatus.FORMER)


class MemberArea(LocalizedNamesMixin, index.Indexed, ClusterableModel):
    """A centre, district or shopping area that belongs to the network.

    Its name is shown per language ("Binnenstad Vlaardingen", "Vlaardingen bymidte"), falling
    back to ``name`` (network.localized); the slug, municipality and region are not translated.
    """

    name = models.CharField(_("name"), max_length=120)
    name_nl = models.CharField(_("display name (Dutch)"), max_length=120, **TRANSLATION_COLUMN)
    name_da = models.CharField(_("display name (Danish)"), max_length=120, **TRANSLATION_COLUMN)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.CharField(_("region"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices,
                            default=AreaKind.CITY_CENTRE)
    population_band = models.CharField(_("population band"), max_length=12,
                                       choices=PopulationBand.choices, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5,
                                    null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    member_since = models.PositiveSmallIntegerField(_("member since (year)"), null=True, blank=True)
    membership_status = models.CharField(_("membership status"), max_length=10,
                                         choices=MembershipStatus.choices,
                                         default=MembershipStatus.ACTIVE)
    organisation_model = models.CharField(_("organisation model"), max_length=20,
                                          choices=OrganisationModel.choices, blank=True)
    profile = models.TextField(_("short profile"), blank=True)
    profile_nl = models.TextField(_("short profile (Dutch)"), **TRANSLATION_COLUMN)
    profile_da = models.TextField(_("short profile (Danish)"), **TRANSLATION_COLUMN)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo or photo"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")

    objects = MemberAreaQuerySet.as_manager()

    panels = [
        MultiFieldPanel([localized_panel("name", _("name")), FieldPanel("slug"),
                         FieldPanel("municipality"),
                         FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                         FieldRowPanel([FieldPanel("kind"), FieldPanel("population_band")])],
                        heading=_("Area")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("membership_status"),
                                        FieldPanel("member_since")]),
                         FieldPanel("organisation_model"), FieldPanel("website")],
                        heading=_("Membership")),
        localized_panel("profile", _("short profile"), side_by_side=False),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location")),
    ]
    search_fields = [
        *(index.SearchField(name) for name in localized_field_names("name")),
        index.SearchField("municipality"),
        index.SearchField("region"),
        *(index.SearchField(name) for name in localized_field_names("profile")),
        *(index.AutocompleteField(name) for name in localized_field_names("name")),
        index.FilterField("country"),
        index.FilterField("kind"),
        index.FilterField("membership_status"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member area")
        verbose_name_plural = _("member areas")

    def __str__(self):
        return self.localized_name  # in the active language

    def get_absolute_url(self):
        return reverse("area_detail", kwargs={"slug": self.slug})

    @property
    def card_image(self):
        """The picture for the area's card and page (its logo or photo), or None."""
        return self.image if self.image_id else None

    def clean(self):
        super().clean()
        if self.slug and self.slug.lower() in RESERVED_AREA_SLUGS:
            raise ValidationError({"slug": _("“%(slug)s” is reserved for a page of the directory; "
                                             "choose another slug.") % {"slug": self.slug}})


# Addresses under /members/ that are not areas: an area with such a slug could not be reached.
RESERVED_AREA_SLUGS = frozenset({"people"})


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs' association")
    PROPERTY_OWNERS = "property_owners", _("Property owners' association")
    CENTRE_ORGANISATION = "centre_organisation", _("Centre organisation")
    CONSULTANCY = "consultancy", _("Consultancy")
    NETWORK = "network", _("Network")


class Organisation(index.Indexed, models.Model):
    """A municipality, association, consultancy or network that people work for."""

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    area = models.ForeignKey(MemberArea, verbose_name=_("member area"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="organisations")
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("area"), FieldPanel("website")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"),
                     index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [models.UniqueConstraint(fields=["name", "area"],
                                               name="unique_organisation_per_area")]

    def __str__(self):
        return self.name


class PersonRole(models.TextChoices):
    CENTRE_MANAGER = "centre_manager", _("Centre manager")
    QUARTER_MANAGER = "quarter_manager", _("Quarter manager")
    STREET_MANAGER = "street_manager", _("Street manager")
    AREA_MANAGER = "area_manager", _("Area manager")
    BUSINESS_LIAISON = "business_liaison", _("Business liaison")
    PROJECT_COORDINATOR = "project_coordinator", _("Project coordinator")
    POLICY_ADVISER = "policy_adviser", _("Policy adviser")
    CHAIR = "chair", _("Chair")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    OTHER = "other", _("Other")


class PersonQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def in_directory(self):
        """People who chose to appear in the directory."""
        return self.filter(listed_in_directory=True)


class Person(index.Indexed, ClusterableModel):
    """Someone in the network. Contact details are for members only (see ``can_see_contact``)."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=24, choices=PersonRole.choices)
    job_title = models.CharField(_("job title"), max_length=120, blank=True,
                                 help_text=_("As the person describes it, if it differs from the role."))
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="people")
    areas = ParentalManyToManyField(MemberArea, verbose_name=_("member areas"), blank=True,
                                    related_name="people")
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    photo = models.ForeignKey("wagtailimages.Image", verbose_name=_("photo"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = models.TextField(_("short bio"), blank=True)
    expertise = ParentalManyToManyField(Theme, verbose_name=_("ask me about"), blank=True,
                                        related_name="experts")
    listed_in_directory = models.BooleanField(_("appears in the directory"), default=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="person")

    objects = PersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("job_title")]),
        FieldPanel("organisation"),
        FieldPanel("areas"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        FieldPanel("listed_in_directory"),
        FieldPanel("user"),
    ]
    # Only public facts are indexed: search must never surface contact details.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
        index.FilterField("listed_in_directory"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The people listing's order (network.directory.PEOPLE_ORDERINGS) over those listed:
            # a page of it reads the first rows of this index instead of sorting everyone.
            models.Index(Lower("name"), models.F("id"), name="person_directory_order_idx",
                         condition=models.Q(listed_in_directory=True)),
        ]

    def __str__(self):
        return self.name

    @property
    def role_label(self):
        return self.job_title or self.get_role_display()

    def role_line(self, extra_role=""):
        """What the person does and for whom, in one line: "Centre manager, Stichting
        Binnenstad". ``extra_role`` (a role in one case study) replaces the usual role. The
        organisation is left out when the role already names it, so "Chair, Vastgoedkring
        Leeuwarden" is not followed by "Vastgoedkring Leeuwarden" again."""
        role = (extra_role or self.role_label).strip()
        organisation = self.organisation.name.strip() if self.organisation is not None else ""
        if not organisation or organisation.casefold() in role.casefold():
            return role
        if not role:
            return organisation
        return f"{role}, {organisation}"


class VerifiedEmail(models.Model):
    """The e-mail address an account has proved to own, by a link sent to it (see
    ``network/identity.py``, which is the only place that should read or write these rows).

    One row per account; an address belongs to at most one account, whatever its
    capitalisation. Participants and logins are matched on this address, never on the
    free-text ``User.email`` alone.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"),
                                on_delete=models.CASCADE, related_name="verified_address")
    email = models.EmailField(_("email"), max_length=254)
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)

    class Meta:
        verbose_name = _("verified e-mail address")
        verbose_name_plural = _("verified e-mail addresses")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="verified_email_unique_address"),
        ]

    def __str__(self):
        return self.email


def can_see_contact_details(user):
    """Contact details (email, phone) and the people listing are for logged-in members only."""
    return bool(user and user.is_authenticated and user.is_active)


class HomePage(Page):
    """The network's front door: what it is (hero with the main actions), the next sessions,
    the latest case studies, the themes and the member areas.

    The other apps fill it through ``network.hub`` (hero actions, home sections, theme counts),
    which its template asks with the ``hub_tags`` library: the page knows none of them.
    """

    intro = models.TextField(_("introduction"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional: a photo of a town centre beside the introduction. Its "
                    "description is read out as its alternative text."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("about the network"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image"),
                                            FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing in two queries instead of two per level of the path: the pages
        along the path, found by their ``url_path`` in one query, each given its parent (as
        Wagtail's own routing does), then the deepest one, specific, routes the rest of the
        path itself (a session's calendar file). Falls back to Wagtail's walk whenever the
        pages found do not form the unbroken chain that walk would take."""
        if len(path_components) < 2:
            return super().route(request, path_components)
        prefixes = [f"{self.url_path}{'/'.join(path_components[:n])}/"
                    for n in range(1, len(path_components) + 1)]
        # The slugs narrow the search through their index (url_path has none): without them
        # the query reads the whole page table (30-100 ms at 10,000 case studies, #17).
        chain = list(Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes,
                                         path__startswith=self.path,
                                         depth__gt=self.depth).order_by("depth"))
        parent = self
        for page, slug in zip(chain, path_components, strict=False):
            if (page.slug != slug or page.depth != parent.depth + 1
                    or not page.path.startswith(parent.path)):
                return super().route(request, path_components)
            page._cached_parent_obj = parent
            parent = page
        if not chain:
            return super().route(request, path_components)
        deepest = chain[-1].specific
        deepest._cached_parent_obj = chain[-2] if len(chain) > 1 else self
        return deepest.route(request, path_components[len(chain):])


class StandardPage(Page):
    """A plain content page (About, How intervision works, …)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
