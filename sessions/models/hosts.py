"""The hosts and speakers of a session (an inline on the session page)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from network.models import Person

from .pages import SessionPage


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
