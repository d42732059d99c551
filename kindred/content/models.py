"""Wagtail pages of the public site."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The front door: a message to families, and where to go next."""

    headline = models.CharField(
        max_length=160, default="You can help someone you love — and feel better yourself."
    )
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
