"""/search/?q=: ranked, highlighted results, filters by kind and category."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kindred.core.extensions import search_kinds
from kindred.search.selectors import search_categories, site_search

MAX_QUERY_LENGTH = 2000


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    kind_slug = request.GET.get("kind", "")
    if next((k for k in search_kinds() if k.slug == kind_slug), None) is None:
        kind_slug = ""
    categories = search_categories()
    category_slug = request.GET.get("category", "")
    category = next((c for c in categories if c.slug == category_slug), None)
    outcome = site_search(request, query, kind_slug=kind_slug, category=category)
    return render(
        request,
        "search/search.html",
        {
            "outcome": outcome,
            "query": query,
            "kinds": search_kinds(),
            "kind_slug": kind_slug,
            "categories": categories,
            "category": category,
            "page_obj": outcome.page_obj,
        },
    )
