"""Case studies: what a member area did, why, how, and with what result."""
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index
from wagtail_localize.models import Translation

from network import memo
from network.localized import localized_field_names
from network.models import MemberArea, OrganisationModel, Person, Theme, can_see_contact_details
from network.pagination import SHORT_PAGE_SIZE
from network.translation import active_language, language_name, prefetch_text_languages, text_language

from . import roles, structured_data
from .blocks import SECTION_KINDS, CaseStudyBodyBlock
from .cards import cards_html, render_cards
from .choices import StakeholderKind
from .filters import LibraryQuery, with_card_data
from .forms import CaseStudyPageForm

#: How many case studies' related cases one process keeps (three keys each): every case study of
#: a large library, so that a crawler reading them all does not push the popular ones out.
RELATED_REMEMBERED = 20_000


class Stakeholder(models.Model):
    """One kind of party involved in a case (the golden triangle and beyond).

    A row per kind rather than a JSON list on the page: filtering ("cases with property
    owners") and counting per kind are then plain joins and ``GROUP BY`` on every database,
    the admin gets a checkbox list, and the label still comes from ``StakeholderKind`` so it
    is translated. The rows are created by a migration; editors do not add kinds.
    """

    code = models.CharField(_("code"), max_length=20, choices=StakeholderKind.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self):
        return str(self.get_code_display())


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey("casestudies.CaseStudyPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class LibraryPermissionTester(PagePermissionTester):
    """The library page for contributors: they may add case studies under it, nothing else.

    Their "change" permission on the library is there for the case studies below it (see
    ``CaseStudyPermissionTester``); the library page itself is the editors'.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if roles.is_area_scoped(user):
            # (Wagtail sets no ``permissions`` for inactive users: they may do nothing anyway.)
            self.permissions = getattr(self, "permissions", set()) & {"add"}


class CaseStudyPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed for contributors to case studies of their areas.

    Another area's case study is then out of reach everywhere Wagtail asks: editing, revisions,
    deleting, moving, copying, unpublishing, locking, bulk actions and the listings' buttons.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.out_of_area = not roles.may_work_on(user, page)
        if self.out_of_area:
            self.permissions = set()

    def can_submit_for_moderation(self):
        return not self.out_of_area and super().can_submit_for_moderation()

    def can_unlock(self):
        return not self.out_of_area and super().can_unlock()

    def can_view_revisions(self):
        return not self.out_of_area and super().can_view_revisions()


class CaseStudyIndexPage(Page):
    """The case-study library: filters, facet counts, search, sort and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["network.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count = 1
    page_size = SHORT_PAGE_SIZE

    class Meta:
        verbose_name = _("case-study library")

    def permissions_for_user(self, user):
        """What ``user`` may do with the library page (contributors: only add case studies)."""
        return LibraryPermissionTester(user, self)

    def case_studies(self):
        """The live, public case studies in this library (no ordering, no joins).

        Its children as a range of ``path`` rather than Wagtail's ``child_of`` (``LIKE
        'path%'``), which SQLite cannot look up in the path index: a child's path is this
        page's followed by one step (``steplen`` characters of treebeard's ``alphabet``).
        """
        first, last = self.alphabet[0] * self.steplen, self.alphabet[-1] * self.steplen
        return CaseStudyPage.objects.filter(path__range=(self.path + first, self.path + last),
                                            depth=self.depth + 1).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["library"] = LibraryQuery(self, request.GET).run(per_page=self.page_size,
                                                                 request=request)
        return context


class CaseStudyPage(Page):
    """One case study from one or more member areas."""

    summary = models.TextField(
        _("summary"), max_length=500,
        help_text=_("Two or three plain sentences for cards, search results, feeds and the meta "
                    "description."),
    )
    result_line = models.CharField(
        _("one-line result"), max_length=140, blank=True,
        help_text=_("Shown on the case's card, e.g. 'Vacancy fell from 11% to 7% in 18 months'. "
                    "Leave empty to show the first key figure."),
    )
    areas = ParentalManyToManyField(MemberArea, verbose_name=_("member areas"),
                                    related_name="case_studies",
                                    help_text=_("The member area(s) the case comes from."))
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="case_studies")
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True, verbose_name=_("tags"),
                                  help_text=_("Free keywords, e.g. 'pop-up shops, support poll'."))
    # Nullable so that a draft can be saved before the start is known; blank=False keeps it
    # required to submit and publish (Wagtail defers it for drafts, see FieldPanel).
    period_start = models.DateField(_("started"), null=True)
    period_end = models.DateField(_("ended"), null=True, blank=True)
    ongoing = models.BooleanField(_("still running"), default=False,
                                  help_text=_("Tick this instead of giving an end date."))
    # The date readers see as "Last updated": the case's own facts, not the page's publishing
    # history (a re-import or a typo fix would otherwise make an old case look fresh).
    last_updated = models.DateField(_("facts last checked"), null=True, blank=True,
                                    help_text=_("When the facts of this case were last checked."))
    stakeholders = ParentalManyToManyField(Stakeholder, verbose_name=_("stakeholders involved"),
                                           related_name="case_studies", blank=True)
    stakeholders_other = models.CharField(_("other stakeholders"), max_length=200, blank=True,
                                          help_text=_("Who the 'others' are, e.g. police, "
                                                      "housing corporation."))
    organisation_model = models.CharField(_("organisation model"), max_length=20, blank=True,
                                          choices=OrganisationModel.choices)
    organisation_details = models.CharField(
        _("how the work is organised"), max_length=255, blank=True,
        help_text=_("One line, e.g. 'Foundation with a board of municipality, entrepreneurs and "
                    "owners; one centre manager'."),
    )
    budget_amount = models.PositiveIntegerField(_("budget"), null=True, blank=True,
                                                help_text=_("Whole amount, no separators."))
    budget_currency = models.CharField(_("currency"), max_length=3, default="EUR",
                                       choices=[("EUR", "EUR (€)"), ("DKK", "DKK (kr.)")])
    budget_notes = models.CharField(_("budget details"), max_length=200, blank=True,
                                    help_text=_("e.g. 'per year', 'over three years'."))
    funders = models.CharField(_("funders"), max_length=255, blank=True)
    entrepreneurs_fund = models.BooleanField(_("entrepreneurs' fund involved"), default=False)
    subsidy = models.CharField(_("subsidy"), max_length=200, blank=True,
                               help_text=_("Which subsidy or grant, if any."))
    body = StreamField(CaseStudyBodyBlock(), verbose_name=_("body"))
    hero_image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    hero_caption = models.CharField(_("image caption"), max_length=255, blank=True)
    hero_credit = models.CharField(_("image credit"), max_length=120, blank=True)

    base_form_class = CaseStudyPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("result_line"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption"),
                         FieldPanel("hero_credit")], heading=_("Image")),
        MultiFieldPanel([
            # Wagtail requires non-null relations even on a draft unless told otherwise;
            # areas and themes are required only to submit and publish.
            FieldPanel("areas", widget=forms.CheckboxSelectMultiple, required_on_save=False),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple, required_on_save=False),
            FieldPanel("tags"),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end"),
                           FieldPanel("ongoing")]),
            FieldPanel("last_updated"),
        ], heading=_("Facts")),
        MultiFieldPanel([
            FieldPanel("stakeholders", widget=forms.CheckboxSelectMultiple),
            FieldPanel("stakeholders_other"),
            FieldPanel("organisation_model"),
            FieldPanel("organisation_details"),
        ], heading=_("Who took part and how it is organised")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("budget_amount"), FieldPanel("budget_currency")]),
            FieldPanel("budget_notes"), FieldPanel("funders"),
            FieldPanel("entrepreneurs_fund"), FieldPanel("subsidy"),
        ], heading=_("Financing")),
        FieldPanel("body"),
        # No min_num: it would put an empty contact row on the add form that even a draft must
        # fill in. CaseStudyPageForm requires a contact to submit and publish.
        InlinePanel("contacts", label=_("Contact people"),
                    help_text=_("At least one person from the directory whom members can call.")),
        InlinePanel("related_links", label=_("Related case studies"),
                    help_text=_("Cases sharing a theme are added automatically after these.")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("result_line"),
        index.SearchField("body"),
        index.SearchField("funders"),
        index.SearchField("organisation_details"),
        index.SearchField("stakeholders_other"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [*(index.SearchField(name)
                                        for name in localized_field_names("name")),
                                      index.SearchField("municipality")]),
        # Every language's name of a theme, whatever language the case is written in: a Dutch
        # search for "leegstand" finds the vacancy cases written in English or Danish too.
        index.RelatedFields("themes", [*(index.SearchField(name)
                                         for name in localized_field_names("name")),
                                       index.SearchField("search_terms")]),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [
            # The library's "year started" filter (period_start within a year): without it every
            # case-study row is read (bench/explain.py).
            models.Index(fields=["period_start"], name="casestudy_period_start_idx"),
        ]

    @property
    def card_image(self):
        """The picture for the case's card and page head (its image), or None."""
        return self.hero_image if self.hero_image_id else None

    def permissions_for_user(self, user):
        """What ``user`` may do with this case study: contributors only in their own areas."""
        return CaseStudyPermissionTester(user, self)

    def save(self, *args, **kwargs):
        """Save; an alias is indexed again once its themes and areas are stored.

        The search index is updated when the row is saved, before modelcluster stores the
        many-to-many values; an alias is saved once with the values of its original (when it
        is made and each time the original is published), so its index entry would lack its
        themes, and a Dutch search for "leegstand" would miss an untranslated English case.
        """
        result = super().save(*args, **kwargs)
        if self.alias_of_id:
            index.insert_or_update_object(self)
        return result

    # --- validation ------------------------------------------------------------------------

    #: True while the admin form validates a draft (set by ``CaseStudyPageForm``): Wagtail
    #: defers the form's required fields then, and ``clean`` defers its completeness rules.
    is_deferred_validation = False

    def clean(self):
        """Check the period and, unless validating a draft, that the case is complete.

        Contradictions are reported on drafts too: they are mistakes in what was typed, not
        something still to be written.
        """
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end date cannot be before the start date.")
        if self.ongoing and self.period_end:
            errors["ongoing"] = _("A case that is still running has no end date: clear one of them.")
        elif not self.ongoing and not self.period_end and not self.is_deferred_validation:
            errors["period_end"] = _("Give an end date, or tick 'still running'.")
        # A published case must name someone members can call. (A page being added is checked
        # by the admin form, which holds its contacts until it saves: see CaseStudyPageForm.)
        if self.live and not self._state.adding and not self.contacts.all():
            errors[NON_FIELD_ERRORS] = _("A published case study needs at least one contact person.")
        if errors:
            raise ValidationError(errors)

    # --- presentation helpers --------------------------------------------------------------

    @property
    def budget_display(self):
        """The budget with thousands separators and currency, e.g. '€ 85,000 per year'."""
        if self.budget_amount is None:
            return ""
        amount = number_format(self.budget_amount, force_grouping=True)
        if self.budget_currency != "EUR":
            text = f"{amount} kr."
        elif active_language() == "da":
            text = f"{amount} €"  # Danish puts the euro sign after the amount (#15)
        else:
            text = f"€ {amount}"
        return f"{text} {self.budget_notes}".strip()

    @property
    def updated_on(self):
        """The "Last updated" date readers see: when the facts were last checked, else the day
        the page was last published (a date, or None for a page never published)."""
        if self.last_updated:
            return self.last_updated
        if self.last_published_at:
            return timezone.localdate(self.last_published_at)
        return None

    def key_figures(self):
        """The key figures of the result section(s) as (value, label) pairs, in body order.

        Reads the result blocks only: other blocks (images, documents) are not converted, so
        a card asking for its first figure costs no query.
        """
        figures = []
        for position, raw in enumerate(self.body.raw_data):
            if raw.get("type") == "result":
                figures.extend((figure["value"], figure["label"])
                               for figure in self.body[position].value.get("figures") or [])
        return figures

    @property
    def card_result(self):
        """The one-line result of the card: the editor's ``result_line``, else the first key
        figure ("11% → 7% vacancy in the core"), else an empty string."""
        if self.result_line:
            return self.result_line
        figures = self.key_figures()
        if figures:
            value, label = figures[0]
            return f"{value} {label}"
        return ""

    def countries(self):
        """The countries of the case's areas, each once, as {"code", "name"} in area order
        (uses the prefetched areas; ``code`` is lower case, for the ``flag--nl`` class)."""
        seen = {}
        for area in self.areas.all():
            if area.country and area.country not in seen:
                seen[area.country] = {"code": area.country.lower(),
                                      "name": area.get_country_display()}
        return list(seen.values())

    def structured_data(self, request):
        """The case study as a schema.org Article for search engines (``{% json_ld page %}``)."""
        return structured_data.article(self, request)

    def search_snippet(self):
        """The text of its site-search result: the summary, which editors write for that."""
        return self.summary

    def sections(self):
        """(block id, heading) of the structured sections, for the "On this page" outline."""
        outline = []
        for block in self.body:
            if block.block_type in SECTION_KINDS:
                heading = getattr(block.block.meta, "heading", "") or block.block.label
                outline.append((block.id, heading))
        return outline

    def _related_candidates(self):
        return (CaseStudyPage.objects.live().public().filter(locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key))

    def kept_facts(self, limit=3):
        """What this page, served (not previewed), shows of other rows: ``related`` (the keys
        of ``get_related_case_studies``), ``source_language`` (the language it was translated
        from, see ``translated_from``) and ``involves`` (the stakeholder kinds involved).
        Read once, then again only after a write to a table they were read from
        (network.memo.remember_tables): choosing the related cases counts the themes of every
        case sharing one, and the stakeholders are five subqueries."""
        def load():
            source = (Translation.objects.filter(source__object_id=OuterRef("translation_key"),
                                                 target_locale_id=OuterRef("locale_id"))
                      .values("source__locale__language_code")[:1])
            # The kinds are a fixed list (StakeholderKind, rows made by a migration in the
            # same order): whether the case involves each is a yes/no.
            involves = {f"involves_{kind}": Exists(Stakeholder.objects.filter(
                code=kind, case_studies=OuterRef("pk"))) for kind in StakeholderKind.values}
            row = (CaseStudyPage.objects.filter(pk=self.pk)
                   .annotate(source_language=Subquery(source), **involves)
                   .values("source_language", *involves).first()) or {}
            return {"related": self._related_pks(self._related_candidates(), limit),
                    "source_language": row.get("source_language"),
                    "involves": [kind for kind in StakeholderKind.values
                                 if row.get(f"involves_{kind}")]}

        return memo.remember_tables("casestudies-page-facts", (self.pk, limit), load,
                                    size=RELATED_REMEMBERED)

    def get_related_case_studies(self, limit=3):
        """Editor-chosen related cases first, then others that share the most themes.

        Only live, public cases of this page's tree are returned (an editor may have chosen a
        case in another language's tree: its version in this tree is shown); at most ``limit``
        in total, in a handful of queries whatever the size of the library. Loaded with their
        card data, and this page's own areas, themes and picture with them (a preview shows
        the unsaved ones).
        """
        candidates = self._related_candidates()
        pks = self._related_pks(candidates, limit)
        related = []
        if pks:
            cards = with_card_data(candidates.filter(pk__in=pks))
            # Cards' relations are loaded below, with this page's own.
            card_lookups = cards._prefetch_related_lookups
            by_pk = {page.pk: page for page in cards.prefetch_related(None)}
            related = [by_pk[pk] for pk in pks if pk in by_pk]
        else:
            card_lookups = with_card_data(candidates)._prefetch_related_lookups
        # This page shows its own areas, themes and picture too: loaded with the cards'.
        prefetch_related_objects([self, *related], *card_lookups)
        return prefetch_text_languages(related)

    def _related_pks(self, candidates, limit):
        """The primary keys of the related cases among ``candidates``, in order (see
        ``get_related_case_studies``). Only keys are read: grouping whole page rows to count
        their themes takes seconds at 10,000 cases."""
        pks = self._chosen_related(candidates)[:limit]
        missing = limit - len(pks)
        if missing > 0:
            # This page's themes as a subquery (a list in a preview, whose themes are in
            # memory): none shared, no case.
            theme_ids = self.themes.values_list("id", flat=True)
            if not isinstance(theme_ids, models.QuerySet):
                theme_ids = list(theme_ids)
            # Filtered on the shared themes *before* counting them: only the cases with one of
            # this page's themes are counted, and only their themes in common.
            pks += (candidates.exclude(pk__in=pks).filter(themes__in=theme_ids)
                    .values("pk").annotate(shared=Count("themes"))
                    .order_by("-shared", "-first_published_at", "-pk")
                    .values_list("pk", flat=True)[:missing])
        return pks

    def _chosen_related(self, candidates):
        """The primary keys of the ``candidates`` an editor chose, in the order of the links."""
        links = self.related_links.all()
        if isinstance(links, models.QuerySet):
            # A saved page: the links are read in the cases' own query.
            first_link = (links.filter(related__translation_key=OuterRef("translation_key"))
                          .order_by("sort_order", "pk").values("sort_order")[:1])
            return list(candidates.filter(
                translation_key__in=links.values("related__translation_key"))
                .annotate(link_order=Subquery(first_link))
                .order_by(F("link_order").asc(nulls_last=True), "pk")
                .values_list("pk", flat=True))
        # A preview: the links are in memory.
        wanted = [link.related.translation_key for link in links if link.related_id]
        if not wanted:
            return []
        chosen = dict(candidates.filter(translation_key__in=wanted)
                      .values_list("translation_key", "pk"))
        return [chosen[key] for key in dict.fromkeys(wanted) if key in chosen]

    def _load_preview_facts(self):
        """For a preview: read this page's saved picture (for ``card_image``) and the language
        it was translated from (``translated_from``) in one query; returns the names of the
        stakeholders in memory (perhaps unsaved). Nothing is read for a page not saved yet."""
        self._translated_from = None
        if self.pk:
            source = (Translation.objects.filter(source__object_id=OuterRef("translation_key"),
                                                 target_locale_id=OuterRef("locale_id"))
                      .values("source__locale__language_code")[:1])
            row = (CaseStudyPage.objects.filter(pk=self.pk).select_related("hero_image")
                   .only("pk", "translation_key", "locale_id", "hero_image")
                   .annotate(source_language=Subquery(source)).first())
            if row is not None:  # else a preview of a page deleted meanwhile
                if self.hero_image_id == row.hero_image_id and row.hero_image_id:
                    self.hero_image = row.hero_image
                if not self.alias_of_id:
                    self._translated_from = row.source_language
        return [str(kind) for kind in self.stakeholders.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_contact"] = can_see_contact_details(request.user)
        if getattr(request, "is_preview", False) or not self.pk:
            context["stakeholders"] = self._load_preview_facts()
            # Then: it loads this page's areas, themes and renditions with the related cases'.
            context["related_cards"] = render_cards(self.get_related_case_studies(), request)
        else:
            facts = self.kept_facts()
            self._translated_from = None if self.alias_of_id else facts["source_language"]
            context["stakeholders"] = [str(label) for kind, label in StakeholderKind.choices
                                       if kind in facts["involves"]]
            # The related cases' cards are kept as markup (casestudies.cards); this page's own
            # areas, themes and picture are loaded as a card's are.
            context["related_cards"] = cards_html(facts["related"], request)
            prefetch_related_objects(
                [self], *with_card_data(CaseStudyPage.objects.none())._prefetch_related_lookups)
        # Evaluated once here: the template shows each of these in several places.
        context["areas"] = list(self.areas.all())
        context["themes"] = list(self.themes.all())
        context["tags"] = list(self.tags.all())
        context["contacts"] = [c for c in self.contacts.select_related(
            "person", "person__organisation").prefetch_related("person__areas")]
        context["library"] = self.get_parent().specific_deferred
        context["text_language"] = code = text_language(self)
        context["text_language_name"] = language_name(code)
        source = self.translated_from()
        context["translated_from_name"] = language_name(source) if source else ""
        return context

    def translated_from(self):
        """The language code of the original this page was translated from with
        wagtail-localize, or None for an original or an alias (one query)."""
        if self.alias_of_id or not self.pk:
            return None
        if "_translated_from" in self.__dict__:  # read with the picture (get_context)
            return self._translated_from
        return (Translation.objects.filter(source__object_id=self.translation_key,
                                           target_locale_id=self.locale_id)
                .values_list("source__locale__language_code", flat=True).first())


def active_case_studies():
    """The live, public case studies of the active language's tree: each case once, as its
    translation where there is one, otherwise as the (marked) original or its alias."""
    return CaseStudyPage.objects.live().public().filter(locale__language_code=active_language())


class CaseStudyContact(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="case_study_contacts")
    role_in_case = models.CharField(_("role in this case"), max_length=120, blank=True,
                                    help_text=_("e.g. 'project lead'. Leave empty to show their "
                                                "job title."))

    panels = [FieldPanel("person"), FieldPanel("role_in_case")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    @property
    def line(self):
        """Role and organisation, without repeating the organisation (``contact_line``)."""
        return contact_line(self)


def contact_line(contact):
    """The role line of a case's contact: their role in the case (else their usual role), then
    their organisation unless the role already names it (``Person.role_line`` decides)."""
    return contact.person.role_line(contact.role_in_case or "")


class RelatedCaseStudy(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(CaseStudyPage, verbose_name=_("case study"),
                                on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related case study")
        verbose_name_plural = _("related case studies")
