"""The structured body of a case study: context, approach, result, lessons, transferability.

Each section kind is its own block with a fixed public heading, so every case reads in the
same order and members can jump straight to "Lessons learned" or "Transferability".
"""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from network.blocks import RICH_TEXT_FEATURES, DocumentBlock, ImageBlock, QuoteBlock, VideoBlock


class SectionBlock(blocks.StructBlock):
    """One titled section of the case; ``Meta.heading`` is the heading readers see."""

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        template = "casestudies/blocks/section_block.html"
        heading = ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.meta.heading
        return context


class ContextBlock(SectionBlock):
    class Meta:
        heading = _("Context: why")
        label = _("Context (why)")
        icon = "help"


class LessonsBlock(SectionBlock):
    class Meta:
        heading = _("Lessons learned")
        label = _("Lessons learned")
        icon = "pick"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    description = blocks.TextBlock(label=_("What was done"), required=False)


class ApproachBlock(SectionBlock):
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), required=False)

    class Meta:
        template = "casestudies/blocks/approach_block.html"
        heading = _("Approach: what was done")
        label = _("Approach (what was done)")
        icon = "list-ol"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), help_text=_("e.g. '-38%' or '14 units'"))
    label = blocks.CharBlock(label=_("What it measures"))


class ResultBlock(SectionBlock):
    figures = blocks.ListBlock(FigureBlock(), label=_("Key figures"), required=False)

    class Meta:
        template = "casestudies/blocks/result_block.html"
        heading = _("Result")
        label = _("Result")
        icon = "success"


class TransferabilityBlock(blocks.StructBlock):
    """What another centre needs to repeat the case: conditions, cost, time and pitfalls."""

    conditions = blocks.RichTextBlock(label=_("Conditions"), features=RICH_TEXT_FEATURES)
    cost = blocks.CharBlock(label=_("Cost"), required=False)
    time = blocks.CharBlock(label=_("Time needed"), required=False)
    pitfalls = blocks.RichTextBlock(label=_("Pitfalls"), features=RICH_TEXT_FEATURES,
                                    required=False)

    class Meta:
        template = "casestudies/blocks/transferability_block.html"
        heading = _("Transferability: doing this in your centre")
        label = _("Transferability")
        icon = "repeat"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.meta.heading
        return context


class CaseStudyBodyBlock(blocks.StreamBlock):
    context = ContextBlock()
    approach = ApproachBlock()
    result = ResultBlock()
    lessons = LessonsBlock()
    transferability = TransferabilityBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()

    class Meta:
        # A case without its context and result is not a case study yet.
        block_counts = {"context": {"min_num": 1}, "result": {"min_num": 1}}


#: The section kinds in reading order, with the heading used in the page outline.
SECTION_KINDS = ("context", "approach", "result", "lessons", "transferability")
