"""Template tags through which other pages (home, member areas) show sessions, and the
filters that write a session's times, date badge and card summary."""
import html
import zoneinfo
from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.templatetags.tz import datetimeobject
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.html import strip_tags
from django.utils.text import Truncator

from network import hub, memo, pagecache
from network.translation import active_language
from sessions.cards import session_list_html
from sessions.languages import default_language
from sessions.localtime import zone_abbreviation
from sessions.models import SessionIndexPage, SessionPage

register = template.Library()

# A card's one-line description: about two lines on a phone, one and a bit on a wide screen.
SUMMARY_LENGTH = 140


def programme_url(request):
    """The address of the session programme in the active language (the English one if that
    language has none), or "" if there is no live programme page. No query of its own when
    the programme is right under the site's root, where the header has already looked."""
    page = hub.root_page_of_type(request, SessionIndexPage) if request is not None else None
    if page is None:
        # Elsewhere in the tree (editors may move it): one query.
        pages = {page.locale.language_code: page for page in
                 SessionIndexPage.objects.live().public().select_related("locale")}
        page = pages.get(active_language()) or pages.get(default_language())
    return page.get_url(request) if page else ""


def upcoming_keys(limit):
    """(pk, status) of the next ``limit`` live, public sessions that have not ended (cancelled
    ones included), soonest first. Kept until a session table is written or the next moment
    sessions change by the clock (``network.pagecache.kept_next_change``): the home page's
    hero button and its sessions section both ask on every visit."""
    def load():
        return list(SessionPage.objects.published().upcoming(timezone.now())
                    .order_by("starts_at", "pk").values_list("pk", "status")[:limit])

    return memo.remember_tables("sessions.upcoming-keys", (limit, pagecache.kept_next_change()),
                                load, size=4)


@register.simple_tag(takes_context=True)
def session_list(context, pks, **options):
    """The cards of the sessions with the keys ``pks`` (session_list.html with ``options``),
    kept as markup by sessions.cards."""
    return session_list_html(pks, context.get("request"), **options)


@register.inclusion_tag("sessions/includes/home_section.html", takes_context=True)
def upcoming_sessions(context, limit=3):
    """The next ``limit`` live, public sessions that have not ended (cancelled ones included,
    marked as such, so that people who planned to come see it), with links to the programme
    and its calendar."""
    request = context.get("request")
    pks = [pk for pk, _status in upcoming_keys(limit)]
    index_url = programme_url(request)
    return {"cards": session_list_html(pks, request, empty_message="upcoming", show_seats=True,
                                       compact=True),
            "index_url": index_url,
            "calendar_url": f"{index_url}#calendar" if index_url
            else reverse("sessions:calendar_all")}


@register.inclusion_tag("sessions/includes/area_section.html", takes_context=True)
def area_sessions(context, area, limit=10):
    """Sessions a member area hosted, newest first."""
    def load():
        return list(SessionPage.objects.published().filter(host_area=area)
                    .order_by("-starts_at", "-pk").values_list("pk", flat=True)[:limit])

    # Which sessions does not change by the clock: past and upcoming ones alike.
    pks = memo.remember_tables("sessions.area-keys", (area.pk, limit), load, size=64)
    return {"cards": session_list_html(pks, context.get("request"), empty_message="area")}


@register.filter
def month_abbr(moment):
    """The month of ``moment`` abbreviated in the active language, for a date badge: "Dec" in
    English, "dec" in Dutch and Danish, which write month names in lower case."""
    if not moment:
        return ""
    short = str(MONTHS_3[moment.month])
    # Capitalised where the language capitalises the full name (English), not elsewhere.
    return short.capitalize() if str(MONTHS[moment.month])[:1].isupper() else short


@register.filter
def card_summary(page, length=SUMMARY_LENGTH):
    """One line about a session for its card: its search description if it has one, else the
    start of its description, as plain text (entities decoded; the template escapes it)."""
    text = getattr(page, "search_description", "") or strip_tags(getattr(page, "description", ""))
    text = " ".join(html.unescape(text).split())
    return Truncator(text).chars(int(length)) if text else ""


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
