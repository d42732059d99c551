"""What articles are filed under and who wrote them: categories, tags and authors.

Tags have their own vocabulary (``content.Tag``), separate from the taggit pool that images
and documents share, so an image tag never shows up as an article topic.
"""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Category(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A topic an article belongs to (Connection, Communication, Safety...)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


@register_snippet
class Author(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A staff member who writes for the site (never a member: members stay anonymous)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        """Shown in place of a photo: "Dr. Ines Calloway" -> "IC"."""
        words = [w for w in self.name.replace(".", " ").split() if w[:1].isupper()]
        if len(words) > 2:
            words = [words[-2], words[-1]]
        return "".join(w[0] for w in words[-2:]) or "?"


class Tag(TagBase):
    """A word in the site's own topic vocabulary (not the images' taggit pool)."""

    class Meta:
        verbose_name = "tag"
        verbose_name_plural = "tags"


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "content.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class TaggedStory(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_stories", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "content.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class TaggedRecording(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_recordings", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "content.RecordingPage", related_name="tagged_items", on_delete=models.CASCADE
    )
