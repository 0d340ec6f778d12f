"""Session series: a year's monthly programme, or the meetings of a closed working group."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from network.localized import (
    TRANSLATION_COLUMN,
    LocalizedNamesMixin,
    localized_field_names,
    localized_panel,
)
from network.models import Person

from ..panels import SeriesSessionsPanel


class SessionSeries(LocalizedNamesMixin, index.Indexed, ClusterableModel):
    """A run of sessions: the year's monthly programme, or a closed working group.

    Its name and description have a column per language (network.localized); the slug, which
    is part of its calendar address, is the same in every language.
    """

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Thematic programme")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=160)
    name_nl = models.CharField(_("name (Dutch)"), max_length=160, **TRANSLATION_COLUMN)
    name_da = models.CharField(_("name (Danish)"), max_length=160, **TRANSLATION_COLUMN)
    slug = models.SlugField(_("slug"), max_length=160, unique=True,
                            help_text=_("Part of the series' calendar address: do not change it once "
                                        "people have subscribed."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.PROGRAMME)
    description = models.TextField(_("description"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), **TRANSLATION_COLUMN)
    description_da = models.TextField(_("description (Danish)"), **TRANSLATION_COLUMN)
    organiser = models.ForeignKey(Person, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="organised_series")

    panels = [localized_panel("name", _("name")), FieldPanel("slug"), FieldPanel("kind"),
              localized_panel("description", _("description"), side_by_side=False),
              FieldPanel("organiser"),
              SeriesSessionsPanel(heading=_("Sessions in this series"))]
    search_fields = [*(index.SearchField(name) for name in localized_field_names("name")),
                     *(index.AutocompleteField(name) for name in localized_field_names("name"))]

    class Meta:
        ordering = ["name"]
        verbose_name = _("session series")
        verbose_name_plural = _("session series")

    def __str__(self):
        return self.localized_name  # in the active language

    def ordered_sessions(self):
        """The series' live, public sessions in date order (what the public may see)."""
        return self.sessions.published().order_by("starts_at", "pk")
