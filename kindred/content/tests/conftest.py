"""A small content tree for the content and search tests: home, article index, categories."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils.text import slugify

from kindred.content.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    Author,
    Category,
    RecordingIndexPage,
    RecordingPage,
    StoryIndexPage,
    StoryPage,
)


class ContentTree:
    def __init__(self, home: Any) -> None:
        self.home = home
        self.articles = ArticleIndexPage(title="Articles", slug="articles")
        home.add_child(instance=self.articles)
        self.stories = StoryIndexPage(title="Stories", slug="stories")
        home.add_child(instance=self.stories)
        self.recordings = RecordingIndexPage(title="Recordings", slug="recordings")
        home.add_child(instance=self.recordings)
        self.author = Author.objects.create(name="Maya Lindqvist", slug="maya", bio="Coach.")
        self.categories = {
            slug: Category.objects.create(slug=slug, name=slug.replace("-", " ").capitalize())
            for slug in ("communication", "safety", "self-care", "treatment")
        }
        self._day = 0

    def article(
        self,
        title: str,
        *,
        categories: tuple[str, ...] = ("communication",),
        tags: tuple[str, ...] = (),
        members_only: bool = False,
        live: bool = True,
        body: str = "Words about talking with someone you love.",
        published: dt.date | None = None,
    ) -> ArticlePage:
        self._day += 1
        page = ArticlePage(
            title=title,
            slug=slugify(title),
            summary=f"Summary of {title}.",
            author=self.author,
            published_date=published or dt.date(2026, 1, 1) + dt.timedelta(days=self._day),
            members_only=members_only,
            body=[("paragraph", f"<p>{body}</p>")],
            live=live,
        )
        page.category_links = [
            ArticleCategory(category=self.categories[slug], sort_order=i)
            for i, slug in enumerate(categories)
        ]
        page.tags.add(*tags)
        self.articles.add_child(instance=page)
        if live:
            page.save_revision().publish()
        return page

    def story(self, title: str, body: str, categories: tuple[str, ...] = ()) -> StoryPage:
        page = StoryPage(
            title=title,
            slug=slugify(title),
            summary=f"Summary of {title}.",
            body=[("paragraph", f"<p>{body}</p>")],
        )
        page.categories = [self.categories[slug] for slug in categories]
        self.stories.add_child(instance=page)
        page.save_revision().publish()
        return page

    def recording(self, title: str, transcript: str, **fields: Any) -> RecordingPage:
        page = RecordingPage(
            title=title,
            slug=slugify(title),
            summary=f"Summary of {title}.",
            transcript=[("turn", {"speaker": "Maya", "text": transcript})],
            **fields,
        )
        self.recordings.add_child(instance=page)
        page.save_revision().publish()
        return page


@pytest.fixture
def tree(home_page: Any) -> ContentTree:
    return ContentTree(home_page)
