"""Queries stay flat as articles pile up: the same count with a few articles and with many.

(10,000 articles are measured by benchmarks/web.py after ``manage.py seed_scale``; here a few
and four times as many, which is enough to catch a query per article or per tag.)
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _counts(paths: list[str], client: Client) -> dict[str, int]:
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def _add(tree: Any, n: int, offset: int) -> None:
    for i in range(n):
        tree.article(
            f"Article number {offset + i}",
            categories=("communication", "safety") if i % 2 else ("communication",),
            tags=("listening", f"tag-{i % 3}"),
            members_only=i % 5 == 0,
        )


@pytest.mark.parametrize("as_member", [False, True])
def test_listing_article_and_home_queries_do_not_grow_with_articles(tree, alice, as_member):
    client = Client()
    if as_member:
        client.force_login(alice)
    # More than one page of results from the start (12 a page): a second page adds a constant
    # count query, which is not growth.
    _add(tree, 14, 0)
    main = tree.article("Main article", categories=("communication",), tags=("listening",))
    paths = [
        "/",
        "/articles/",
        "/articles/category/communication/",
        "/articles/tag/listening/",
        main.url,
        "/search/?q=article",
    ]
    _counts(paths, client)  # first-request work (sessions, content types) out of the way
    few = _counts(paths, client)
    _add(tree, 20, 100)
    many = _counts(paths, client)
    assert many == few
