"""The content app's page types in site search (articles, stories, recordings, pages)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kindred.content.access import can_view_members_content
from kindred.content.selectors import category_list
from kindred.core.extensions import SearchKind

# Querysets, not lists: search uses them as subqueries (kindred.core.extensions.SearchKind).


def hidden_article_ids(user: Any) -> QuerySet[Any] | list[int]:
    """Members-only articles, for anyone who may not read them."""
    from kindred.content.models import ArticlePage

    if can_view_members_content(user):
        return []
    return ArticlePage.objects.filter(members_only=True).values_list("pk", flat=True)


def article_ids_in(category: Any) -> QuerySet[Any]:
    from kindred.content.models import ArticleCategory

    return ArticleCategory.objects.filter(category=category).values_list("page_id", flat=True)


def story_ids_in(category: Any) -> QuerySet[Any]:
    from kindred.content.models import StoryPage

    return StoryPage.objects.filter(categories=category).values_list("pk", flat=True)


def recording_ids_in(category: Any) -> QuerySet[Any]:
    from kindred.content.models import RecordingPage

    return RecordingPage.objects.filter(categories=category).values_list("pk", flat=True)


def content_search_kinds() -> list[SearchKind]:
    return [
        SearchKind(
            "articles",
            "Articles",
            "content.ArticlePage",
            "Article",
            hidden_ids=hidden_article_ids,
            category_ids=article_ids_in,
            categories=category_list,
        ),
        SearchKind(
            "stories",
            "Stories",
            "content.StoryPage",
            "Story",
            category_ids=story_ids_in,
            categories=category_list,
        ),
        SearchKind(
            "recordings",
            "Recordings",
            "content.RecordingPage",
            "Recording",
            category_ids=recording_ids_in,
            categories=category_list,
        ),
        SearchKind("pages", "Pages", "content.StandardPage", "Page"),
    ]
