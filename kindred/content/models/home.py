"""The home page: a message to families, featured articles, a call to join, help links."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page


class HomePage(Page):
    """The front door: a message to families, and where to go next."""

    headline = models.CharField(
        max_length=160, default="You can help someone you love — and feel better yourself."
    )
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])
    join_heading = models.CharField(max_length=120, default="Learn CRAFT with us")
    join_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Why joining helps: lessons, a coach to ask, a private toolkit.",
    )
    join_url = models.CharField(
        max_length=200, default="/accounts/signup/", help_text="Where the join button goes."
    )
    join_label = models.CharField(max_length=60, default="Become a member")

    content_panels = [
        *Page.content_panels,
        FieldPanel("headline"),
        FieldPanel("introduction"),
        InlinePanel(
            "featured_articles",
            label="Featured articles",
            max_num=6,
            help_text="Chosen by editors; without any, the newest articles are shown.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("join_heading"),
                FieldPanel("join_text"),
                FieldPanel("join_url"),
                FieldPanel("join_label"),
            ],
            heading="Call to join",
        ),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kindred.content import selectors

        context = super().get_context(request, *args, **kwargs)
        context["featured_articles"] = selectors.featured_articles(self, request.user)
        return context


class HomeFeaturedArticle(Orderable):
    page = ParentalKey(HomePage, related_name="featured_articles", on_delete=models.CASCADE)
    article = models.ForeignKey("content.ArticlePage", related_name="+", on_delete=models.CASCADE)

    panels = [FieldPanel("article")]
