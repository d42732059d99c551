"""Atom and RSS feeds of public articles (members-only articles never appear)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from kindred.content import selectors
from kindred.content.models import ArticlePage


class IndexPageFeed(Feed):
    """A feed of the public pages under an index page (articles, questions).

    Items need ``title``, ``summary``, ``published_date`` and ``get_url``; subclasses set
    ``name`` and ``fallback_url`` and give ``items`` (public pages only).
    """

    name = ""
    fallback_url = "/"

    def __init__(self, index: Any) -> None:
        super().__init__()
        self.index = index
        self.request: HttpRequest | None = None

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {self.name}"

    def link(self) -> str:
        return self.index.get_url(self.request) or self.fallback_url

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.summary

    def item_link(self, item: Any) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: Any) -> dt.datetime:
        return dt.datetime.combine(
            item.published_date, dt.time(9, 0), tzinfo=timezone.get_current_timezone()
        )


class ArticleRssFeed(IndexPageFeed):
    feed_type: type = Rss201rev2Feed
    description = "New articles for families of a person who uses substances."
    name = "articles"
    fallback_url = "/articles/"

    def items(self) -> list[ArticlePage]:
        return selectors.feed_articles()

    def item_author_name(self, item: ArticlePage) -> str | None:
        return item.author.name if item.author else None

    def item_updateddate(self, item: ArticlePage) -> dt.datetime | None:
        return item.last_published_at

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [link.category.name for link in item.category_links.all()]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description
