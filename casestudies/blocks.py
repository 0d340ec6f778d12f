"""The structured body of a case study: context, approach, result, lessons, transferability."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from network.blocks import RICH_TEXT_FEATURES, DocumentBlock, ImageBlock, QuoteBlock, VideoBlock


class SectionBlock(blocks.StructBlock):
    """One titled section of the case; the kind decides its heading and place in the outline."""

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        template = "casestudies/blocks/section_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    description = blocks.TextBlock(label=_("What was done"), required=False)


class ApproachBlock(SectionBlock):
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), required=False)

    class Meta:
        template = "casestudies/blocks/approach_block.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), help_text=_("e.g. '-38%' or '14 units'"))
    label = blocks.CharBlock(label=_("What it measures"))


class ResultBlock(SectionBlock):
    figures = blocks.ListBlock(FigureBlock(), label=_("Key figures"), required=False)

    class Meta:
        template = "casestudies/blocks/result_block.html"


class TransferabilityBlock(blocks.StructBlock):
    conditions = blocks.RichTextBlock(label=_("Conditions"), features=RICH_TEXT_FEATURES)
    cost = blocks.CharBlock(label=_("Cost"), required=False)
    time = blocks.CharBlock(label=_("Time needed"), required=False)
    pitfalls = blocks.RichTextBlock(label=_("Pitfalls"), features=RICH_TEXT_FEATURES,
                                    required=False)

    class Meta:
        template = "casestudies/blocks/transferability_block.html"


class CaseStudyBodyBlock(blocks.StreamBlock):
    context = SectionBlock(label=_("Context (why)"), icon="help")
    approach = ApproachBlock(label=_("Approach (what was done)"), icon="list-ol")
    result = ResultBlock(label=_("Result"), icon="success")
    lessons = SectionBlock(label=_("Lessons learned"), icon="pick")
    transferability = TransferabilityBlock(label=_("Transferability"), icon="repeat")
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
