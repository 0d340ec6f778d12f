"""Schema.org structured data (JSON-LD) for search engines (#16, docs/seo.md).

The hub gives the machinery and the network's own node; the apps describe their pages:

- a page model that has something to say defines ``structured_data(request)`` returning a
  dict (a schema.org node) or None; ``{% json_ld page %}`` (``templatetags/structured_data``)
  asks it by duck typing, so the hub never names the apps;
- ``organization(request)`` is the network as an Organization: the home page's node, and the
  publisher or organiser the apps' nodes name;
- ``json_ld_script(data)`` serialises a node into a ``<script type="application/ld+json">``
  block that text from editors (a title with ``</script>``) cannot break out of.

Nothing personal goes in: no e-mail addresses, no phone numbers, no join links.
"""
import html
import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from .absolute_urls import absolute_url
from .models import Country, MembershipStatus
from .translation import active_language

SCHEMA = "https://schema.org"
#: The raster logo search engines ask for (Google wants at least 112 px, not SVG).
LOGO = "img/logo-512.png"
#: One image per aspect ratio Google recommends for articles and events (16:9, 4:3, 1:1),
#: each at least 1200 px wide when the original is (Wagtail's fill never enlarges).
IMAGE_RENDITIONS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")

# "<", ">" and "&" as JSON escapes: the same data for a JSON parser, but no "</script>" or
# "<!--" that would end or confuse the script element (the HTML spec's advice for data blocks).
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def enum(member):
    """The absolute URL of a schema.org enumeration member ("EventScheduled")."""
    return f"{SCHEMA}/{member}"


def one_line(text, limit=None):
    """Plain text (a title, a summary) as one line, at most ``limit`` characters."""
    text = " ".join(str(text or "").split())
    return Truncator(text).chars(limit) if limit else text


def plain_text(rich_text, limit=None):
    """Rich text (HTML) as one line of plain text, at most ``limit`` characters."""
    return one_line(html.unescape(strip_tags(str(rich_text or ""))), limit)


def image_urls(image, request):
    """Absolute URLs of ``image`` cropped to 16:9, 4:3 and 1:1, or [] without an image."""
    if image is None:
        return []
    renditions = image.get_renditions(*IMAGE_RENDITIONS)  # one query for the three
    return [absolute_url(renditions[spec].url, request) for spec in IMAGE_RENDITIONS]


def isoformat(value):
    """A date or an aware datetime in ISO 8601 (with its UTC offset), or None."""
    return value.isoformat() if value else None


def home_url(request):
    """The absolute address of the home page in the active language."""
    return absolute_url(f"/{active_language()}/", request)


def organization(request, full=True):
    """The network as a schema.org Organization.

    ``full=False`` gives the short form other nodes name as publisher or organiser (name, url
    and logo, as Google asks of a publisher); the home page has the full one.
    """
    node = {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": home_url(request),
        "logo": absolute_url(static(LOGO), request),
    }
    if full:
        node.update({
            # The same sentence as the site's default meta description (one translation).
            "description": gettext("A learning network of town-centre managers in the "
                                   "Netherlands and Denmark."),
            "areaServed": [{"@type": "Country", "name": str(country.label), "identifier": country.value}
                           for country in Country],
        })
    return node


def member_area(area, request):
    """A member area as an Organization, with its public page in the directory (former
    members have none)."""
    in_directory = area.membership_status != MembershipStatus.FORMER
    return {"@type": "Organization", "name": area.localized_name,
            "url": absolute_url(area.get_absolute_url(), request) if in_directory else None}


def prune(value):
    """``value`` without empty parts (None, "", [], {}), recursively: builders can write every
    property and leave out what a page does not have."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, (list, tuple)):
        pruned = [prune(item) for item in value]
        return [item for item in pruned if item not in (None, "", [], {})]
    return value


def to_json(data):
    """``data`` as JSON-LD text (with the schema.org context), safe inside a script element."""
    node = {"@context": SCHEMA, **prune(data)}
    return json.dumps(node, ensure_ascii=False, separators=(",", ":")).translate(_HTML_SAFE)


def json_ld_script(data):
    """A ``<script type="application/ld+json">`` element holding ``data``, or "" for None.

    A data block, not a script: browsers do not run it, so the site's Content-Security-Policy
    (script-src 'self', no nonces) needs no exception for it.
    """
    if not data:
        return ""
    return mark_safe(f'<script type="application/ld+json">{to_json(data)}</script>')
