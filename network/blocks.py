"""StreamField blocks shared by the network's page types."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    """An image with the caption and credit that every published picture needs."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the picture for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Credit"), required=False)

    class Meta:
        icon = "image"
        template = "includes/blocks/image_block.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person (and their role) who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)
    role = blocks.CharBlock(label=_("Role or organisation"), required=False)

    class Meta:
        icon = "openquote"
        template = "includes/blocks/quote_block.html"
        label = _("Quote")


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (plan, report, slides) with a short description."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False)
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "includes/blocks/document_block.html"
        label = _("Document")


class VideoBlock(blocks.StructBlock):
    """An embedded video with a caption."""

    video = EmbedBlock(label=_("Video URL"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "media"
        template = "includes/blocks/video_block.html"
        label = _("Video")


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BaseStreamBlock(blocks.StreamBlock):
    """The general-purpose body for content pages."""

    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", icon="title",
        template="includes/blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    video = VideoBlock()
