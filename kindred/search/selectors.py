"""Site search across every registered page type (kindred.core.extensions.SEARCH_KINDS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.db import connection
from django.db.models import F, IntegerField, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

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


# On PostgreSQL, at most this many results are paged through (10 pages of 12), from at most
# twice as many ranked candidates; past it the page says "More than 120 results". Ranking
# every match of a word in nearly every page took a second over 10,000 articles, ranking
# 2,000 candidates 0.1-0.2 s, 500 about 17-40 ms, 240 about half that (docs/performance.md,
# runs 5, 10 and 11).
MAX_RESULTS = 120


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    page_obj: PaginatorPage | None = None
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # more matches than MAX_RESULTS: only the best of them are listed

    @property
    def count(self) -> int:
        return self.page_obj.paginator.count if self.page_obj else 0


class BoundedResults:
    """Wagtail's ranked results over a known set of candidates, at most ``limit`` of them.

    What the paginator needs: ``count()`` (known already: no COUNT query) and slices.
    """

    def __init__(self, results: Any, count: int, limit: int) -> None:
        self.results = results
        self.limit = limit
        self._count = min(count, limit)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, key: slice) -> Any:
        start, stop = key.start or 0, min(key.stop or self._count, self._count)
        return list(self.results[start:stop]) if start < stop else []


def _tsquery(terms: list[str], operator: str) -> Any:
    """The terms as Wagtail's PostgreSQL backend puts them (quoted lexemes, its config)."""
    from django.contrib.postgres.search import Lexeme, SearchQuery

    lexemes: Any = Lexeme(terms[0])
    for term in terms[1:]:
        lexemes = lexemes & Lexeme(term) if operator == "and" else lexemes | Lexeme(term)
    config = getattr(get_search_backend(), "config", None)
    return SearchQuery(lexemes, search_type="raw", config=config)


def _newest_matching(pages: QuerySet[Page], terms: list[str], operator: str) -> list[int]:
    """PostgreSQL: the ids of the newest MAX_RESULTS + 1 of ``pages`` whose search index entry
    matches, unranked (the GIN index on ``title || body`` finds a rare word's few pages)."""
    vector = CombinedExpression(F("index_entries__title"), "||", F("index_entries__body"))
    matching = pages.annotate(_match_vector=vector).filter(_match_vector=_tsquery(terms, operator))
    return list(matching.order_by("-pk").values_list("pk", flat=True)[: MAX_RESULTS + 1])


def _title_matching_page_ids(terms: list[str], operator: str) -> QuerySet[Any]:
    """PostgreSQL: a subquery of the ids of pages whose search index **title** matches.

    Asked from the index entries alone, their text ``object_id`` cast to the page's integer
    id. Joining pages to their entries instead (``index_entries__title``) compares
    ``page.id::varchar`` with ``object_id``, which no index serves: PostgreSQL read every page
    row to hash-join them (15 ms for a common word over 10,000 articles, 7 ms for a rare one;
    this form takes 7 ms and 0.5 ms, docs/performance.md run 10).
    """
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.search.models import IndexEntry

    return (
        IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(Page),
            title=_tsquery(terms, operator),
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )


def _bounded_search(pages: QuerySet[Page], terms: list[str]) -> tuple[BoundedResults, bool]:
    """PostgreSQL: rank a bounded set of candidates, not every match.

    Every word must match; if no page has them all, any word may. The candidates: the newest
    MAX_RESULTS pages that match, and the newest MAX_RESULTS whose **title** matches (the
    likeliest to rank first, however old; Wagtail's GIN index on the title). Wagtail ranks
    the candidates as it would rank everything; at most MAX_RESULTS of them are paged
    through. Past MAX_RESULTS matches, an older page that has the words only
    in its body can be left out: the page says "More than 120 results".
    """
    operator = "and"
    newest = _newest_matching(pages, terms, operator)
    if not newest and len(terms) > 1:
        operator = "or"
        newest = _newest_matching(pages, terms, operator)
    more = len(newest) > MAX_RESULTS
    candidates = set(newest[:MAX_RESULTS])
    # Asked even when every match is in ``newest`` already (then it adds nothing), so that a
    # search costs the same number of queries whatever the number of matches.
    in_title = pages.filter(pk__in=_title_matching_page_ids(terms, operator))
    candidates.update(in_title.order_by("-pk").values_list("pk", flat=True)[:MAX_RESULTS])
    results = Page.objects.filter(pk__in=sorted(candidates)).search(
        " ".join(terms), operator=operator
    )
    return BoundedResults(results, len(candidates), MAX_RESULTS), more


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


def _uses_database_backend() -> bool:
    """Wagtail's database backend (not OpenSearch/Elasticsearch, which rank on their own)."""
    return type(get_search_backend()).__module__.startswith("modelsearch.backends.database")


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
    results: Any
    if connection.vendor == "postgresql" and _uses_database_backend():
        results, outcome.more = _bounded_search(pages, terms)
    else:
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
