"""The StreamField blocks editors build lessons from (docs/learning.md)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

INLINE = ["bold", "italic", "link"]

# The only sites an external video may come from; the lesson's CSP frame-src is widened to
# exactly these origins on a page that has such a video (kindred/learning/models.py).
VIDEO_FRAME_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def external_video(url: str) -> tuple[str, str] | None:
    """(privacy-friendly embed URL, site name) for a YouTube or Vimeo address, else None."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/")):
            video_id = parts.path.split("/")[2]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}", "YouTube"
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}", "YouTube"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if video_id.isdigit():
            return f"https://player.vimeo.com/video/{video_id}", "Vimeo"
    return None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "learning/blocks/heading.html"


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
        if value.get("external_url") and external_video(value["external_url"]) is None:
            raise blocks.StructBlockValidationError(
                {"external_url": ValidationError("Only YouTube and Vimeo addresses can be used.")}
            )
        return value

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        embed = external_video(value.get("external_url") or "")
        context["embed_url"], context["embed_site"] = embed or ("", "")
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
