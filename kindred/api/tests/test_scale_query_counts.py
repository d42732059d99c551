"""Queries stay flat from 10 articles to a few hundred (made by ``seed_scale``, in bulk).

kindred/content/tests/test_query_counts.py compares 15 and 35 articles made one by one; this
goes to 310 with the scale command, so a query per article, per tag or per category (or one
whose count grows with the candidates of related articles) shows. 10,000 articles are measured
by benchmarks/scale_pages.py and benchmarks/web.py, not here.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kindred.content.tests.conftest import ContentTree

pytestmark = pytest.mark.django_db


def _counts(paths: list[str], client: Client) -> dict[str, int]:
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_queries_are_the_same_for_10_and_310_articles(home_page, alice, settings, capsys):
    settings.KINDRED_PAGE_CACHE_SECONDS = 0  # count what a render costs, every time
    tree = ContentTree(home_page)
    for i in range(9):
        tree.article(
            f"Article number {i}",
            categories=("communication", "safety") if i % 2 else ("communication",),
            tags=("listening", "calm"),
            members_only=i % 5 == 0,
        )
    main = tree.article("Main article", categories=("communication",), tags=("calm",))
    visitor, member = Client(), Client()
    member.force_login(alice)
    paths = [
        "/",
        "/articles/",
        "/articles/category/communication/",
        "/articles/tag/calm/",
        main.url,
        "/search/?q=article",
        "/search/?q=article&category=communication",
    ]
    for client in (visitor, member):
        _counts(paths, client)  # first-request work (sessions, content types) out of the way
    few = {"visitor": _counts(paths, visitor), "member": _counts(paths, member)}

    settings.DEBUG = True  # seed_scale is for development only
    call_command("seed_scale", members=0, articles=300, questions=0)
    settings.DEBUG = False
    assert "Articles: 300 added" in capsys.readouterr().out
    many = {"visitor": _counts(paths, visitor), "member": _counts(paths, member)}

    assert many == few
    # The seeded articles are on the pages (so the counts above did see them): tag "calm" is
    # one of seed_scale's words, so many of them are filed under it too.
    for path in ("/articles/tag/calm/", "/search/?q=article"):
        assert "/articles/scale-article-" in visitor.get(path).content.decode(), path
