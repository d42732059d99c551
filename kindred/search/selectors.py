"""Site search across every registered page type (kindred.core.extensions.SEARCH_KINDS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail.models import Page

from kindred.core.extensions import SearchKind, search_kinds
from kindred.core.pagination import paginate
from kindred.search.highlight import excerpt, highlight, search_terms


@dataclass
class SearchHit:
    page: Page
    kind: SearchKind
    title: SafeString
    summary: SafeString
    excerpt: SafeString


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    page_obj: PaginatorPage | None = None
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.page_obj.paginator.count if self.page_obj else 0


def search_categories() -> list[Any]:
    """The topics of the search page's filter, from the kinds' ``categories`` (by name)."""
    sources = []
    for kind in search_kinds():
        if kind.categories is not None and kind.categories not in sources:
            sources.append(kind.categories)
    by_slug: dict[str, Any] = {}
    for source in sources:
        for category in source():
            by_slug.setdefault(category.slug, category)
    return sorted(by_slug.values(), key=lambda category: category.name)


def _base_queryset(user: Any, kinds: list[SearchKind], category: Any) -> Any:
    """Live, public pages of ``kinds`` that ``user`` may see, in ``category`` if given.

    The kinds' ids come as querysets (subqueries: one SQL query in all) or lists.
    """
    pages = Page.objects.live().public().type(*(k.model for k in kinds))
    for kind in kinds:
        if kind.hidden_ids is not None:
            hidden = kind.hidden_ids(user)
            if isinstance(hidden, QuerySet) or hidden:
                pages = pages.exclude(id__in=hidden)
    if category is not None:
        in_category = Q(pk__in=[])
        for kind in kinds:
            if kind.category_ids is not None:
                in_category |= Q(id__in=kind.category_ids(category))
        pages = pages.filter(in_category)
    return pages


def site_search(
    request: HttpRequest, raw_query: str, *, kind_slug: str = "", category: Any = None
) -> SearchOutcome:
    """Ranked results for ``raw_query`` that ``request.user`` may see, one page of them.

    Every word must match; if nothing does, any word may (still ranked). The number of
    queries depends on the number of page types searched, never on the number of results.
    """
    terms = search_terms(raw_query)
    outcome = SearchOutcome(query=raw_query, terms=terms)
    if not terms:
        return outcome
    chosen = next((k for k in search_kinds() if k.slug == kind_slug), None)
    kinds = [chosen] if chosen else search_kinds()
    pages = _base_queryset(request.user, kinds, category)
    query = " ".join(terms)
    results = pages.search(query, operator="and")
    if len(terms) > 1 and not results.count():
        results = pages.search(query, operator="or")
    outcome.page_obj = paginate(request, results)
    ids = [page.pk for page in outcome.page_obj.object_list]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    kind_by_model = {k.model_label.lower(): k for k in search_kinds()}
    for page_id in ids:
        page = specific.get(page_id)
        if page is None:
            continue
        kind = kind_by_model.get(page._meta.label_lower)
        if kind is None:
            continue
        summary = getattr(page, "summary", "") or page.search_description
        source = getattr(page, "search_excerpt_source", "") or ""
        outcome.hits.append(
            SearchHit(
                page=page,
                kind=kind,
                title=highlight(page.title, terms),
                summary=highlight(summary, terms),
                excerpt=highlight(excerpt(source, terms), terms) if source else SafeString(""),
            )
        )
    return outcome
