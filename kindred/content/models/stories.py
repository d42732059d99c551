"""Success stories, recorded conversations and plain pages (about, privacy, terms)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from kindred.content.blocks import BodyBlock, TranscriptBlock
from kindred.content.text import stream_text
from kindred.core.video import (
    EXTERNAL_VIDEO_FRAME_SOURCES,
    ExternalVideo,
    parse_external_video,
)

from .taxonomy import TaggedRecording, TaggedStory


class ListingIndexPage(Page):
    """An index that lists its live, public children newest first, 12 to a page."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])
    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kindred.core.pagination import paginate

        context = super().get_context(request, *args, **kwargs)
        child_model = self.child_model()
        items = (
            child_model.objects.child_of(self)
            .live()
            .public()
            .order_by("-published_date", "-first_published_at", "-pk")
        )
        context["page_obj"] = context["items"] = paginate(request, items)
        return context

    @staticmethod
    def child_model() -> type[Page]:
        raise NotImplementedError


class StoryIndexPage(ListingIndexPage):
    subpage_types = ["content.StoryPage"]
    template = "content/listing_index_page.html"

    @staticmethod
    def child_model() -> type[Page]:
        return StoryPage


class StoryPage(Page):
    """A family's story, told with their permission (names and details changed)."""

    summary = models.TextField(max_length=400)
    published_date = models.DateField("publication date", default=timezone.localdate)
    body = StreamField(BodyBlock())
    categories = ParentalManyToManyField("content.Category", blank=True, related_name="stories")
    tags = ClusterTaggableManager(through=TaggedStory, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("published_date"), FieldPanel("categories"), FieldPanel("tags")],
            heading="About this story",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["content.StoryIndexPage"]
    subpage_types: list[str] = []

    @cached_property
    def search_excerpt_source(self) -> str:
        return stream_text(self.body)


class RecordingIndexPage(ListingIndexPage):
    subpage_types = ["content.RecordingPage"]
    template = "content/listing_index_page.html"

    @staticmethod
    def child_model() -> type[Page]:
        return RecordingPage


class RecordingPage(Page):
    """A recorded conversation: our own video file or an external one, always a transcript."""

    summary = models.TextField(max_length=400)
    published_date = models.DateField("publication date", default=timezone.localdate)
    duration = models.CharField(max_length=12, blank=True, help_text='For example "09:05".')
    speakers = models.CharField(max_length=250, blank=True, help_text="Who is speaking.")
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An .mp4 or .webm file, served by this site.",
    )
    captions_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Captions for the video file (.vtt).",
    )
    external_video_url = models.URLField(
        blank=True,
        help_text="Or a YouTube or Vimeo link. It loads only when the visitor chooses to play it.",
    )
    transcript = StreamField(TranscriptBlock())
    categories = ParentalManyToManyField("content.Category", blank=True, related_name="recordings")
    tags = ClusterTaggableManager(through=TaggedRecording, blank=True)

    @property
    def chapters(self) -> list[dict[str, str]]:
        """The transcript's chapter markers, in order: title, start and anchor."""
        return [
            {
                "title": block.value["title"],
                "start": block.value.get("start") or "",
                "anchor": "chapter-" + slugify(block.value["title"]),
            }
            for block in self.transcript
            if block.block_type == "chapter"
        ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("published_date"),
                FieldPanel("duration"),
                FieldPanel("speakers"),
                FieldPanel("categories"),
                FieldPanel("tags"),
            ],
            heading="About this recording",
        ),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("captions_file"),
                FieldPanel("external_video_url"),
            ],
            heading="Video (optional: a transcript alone is fine)",
        ),
        FieldPanel("introduction"),
        FieldPanel("transcript"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("introduction"),
        index.SearchField("transcript"),
        index.SearchField("speakers"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["content.RecordingIndexPage"]
    subpage_types: list[str] = []

    @cached_property
    def external_video(self) -> ExternalVideo | None:
        if self.video_file_id or not self.external_video_url:
            return None
        return parse_external_video(self.external_video_url)

    @cached_property
    def search_excerpt_source(self) -> str:
        return stream_text(self.transcript)

    def clean(self) -> None:
        super().clean()
        if self.external_video_url and parse_external_video(self.external_video_url) is None:
            raise ValidationError(
                {"external_video_url": "Use a https:// link to a YouTube or Vimeo video."}
            )

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().serve(request, *args, **kwargs)
        if self.external_video is not None:
            # The one place the site may frame another origin: the two video players, on
            # this response only, and only after the visitor's click loads the iframe.
            response._csp_config = {  # type: ignore[attr-defined]
                **settings.SECURE_CSP,
                "frame-src": EXTERNAL_VIDEO_FRAME_SOURCES,
            }
        return response


class StandardPage(Page):
    """A plain page: about, privacy, terms."""

    summary = models.TextField(max_length=400, blank=True)
    body = StreamField(BodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["content.HomePage", "content.StandardPage"]
