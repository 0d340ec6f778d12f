"""The fixed choices of a session: its time zones, format and status."""
from django.db import models
from django.utils.translation import gettext_lazy as _

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
