"""Template tags through which other pages (home, member areas) show sessions."""
from django import template
from django.utils import timezone

from sessions.models import SessionPage

register = template.Library()


@register.inclusion_tag("sessions/includes/session_list.html", takes_context=True)
def upcoming_sessions(context, limit=3):
    """The next ``limit`` live, public sessions that have not ended (cancelled ones included,
    marked as such, so that people who planned to come see it)."""
    sessions = (SessionPage.objects.published().upcoming(timezone.now())
                .with_registration_counts().order_by("starts_at", "pk")[:limit])
    return {"sessions": sessions, "request": context.get("request"),
            "empty_message": "upcoming", "show_seats": True}


@register.inclusion_tag("sessions/includes/session_list.html", takes_context=True)
def area_sessions(context, area, limit=10):
    """Sessions a member area hosted, newest first."""
    sessions = (SessionPage.objects.published().filter(host_area=area)
                .order_by("-starts_at", "-pk")[:limit])
    return {"sessions": sessions, "request": context.get("request"), "empty_message": "area"}
