"""The StreamField blocks editors build lessons from (docs/learning.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from kindred.content.blocks import HeadingBlock
from kindred.core.blocks import OverdoseStepsBlock
from kindred.core.video import parse_external_video

INLINE = ["bold", "italic", "link"]


class VideoBlock(blocks.StructBlock):
    """A video with its transcript: a file Kindred serves, or a YouTube/Vimeo address.

    An external video is only loaded after the member clicks (until then, nothing is asked of
    the other site); without JavaScript it is a plain link.
    """

    title = blocks.CharBlock(max_length=160)
    file = DocumentChooserBlock(
        required=False, help_text="An MP4 or WebM file uploaded to Documents (preferred)."
    )
    captions = DocumentChooserBlock(required=False, help_text="Optional WebVTT captions (.vtt).")
    external_url = blocks.URLBlock(
        required=False, help_text="Or a YouTube or Vimeo address, loaded only when clicked."
    )
    transcript = blocks.RichTextBlock(features=INLINE)

    class Meta:
        icon = "media"
        template = "learning/blocks/video.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value.get("file") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                {"file": ValidationError("Choose a video file or give a YouTube/Vimeo address.")}
            )
        if value.get("external_url") and parse_external_video(value["external_url"]) is None:
            raise blocks.StructBlockValidationError(
                {"external_url": ValidationError("Only YouTube and Vimeo addresses can be used.")}
            )
        return value

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        video = parse_external_video(value.get("external_url") or "")
        context["embed_url"] = video.embed_url if video else ""
        context["embed_site"] = video.provider if video else ""
        return context


class TryThisBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE)

    class Meta:
        icon = "pick"
        label = "Try this (callout)"
        template = "learning/blocks/try_this.html"


class SayDontBlock(blocks.StructBlock):
    say = blocks.TextBlock(help_text="What helps: words a member could use.")
    dont = blocks.TextBlock(required=False, help_text="What tends to hurt, for contrast.")

    class Meta:
        icon = "openquote"
        label = "Say this / not this"
        template = "learning/blocks/say_dont.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "Pull quote"
        template = "learning/blocks/quote.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=INLINE, template="learning/blocks/text.html")
    heading = HeadingBlock()
    bullets = blocks.ListBlock(
        blocks.RichTextBlock(features=INLINE), template="learning/blocks/bullets.html"
    )
    video = VideoBlock()
    try_this = TryThisBlock()
    say_dont = SayDontBlock()
    quote = QuoteBlock()
    overdose_steps = OverdoseStepsBlock()


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.TextBlock(help_text="Shown when the member picks this choice.")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    choices = blocks.ListBlock(ChoiceBlock(), min_num=3, max_num=4)

    class Meta:
        icon = "help"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise blocks.StructBlockValidationError(
                {"question": ValidationError("Mark at least one choice as correct.")}
            )
        return value


class KnowledgeCheckBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        min_num = 0
        max_num = 4


class ReflectionBlock(blocks.StreamBlock):
    prompt = blocks.TextBlock(help_text="A question the member answers in their own words.")
