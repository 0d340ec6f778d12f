"""Template tags through which other pages (member areas, sessions, case studies) show
intervision records.

Visibility is decided only by ``intervisions.visibility.visible_records``.
"""
from django import template

from intervisions.visibility import related_records, visible_records

register = template.Library()


@register.inclusion_tag("intervisions/area_intervisions.html", takes_context=True)
def area_intervisions(context, area, limit=20):
    """Intervision records the area brought that the current user may see (members only).

    Anonymous visitors get nothing at all, not even a heading or a count, so the existence of
    records is not revealed.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_active):
        return {"show": False}
    records = (visible_records(user).filter(area=area).select_related("method").prefetch_related("themes")
               .order_by("-date", "-pk")[:limit])
    return {"show": True, "records": records, "area": area}


@register.inclusion_tag("intervisions/related_intervisions.html", takes_context=True)
def related_intervisions(context, page, limit=10):
    """A "related intervisions" block for a session or case-study page.

    Only records the current user may see; for anyone else (anonymous visitors included) the
    block renders nothing at all, not even a heading.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    # A preview of a page never saved has no id, and so no records yet.
    if page is None or not page.pk:
        return {"records": []}
    records = list(related_records(user, page).order_by("-date", "-pk")[:limit])
    return {"records": records}
