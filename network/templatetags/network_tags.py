"""Template helpers shared by every app's templates."""
from django import template
from wagtail.models import Page

from network import absolute_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, target):
    """The absolute URL of a page or a path on the current request's host.

    Not Wagtail's ``{% fullpageurl %}``, which uses the Site record's host and port.
    """
    request = context.get("request")
    if isinstance(target, Page):
        return absolute_urls.page_url(target, request) or ""
    return absolute_urls.absolute_url(str(target), request)
