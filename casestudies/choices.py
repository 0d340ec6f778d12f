"""Fixed lists of the case-study library, kept apart from the models so that the library's
filters (casestudies.filters) can use them without importing the page models."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurs")
    PROPERTY_OWNERS = "property_owners", _("Property owners")
    RESIDENTS = "residents", _("Residents")
    OTHERS = "others", _("Others")


class SortOrder(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    TITLE = "title", _("A–Z")
    RELEVANCE = "relevance", _("Best match")
