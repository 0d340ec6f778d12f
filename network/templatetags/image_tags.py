"""Responsive pictures in templates (network/images.py; docs/images.md).

``{% responsive_image image "card" %}`` renders an ``<img>`` with ``srcset``, ``sizes``,
``width``/``height`` and lazy loading (nothing when the image is None); ``alt="…"`` overrides
the image's description (``alt=""`` for a decorative picture), other keyword arguments become
attributes (``class="…"``). ``{% image_url_for image "og" as url %}`` gives a rendition's URL.
"""
from django import template

from network.images import image_url, render_image

register = template.Library()


@register.simple_tag
def responsive_image(image, preset="card", alt=None, **attrs):
    """An ``<img>`` of ``image`` for ``preset`` ("card", "hero", "thumb"), or ""."""
    return render_image(image, preset, alt=alt, **attrs)


@register.simple_tag
def image_url_for(image, preset="og"):
    """The URL of ``image``'s rendition for ``preset`` (relative; "" without an image)."""
    return image_url(image, preset)
