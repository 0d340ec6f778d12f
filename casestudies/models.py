"""Case studies: what a member area did, why, how, and with what result."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from network.models import MemberArea, Person, Theme

from .blocks import CaseStudyBodyBlock


class Stakeholder(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs")
    PROPERTY_OWNERS = "property_owners", _("Property owners")
    RESIDENTS = "residents", _("Residents")
    OTHERS = "others", _("Others")


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey("casestudies.CaseStudyPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class CaseStudyIndexPage(Page):
    """The case-study library."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case-study library")


class CaseStudyPage(Page):
    """One case study from one or more member areas."""

    summary = models.TextField(
        _("summary"), max_length=500,
        help_text=_("Plain text for cards, search results, feeds and the meta description."),
    )
    areas = ParentalManyToManyField(MemberArea, verbose_name=_("member areas"),
                                    related_name="case_studies")
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="case_studies")
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True, verbose_name=_("tags"))
    period_start = models.DateField(_("started"))
    period_end = models.DateField(_("ended"), null=True, blank=True,
                                  help_text=_("Leave empty while the project is ongoing."))
    stakeholders = models.JSONField(_("stakeholders involved"), default=list, blank=True)
    stakeholders_other = models.CharField(_("other stakeholders"), max_length=200, blank=True)
    organisation_model = models.CharField(_("organisation model"), max_length=200, blank=True)
    budget = models.CharField(_("budget"), max_length=120, blank=True)
    funders = models.CharField(_("funders"), max_length=255, blank=True)
    entrepreneurs_fund = models.BooleanField(_("entrepreneurs' fund involved"), default=False)
    subsidy = models.CharField(_("subsidy"), max_length=200, blank=True)
    body = StreamField(CaseStudyBodyBlock(), verbose_name=_("body"))
    written_in = models.CharField(_("written in"), max_length=2,
                                  choices=[("en", _("English")), ("nl", _("Dutch")),
                                           ("da", _("Danish"))], default="en")
    hero_image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel([FieldPanel("areas"), FieldPanel("themes"), FieldPanel("tags"),
                         FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                         FieldPanel("written_in")], heading=_("Facts")),
        MultiFieldPanel([FieldPanel("stakeholders_other"), FieldPanel("organisation_model")],
                        heading=_("Organisation")),
        MultiFieldPanel([FieldPanel("budget"), FieldPanel("funders"),
                         FieldPanel("entrepreneurs_fund"), FieldPanel("subsidy")],
                        heading=_("Financing")),
        FieldPanel("body"),
        InlinePanel("contacts", label=_("Contact people"), min_num=1),
        InlinePanel("related_links", label=_("Related case studies")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name"), index.SearchField("municipality")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("search_terms")]),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")


class CaseStudyContact(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="case_study_contacts")

    panels = [FieldPanel("person")]


class RelatedCaseStudy(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(CaseStudyPage, verbose_name=_("case study"),
                                on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]
