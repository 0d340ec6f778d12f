"""Template tags through which other pages (home, member areas) show sessions."""
import zoneinfo
from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.templatetags.tz import datetimeobject
from django.utils import timezone

from sessions.languages import attach_texts
from sessions.localtime import zone_abbreviation
from sessions.models import SessionPage

register = template.Library()


@register.inclusion_tag("sessions/includes/session_list.html", takes_context=True)
def upcoming_sessions(context, limit=3):
    """The next ``limit`` live, public sessions that have not ended (cancelled ones included,
    marked as such, so that people who planned to come see it)."""
    sessions = attach_texts(SessionPage.objects.published().upcoming(timezone.now())
                            .with_registration_counts().order_by("starts_at", "pk")[:limit])
    return {"sessions": sessions, "request": context.get("request"),
            "empty_message": "upcoming", "show_seats": True}


@register.inclusion_tag("sessions/includes/session_list.html", takes_context=True)
def area_sessions(context, area, limit=10):
    """Sessions a member area hosted, newest first."""
    sessions = attach_texts(SessionPage.objects.published().filter(host_area=area)
                            .order_by("-starts_at", "-pk")[:limit])
    return {"sessions": sessions, "request": context.get("request"), "empty_message": "area"}


@register.filter
def in_zone(moment, zone_name):
    """``moment`` in the zone ``zone_name``, ready for ``date`` and ``zone_abbr``.

    Django's own ``timezone`` filter rebuilds the datetime without its ``fold``, so a moment
    in the hour that occurs twice when clocks go back (02:30 CET on 31 October 2027) comes out
    with the other reading's offset (02:30 CEST, an hour off). This one keeps it.
    """
    if not isinstance(moment, datetime):
        return ""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    try:
        local = moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return ""
    result = datetimeobject(local.year, local.month, local.day, local.hour, local.minute,
                            local.second, local.microsecond, local.tzinfo, fold=local.fold)
    # Like Django's filter: stops ``date`` converting it back to the current time zone.
    result.convert_to_local_time = False
    return result


@register.filter
def zone_abbr(moment):
    """The zone abbreviation of an aware moment (CET, CEST), or its UTC offset; never empty.

    Use it instead of ``date:"T"``: Django renders "T" as nothing for a moment in the hour
    that occurs twice when clocks go back.
    """
    if not moment:
        return ""
    return zone_abbreviation(moment)


@register.filter
def date_zone(moment, fmt):
    """``moment|date:fmt`` followed by its zone abbreviation: "3 March 2027, 12:00 CET"."""
    if not moment:
        return ""
    return f"{date_filter(moment, fmt)} {zone_abbreviation(moment)}"
