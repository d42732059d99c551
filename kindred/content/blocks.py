"""StreamField blocks for articles, stories and plain pages.

Each block renders with a template in templates/content/blocks/, so an editor's choice of
block (a "try this" callout, a "say this / not this" pair) looks the same everywhere.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from kindred.core.blocks import OverdoseStepsBlock

INLINE_FEATURES = ["bold", "italic", "link"]
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "content/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe the picture for someone who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "content/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video file served by Kindred itself, always with a transcript."""

    video = DocumentChooserBlock(help_text="An .mp4 or .webm file uploaded to Documents.")
    captions = DocumentChooserBlock(required=False, help_text="Optional captions (.vtt).")
    transcript = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "media"
        template = "content/blocks/video.html"


class TryThisBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "pick"
        label = "Try this"
        template = "content/blocks/try_this.html"


class SayThisBlock(blocks.StructBlock):
    say = blocks.TextBlock(label="Say this")
    not_this = blocks.TextBlock(label="Not this")

    class Meta:
        icon = "openquote"
        label = "Say this / not this"
        template = "content/blocks/say_this.html"


class LessonLinkBlock(blocks.StructBlock):
    url = blocks.CharBlock(
        max_length=300, help_text="A path on this site (/learn/...) or a full https:// address."
    )
    label = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "link"
        label = "Link to a lesson or tool"
        template = "content/blocks/lesson_link.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        url = value.get("url", "")
        if not (url.startswith("/") and not url.startswith("//")) and not url.startswith(
            "https://"
        ):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Use a path like /learn/ or https://...")}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="content/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    video = VideoBlock()
    try_this = TryThisBlock()
    say_this = SayThisBlock()
    lesson_link = LessonLinkBlock()
    overdose_steps = OverdoseStepsBlock()


class TranscriptTurnBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock()

    class Meta:
        icon = "user"
        template = "content/blocks/transcript_turn.html"


class TranscriptChapterBlock(blocks.StructBlock):
    """A chapter marker in a transcript: a title and, optionally, where it starts ("04:10").

    Each chapter gets an anchor (``#chapter-<title slug>``) and is listed at the top of the
    recording page, so a listener can jump to the part they need.
    """

    title = blocks.CharBlock(max_length=120)
    start = blocks.RegexBlock(
        regex=r"^(\d{1,2}:)?\d{1,2}:\d{2}$",
        required=False,
        max_length=8,
        help_text='Where the chapter starts, for example "04:10" or "1:02:30".',
        error_messages={"invalid": 'Write the time as "04:10" or "1:02:30".'},
    )

    class Meta:
        icon = "list-ol"
        label = "Chapter"
        template = "content/blocks/transcript_chapter.html"


class TranscriptBlock(blocks.StreamBlock):
    turn = TranscriptTurnBlock()
    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES, template="content/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    chapter = TranscriptChapterBlock()
