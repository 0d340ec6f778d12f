"""Rendering the sections other apps registered for a hub page (see ``network.hub``)."""
from django import template
from django.utils.safestring import mark_safe

from network import hub

register = template.Library()


@register.simple_tag(takes_context=True)
def hub_sections(context, place, *args):
    """Every section registered for ``place`` ("home", "area", "page"), in order, each rendered
    with the context its function gives for the request and ``args`` (the area, the page)."""
    request = context.get("request")
    output = []
    for section in hub.sections(place):
        values = section(request, *args)
        if values is None:
            continue
        # As Django's inclusion tags do: a fresh context that keeps the request and the CSRF
        # token, without running the context processors again.
        section_context = context.new({"request": request, **values})
        csrf_token = context.get("csrf_token")
        if csrf_token is not None:
            section_context["csrf_token"] = csrf_token
        output.append(context.template.engine.get_template(section.template)
                      .render(section_context))
    return mark_safe("".join(output))
