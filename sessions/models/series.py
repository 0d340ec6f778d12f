"""Session series: a year's monthly programme, or the meetings of a closed working group."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from network.models import Person

from ..panels import SeriesSessionsPanel


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
        return self.sessions.published().order_by("starts_at", "pk")
