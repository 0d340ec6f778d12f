"""``{% json_ld page %}``: a page's schema.org structured data (network.structured_data)."""
from django import template

from network import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """The ``<script type="application/ld+json">`` of ``page``: what its ``structured_data``
    method gives (case studies, sessions), the network's Organization on the home page (the
    root of a language's tree), else nothing."""
    request = context.get("request")
    build = getattr(page, "structured_data", None)
    if callable(build):
        data = build(request)
    elif page is not None and getattr(page, "depth", None) == 2:
        data = structured_data.organization(request)
    else:
        data = None
    return structured_data.json_ld_script(data)
