"""Template tags through which other pages (member areas) show intervision records.

Visibility is decided only by ``sessions.intervisions.visible_records``.
"""
from django import template

from sessions.intervisions import visible_records

register = template.Library()


@register.inclusion_tag("network/includes/area_intervisions.html", takes_context=True)
def area_intervisions(context, area, limit=20):
    """Intervision records the area brought that the current user may see (members only).

    Anonymous visitors get nothing at all, not even a heading or a count, so the existence of
    records is not revealed.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_active):
        return {"show": False}
    records = (visible_records(user).filter(area=area).prefetch_related("themes")
               .order_by("-date", "-pk")[:limit])
    return {"show": True, "records": records, "area": area}
