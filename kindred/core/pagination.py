"""Pagination that never fails: ?page=abc gives the first page, ?page=999 the last."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 12


def paginate(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page:
    """The page of ``items`` that ``?page=`` asks for, or the nearest valid one."""
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    return paginator.get_page(request.GET.get("page"))
