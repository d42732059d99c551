"""Articles: the index (with category, tag and feed routes) and the article page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from kindred.content.access import can_view_members_content
from kindred.content.blocks import BodyBlock
from kindred.content.text import reading_minutes, stream_text

from .taxonomy import Category, Tag, TaggedArticle


class ArticleIndexPage(RoutablePageMixin, Page):
    """/articles/: every article, newest first, with category, tag and feed sub-pages."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]
    max_count = 1

    def _listing(
        self, request: HttpRequest, *, category: Category | None = None, tag: Tag | None = None
    ) -> TemplateResponse:
        from kindred.content import selectors
        from kindred.core.pagination import paginate

        articles = selectors.article_list(request.user, category=category, tag=tag)
        page_obj: PaginatorPage = paginate(request, articles)
        context = {
            **self.get_context(request),
            "articles": page_obj,
            "page_obj": page_obj,
            "category": category,
            "tag": tag,
            "categories": selectors.category_list(),
            "canonical_path": request.path
            + (f"?page={page_obj.number}" if page_obj.number > 1 else ""),
        }
        return TemplateResponse(request, "content/article_index_page.html", context)

    @path("")
    def index_route(self, request: HttpRequest) -> TemplateResponse:
        return self._listing(request)

    @path("category/<slug:slug>/")
    def category_route(self, request: HttpRequest, slug: str) -> TemplateResponse:
        return self._listing(request, category=get_object_or_404(Category, slug=slug))

    @path("tag/<slug:slug>/")
    def tag_route(self, request: HttpRequest, slug: str) -> TemplateResponse:
        return self._listing(request, tag=get_object_or_404(Tag, slug=slug))

    @path("feed/")
    def atom_feed_route(self, request: HttpRequest) -> HttpResponse:
        from kindred.content.feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)

    @path("feed/rss/")
    def rss_feed_route(self, request: HttpRequest) -> HttpResponse:
        from kindred.content.feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [{"location": f"{base}category/{c.slug}/"} for c in Category.objects.all()]
        return urls


class ArticleCategory(Orderable):
    """An article's categories, in the editor's order: the first one names "More from ..."."""

    page = ParentalKey(
        "content.ArticlePage", related_name="category_links", on_delete=models.CASCADE
    )
    category = models.ForeignKey(Category, related_name="article_links", on_delete=models.CASCADE)

    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "category")]


class ArticlePage(Page):
    """One article. Reading time is computed on read from the body (see docs/content.md)."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences, shown in listings and search results."
    )
    author = models.ForeignKey(
        "content.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    published_date = models.DateField(
        "publication date", default=timezone.localdate, help_text="The date readers see."
    )
    body = StreamField(BodyBlock())
    members_only = models.BooleanField(
        default=False,
        help_text="Only members can read it; it is left out of listings, search, feeds and the "
        "sitemap for everyone else.",
    )
    tags = ClusterTaggableManager(through=TaggedArticle, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("published_date"),
                InlinePanel("category_links", label="Categories", min_num=1),
                FieldPanel("tags"),
                FieldPanel("members_only"),
            ],
            heading="About this article",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.FilterField("members_only"),
        index.FilterField("published_date"),
    ]
    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        indexes = [
            # Newest first, for the related articles' candidate windows (selectors.py): read
            # along the index until enough match, instead of sorting every article.
            models.Index(
                fields=["-published_date", "-page_ptr"], name="content_article_newest_idx"
            ),
            # The few members-only articles, which search leaves out for visitors.
            models.Index(
                fields=["page_ptr"],
                condition=models.Q(members_only=True),
                name="content_article_members_idx",
            ),
        ]

    @cached_property
    def body_text(self) -> str:
        return stream_text(self.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.body_text)

    @property
    def search_excerpt_source(self) -> str:
        return self.body_text

    def first_category(self) -> Category | None:
        link = self.category_links.select_related("category").first()
        return link.category if link else None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kindred.content import selectors

        context = super().get_context(request, *args, **kwargs)
        categories = [link.category for link in self.category_links.select_related("category")]
        context["categories"] = categories
        context["first_category"] = categories[0] if categories else None
        context["related_articles"] = selectors.related_articles(self, request.user)
        return context

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.members_only and not can_view_members_content(request.user):
            response: HttpResponse = TemplateResponse(
                request,
                "content/members_only.html",
                {"page": self, "login_url": resolve_url(settings.LOGIN_URL)},
                status=403,
            )
        else:
            response = super().serve(request, *args, **kwargs)
        if self.members_only:
            # Neither a shared cache nor the browser's back-forward cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        if self.members_only:
            return []
        return super().get_sitemap_urls(request)

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:  # articles have no sub-pages
            raise Http404
        return super().route(request, path_components)
