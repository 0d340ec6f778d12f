"""Template helpers shared by every app's templates."""
from django import template
from wagtail.models import Page

from network import absolute_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (or removed when None).

    Keeps filters in the URL across pagination and sorting, so links stay shareable.
    """
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def absolute_url(context, target):
    """The absolute URL of a page or a path on the current request's host.

    Not Wagtail's ``{% fullpageurl %}``, which uses the Site record's host and port.
    """
    request = context.get("request")
    if isinstance(target, Page):
        return absolute_urls.page_url(target, request) or ""
    return absolute_urls.absolute_url(str(target), request)
