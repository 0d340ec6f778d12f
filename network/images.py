"""Pictures on the site: rendition presets, responsive ``<img>`` markup, cheap lists of cards
and the rule that every image has alt text (docs/images.md).

- ``PRESETS``: what each use of a picture needs ("card", "hero", "thumb", "og"): the Wagtail
  filter specs of its widths (WebP; JPEG for Open Graph) and its ``sizes``.
- ``render_image(image, preset, alt=…)``: the ``<img>`` with ``srcset``/``sizes``, ``width``
  and ``height``, lazy loading (the hero loads at once); used by ``{% responsive_image %}``.
  Every width of a preset comes from one ``image.get_renditions()`` call: one query at most,
  none when the renditions were prefetched.
- ``with_card_images(queryset, field)``: prefetch the image and all its renditions, so a
  list of N cards costs the same queries as a list of two.
- ``AltTextImageForm``: the admin's image form with the description required (it is the
  alt text); set as ``WAGTAILIMAGES_IMAGE_FORM_BASE``.

Only WebP: Pillow could write AVIF too, at no extra query, but encoding one AVIF rendition
takes 0.4–1.6 s against 0.05–0.1 s for WebP, and renditions are made on the first request
that shows a picture; a listing of twelve new pictures would keep a visitor waiting.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm


@dataclass(frozen=True)
class Preset:
    """One use of a picture: its resize operations (narrowest first), ``sizes``, format and
    whether it loads at once (the page head's picture is the largest thing on first paint)."""

    operations: tuple[str, ...]
    sizes: str
    output: str = "format-webp"
    eager: bool = False

    @property
    def specs(self):
        """The Wagtail filter specs, e.g. ``fill-400x267|format-webp``."""
        return tuple(f"{operation}|{self.output}" for operation in self.operations)


PRESETS = {
    # Cards: 3:2, at most ~22rem wide in the grid, the whole width on a phone.
    "card": Preset(("fill-400x267", "fill-640x427", "fill-960x640"),
                   "(min-width: 56rem) 22rem, 100vw"),
    # A page head's picture: up to the content column (--max: 72rem).
    "hero": Preset(("width-800", "width-1200", "width-1600"), "(min-width: 72rem) 72rem, 100vw",
                   eager=True),
    # Square avatars and area logos.
    "thumb": Preset(("fill-160x160", "fill-320x320"), "10rem"),
    # Open Graph: 1.91:1 at 1200×630, JPEG (not every consumer reads WebP).
    "og": Preset(("fill-1200x630",), "1200px", output="format-jpeg"),
}


def preset(name):
    """The preset called ``name`` (a ``ValueError`` naming the choices for a typo)."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"Unknown image preset {name!r}; use one of {', '.join(PRESETS)}") from None


def renditions(image, preset_name):
    """The renditions of ``image`` for a preset, narrowest first, without repeated widths (a
    small original gives the same rendition for several specs: Wagtail does not enlarge)."""
    found = image.get_renditions(*preset(preset_name).specs)
    unique = {}
    for rendition in found.values():
        unique.setdefault(rendition.width, rendition)
    return [unique[width] for width in sorted(unique)]


def alt_text(image, alt=None):
    """The alt text: ``alt`` when given ("" for a decorative picture), else the image's
    description (required in the admin), else "" rather than a file name."""
    if alt is not None:
        return str(alt)
    return (getattr(image, "description", "") or "").strip()


def render_image(image, preset_name="card", alt=None, **attrs):
    """An ``<img>`` of ``image`` for a preset, or "" when there is no image.

    ``srcset`` lists every width of the preset with ``sizes``; ``src``, ``width`` and
    ``height`` are the middle width's (so the browser reserves the space before loading).
    Pictures load lazily and decode off the main thread, except the "hero" preset: eager,
    with ``fetchpriority="high"``. Extra keyword arguments become attributes (``class``).
    """
    if image is None:
        return ""
    chosen = preset(preset_name)
    found = renditions(image, preset_name)
    default = found[len(found) // 2]
    attributes = {
        "src": default.url,
        "srcset": ", ".join(f"{r.url} {r.width}w" for r in found),
        "sizes": chosen.sizes,
        "width": default.width,
        "height": default.height,
        "alt": alt_text(image, alt),
    }
    if chosen.eager:
        attributes.update(loading="eager", fetchpriority="high")
    else:
        attributes.update(loading="lazy", decoding="async")
    # Image descriptions are written in English and not translated (docs/images.md): on a
    # Dutch or Danish page the alt text says which language a screen reader should speak.
    if alt is None and attributes["alt"] and (get_language() or "en").split("-")[0] != "en":
        attributes["lang"] = "en"
    attributes.update({name.rstrip("_"): value for name, value in attrs.items()
                       if value is not None})
    # flatatt leaves out an empty alt; a decorative picture must say alt="".
    alt_value = attributes.pop("alt")
    return format_html('<img alt="{}"{}>', alt_value, flatatt(attributes))


def image_url(image, preset_name="og"):
    """The URL of the widest rendition of ``image`` for a preset ("" without an image)."""
    if image is None:
        return ""
    return renditions(image, preset_name)[-1].url


def with_card_images(queryset, field="image"):
    """``queryset`` with the images in ``field`` (a relation path such as ``"hero_image"``)
    and all their renditions prefetched: one extra query for the whole list, however long.

    All renditions, not only the presets': once renditions are prefetched, Wagtail takes a
    missing one for one never made and generates it again.
    """
    # The image joined into the list's own query (every ``field`` is a foreign key), so only
    # the renditions cost a second query; ``prefetched_renditions`` is where Wagtail's
    # ``prefetch_renditions()`` puts them and where ``get_rendition`` looks first.
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions"))


class AltTextImageForm(BaseImageForm):
    """Wagtail's image form with the description required: the description is the picture's
    alt text wherever the site shows it (``render_image``).

    Wagtail builds every image form on this base (``WAGTAILIMAGES_IMAGE_FORM_BASE``): adding
    and editing an image, the chooser's upload tab, and the edit step of the multiple upload,
    which keeps the file as a pending upload until its description is given.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = _("Description (alt text)")
            field.help_text = _(
                "What the picture shows, in one or two sentences, for people who cannot see it "
                "(screen readers read it aloud). Write it in English: image descriptions are not "
                "translated.")
            # Django strips the value first: spaces alone are no description either.
            field.error_messages["required"] = _(
                "Describe the picture: the description is its alt text.")
