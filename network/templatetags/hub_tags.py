"""Rendering the sections other apps registered for a hub page (see ``network.hub``)."""
from django import template
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from network import hub
from network.models import Theme

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


@register.simple_tag(takes_context=True)
def hero_actions(context):
    """The home hero's buttons for this visitor (``network.hub.hero_action``), as dicts with
    ``label`` and ``url``: ``{% hero_actions as actions %}``."""
    return hub.hero_actions(context.get("request"))


@register.simple_tag(takes_context=True)
def theme_tiles(context):
    """The home page's theme tiles with what each app counts for them
    (``network.hub.theme_counts``): one query for the themes, one per counting app."""
    return hub.theme_tiles(context.get("request"), Theme.objects.all())


@register.simple_tag
def hub_stylesheets(place):
    """``<link rel="stylesheet">`` for each stylesheet the sections of ``place`` asked for
    (``hub.home_section(…, stylesheet=…)``), for the page's ``extra_head`` block."""
    return format_html_join("", '<link rel="stylesheet" href="{}">',
                            ((static(path),) for path in hub.section_stylesheets(place)))
