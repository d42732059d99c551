"""Reads for the public site. Every article query goes through ``visible_articles``.

``visible_articles`` is where members-only articles are left out for anyone who may not read
them, so listings, related posts, the home page, feeds and search cannot forget the rule.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kindred.content.access import can_view_members_content
from kindred.content.models import (
    ArticleCategory,
    ArticlePage,
    Category,
    HomePage,
    Tag,
    TaggedArticle,
)

RELATED_LIMIT = 4
# How many of the newest articles in the same category, and sharing a tag, related articles
# are chosen from (kindred/content/selectors.py related_articles; docs/performance.md).
CANDIDATE_WINDOW = 200
FEATURED_LIMIT = 3
FEED_LIMIT = 20


def visible_articles(user: Any) -> QuerySet[ArticlePage]:
    """Live, public articles ``user`` may see (members-only ones only for members).

    ``user=None`` means "anyone": feeds and the sitemap, which are public documents.
    """
    articles = ArticlePage.objects.live().public()
    if user is None or not can_view_members_content(user):
        articles = articles.filter(members_only=False)
    return articles


def _with_card_data(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """What an article card shows (author, categories) in a fixed number of queries."""
    # Cards never show the body: leave it (the largest column by far) in the database.
    return (
        articles.defer_streamfields()  # type: ignore[attr-defined]
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "category_links",
                queryset=ArticleCategory.objects.select_related("category").order_by("sort_order"),
            )
        )
    )


def article_list(
    user: Any, *, category: Category | None = None, tag: Tag | None = None
) -> QuerySet[ArticlePage]:
    """Articles for the index, a category page or a tag page: newest first."""
    articles = visible_articles(user)
    # Exists, not a join plus DISTINCT: the database stops at the first match and never
    # compares whole rows (bodies included) to remove duplicates.
    if category is not None:
        articles = articles.filter(
            Exists(ArticleCategory.objects.filter(page=OuterRef("pk"), category=category))
        )
    if tag is not None:
        articles = articles.filter(
            Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag=tag))
        )
    return _with_card_data(articles).order_by("-published_date", "-first_published_at", "-pk")


def related_articles(
    article: ArticlePage, user: Any, limit: int = RELATED_LIMIT
) -> list[ArticlePage]:
    """Up to ``limit`` articles to read next: same first category first, then the most shared
    tags, then newest. Never the article itself; never one ``user`` may not see.

    Ranked among a bounded window of candidates, so the cost does not grow with the number of
    articles: the newest ``CANDIDATE_WINDOW`` in the first category and the newest
    ``CANDIDATE_WINDOW`` sharing a tag (the category's read newest first along the
    ``published_date`` index, the tags' from the tag index, newest id first). Five queries
    whatever the number of articles: the first category, the article's tags, Wagtail's view
    restrictions (for ``public()``), the ranking (ids only; the windows are subqueries) and the
    chosen articles, without their bodies.
    """
    first_link = article.category_links.order_by("sort_order").first()
    # A list, not a subquery: with the tags written out PostgreSQL can tell a rare tag from a
    # common one, and read a rare tag's few articles from the tag index.
    tag_ids = list(
        TaggedArticle.objects.filter(content_object_id=article.pk).values_list("tag_id", flat=True)
    )
    others = visible_articles(user).exclude(pk=article.pk)
    same_category = Exists(
        ArticleCategory.objects.filter(
            page=OuterRef("pk"), category_id=first_link.category_id if first_link else None
        )
    )
    shared = TaggedArticle.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tag_ids)
    newest = ("-published_date", "-pk")
    in_category = others.filter(same_category).order_by(*newest).values("pk")[:CANDIDATE_WINDOW]
    # From the tags' side, the newest by id: walking the articles newest first and checking
    # each for a shared tag read 9,042 of 10,000 when only 8 shared one (36 ms). The ranking
    # below keeps only articles ``user`` may see.
    sharing = (
        TaggedArticle.objects.filter(tag_id__in=tag_ids)
        .exclude(content_object_id=article.pk)
        .order_by("-content_object_id")
        .values("content_object_id")[:CANDIDATE_WINDOW]
    )
    shared_count = Subquery(
        shared.order_by().values("content_object_id").annotate(n=Count("*")).values("n")[:1]
    )
    if connection.features.supports_slicing_ordering_in_compound:
        # One list of at most 2 × CANDIDATE_WINDOW ids (PostgreSQL joins it to the articles by
        # primary key; "IN a OR IN b" made it scan every article instead).
        candidates = Q(pk__in=in_category.union(sharing))
    else:  # SQLite allows no LIMIT inside a UNION
        candidates = Q(pk__in=in_category) | Q(pk__in=sharing)
    ranked = list(
        others.filter(candidates)
        .annotate(same_category=same_category, shared_tags=Coalesce(shared_count, 0))
        .order_by("-same_category", "-shared_tags", "-published_date", "-first_published_at")
        .values_list("pk", flat=True)[:limit]
    )
    if not ranked:
        return []
    by_id = ArticlePage.objects.defer_streamfields().select_related("author").in_bulk(ranked)
    return [by_id[pk] for pk in ranked if pk in by_id]


def featured_articles(home: HomePage, user: Any, limit: int = FEATURED_LIMIT) -> list[ArticlePage]:
    """The articles editors chose for the home page (that ``user`` may see), or the newest."""
    chosen_ids = list(
        home.featured_articles.order_by("sort_order").values_list("article_id", flat=True)
    )
    if chosen_ids:
        by_id = {a.pk: a for a in _with_card_data(visible_articles(user).filter(pk__in=chosen_ids))}
        chosen = [by_id[pk] for pk in chosen_ids if pk in by_id]
        if chosen:
            return chosen[:limit]
    return list(article_list(user)[:limit])


def feed_articles(limit: int = FEED_LIMIT) -> list[ArticlePage]:
    """The newest public articles for the Atom and RSS feeds (never members-only ones)."""
    return list(article_list(None)[:limit])


def category_list() -> QuerySet[Category]:
    return Category.objects.order_by("name")
