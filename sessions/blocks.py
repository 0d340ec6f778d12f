"""StreamField blocks of session pages."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    """One line of a session's agenda: a time and what happens then."""

    time = blocks.TimeBlock(label=_("Time"))
    item = blocks.CharBlock(label=_("Item"))

    class Meta:
        icon = "time"
        label = _("Agenda item")
