"""The structured body of a case study: context, approach, result, lessons, transferability.

Each section kind is its own block with a fixed public heading, so every case reads in the
same order and members can jump straight to "Lessons learned" or "Transferability".
"""
from bs4 import BeautifulSoup
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

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


def paragraphs(html):
    """The top-level paragraphs of rendered rich text, each as HTML; the whole text as one
    item when it holds anything else at the top level (a list, a heading)."""
    soup = BeautifulSoup(str(html), "html.parser")
    children = [child for child in soup.contents if not (isinstance(child, str) and not child.strip())]
    if children and all(getattr(child, "name", None) == "p" for child in children):
        return [mark_safe(str(child)) for child in children]  # noqa: S308 (already-sanitised rich text)
    return [html] if str(html).strip() else []


class LessonsBlock(SectionBlock):
    """The lessons, each paragraph shown as a pull quote: what readers should take away."""

    class Meta:
        template = "casestudies/blocks/lessons_block.html"
        heading = _("Lessons learned")
        label = _("Lessons learned")
        icon = "pick"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lessons"] = paragraphs(value["text"])
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    description = blocks.TextBlock(label=_("What was done"), required=False)


class ApproachBlock(SectionBlock):
    # default=[]: a ListBlock otherwise starts with one empty item, whose required fields then
    # block "Submit for review" although the contributor never touched it.
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=0, default=[])

    class Meta:
        template = "casestudies/blocks/approach_block.html"
        heading = _("Approach: what was done")
        label = _("Approach (what was done)")
        icon = "list-ol"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), help_text=_("e.g. '-38%' or '14 units'"))
    label = blocks.CharBlock(label=_("What it measures"))


class ResultBlock(SectionBlock):
    # Optional, so no empty figure to start with (see ApproachBlock.steps).
    figures = blocks.ListBlock(FigureBlock(), label=_("Key figures"), min_num=0, default=[])

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


class BodyValidationError(StreamBlockValidationError):
    """The body's errors, with a text that says what to do.

    The admin's error summary lists each field's error by its text, and a StreamBlock's is
    "Validation error in StreamBlock"; the errors themselves still show on the blocks.
    """

    def __init__(self, block_errors=None, non_block_errors=None):
        super().__init__(block_errors=block_errors, non_block_errors=non_block_errors)
        texts = list(self.non_block_errors)
        if self.block_errors:
            texts.append(_("Complete or correct the sections marked in the body."))
        self.message = " ".join(str(text) for text in texts)


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

    #: A case without its context and result is not a case study yet. Not Meta.block_counts:
    #: the admin's JavaScript shows those minimums as errors on an untouched, empty body.
    required_sections = ("context", "result")

    def missing_sections(self, value):
        """The labels of the required sections that ``value`` lacks."""
        present = {child.block_type for child in value}
        return [self.child_blocks[name].label for name in self.required_sections
                if name not in present]

    def clean(self, value):
        """Validate the blocks; unless saving a draft, also require the required sections.

        ``is_deferred_validation`` is Wagtail's flag for a draft save (``clean_deferred``).
        """
        missing = [] if self.is_deferred_validation else [
            _("Add a “%(section)s” section.") % {"section": label}
            for label in self.missing_sections(value)]
        if missing and not value:
            # Only the sections to report: not also the generic "This field is required."
            raise BodyValidationError(non_block_errors=missing)
        try:
            cleaned = super().clean(value)
        except StreamBlockValidationError as error:
            raise BodyValidationError(block_errors=error.block_errors,
                                      non_block_errors=list(error.non_block_errors.as_data())
                                      + missing) from error
        if missing:
            raise BodyValidationError(non_block_errors=missing)
        return cleaned


#: The section kinds in reading order, with the heading used in the page outline.
SECTION_KINDS = ("context", "approach", "result", "lessons", "transferability")
