"""Read-only admin panels of sessions and series (what organisers see beside the fields)."""
from wagtail.admin.panels import Panel


class SeriesSessionsPanel(Panel):
    """Read-only list of a series' sessions in date order (drafts too), with edit links."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "sessions/admin/series_sessions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The reverse relation of SessionPage.series, so this module needs no model import.
            # The events themselves, not their pages in other languages.
            context["sessions"] = (self.instance.sessions.canonical().order_by("starts_at", "pk")
                                   if self.instance.pk else [])
            return context


class RegistrationSummaryPanel(Panel):
    """Read-only: places taken and the waiting list, with a link to the registrations view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "sessions/admin/registration_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # A translation's editor shows the places of the event it belongs to.
            session = self.instance.canonical if self.instance.pk else self.instance
            context["session"] = session
            context["counts"] = session.registration_counts() if session.pk else None
            return context
