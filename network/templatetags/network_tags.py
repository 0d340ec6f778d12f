"""Template helpers shared by every app's templates."""
from django import template
from wagtail.models import Page

from network import absolute_urls, directory

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


@register.simple_tag
def areas_by_country():
    """The member areas grouped by country, with their dots on the schematic map:
    ``{% areas_by_country as countries %}`` (one query)."""
    return directory.areas_by_country()


@register.filter
def role_line(person, extra_role=""):
    """``{{ person|role_line }}`` or ``{{ person|role_line:contact.role_in_case }}``: the role
    and organisation in one line, never naming the organisation twice (``Person.role_line``)."""
    return person.role_line(extra_role or "")
