"""The page cache for visitors: never anyone else's page, purged on publish, cache headers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kindred.content.tests.conftest import ContentTree
from kindred.core import page_cache as page_cache_module
from kindred.core.page_cache import GENERATION_KEY, local_copy, purge_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.KINDRED_PAGE_CACHE_SECONDS = 600
    settings.KINDRED_PAGE_CACHE_PROXY_SECONDS = 60
    settings.KINDRED_PAGE_CACHE_LOCAL_SECONDS = 1
    local_copy.forget()
    purge_all()


@pytest.fixture
def tree(home_page: Any) -> ContentTree:
    return ContentTree(home_page)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visitor_gets_a_public_cacheable_page_from_the_cache(page_cache, tree):
    article = tree.article("Listening first")
    visitor = Client()

    first = visitor.get(article.url)
    second = visitor.get(article.url)

    assert first.status_code == second.status_code == 200
    assert "X-Kindred-Cache" not in first
    assert second["X-Kindred-Cache"] == "hit"
    assert first.content == second.content
    for response in (first, second):
        assert "public" in response["Cache-Control"]
        assert "s-maxage=60" in response["Cache-Control"]
        assert response["ETag"] == first["ETag"]
        assert response.has_header("Last-Modified")
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies
        assert "nonce-" not in response.get("Content-Security-Policy", "")
    assert b"nonce=" not in first.content


def test_a_second_visit_with_the_etag_is_a_304(page_cache, tree):
    article = tree.article("Listening first")
    etag = Client().get(article.url)["ETag"]
    assert Client().get(article.url, headers={"if-none-match": etag}).status_code == 304


def test_two_members_and_a_visitor_interleaved_never_get_each_others_page(
    page_cache, tree, alice, bob
):
    article = tree.article("Listening first")
    private = tree.article("For members", members_only=True, body="Members-only words.")
    visitor, as_alice, as_bob = Client(), _signed_in(alice), _signed_in(bob)
    alice_owner = bob_owner = ""

    for _ in range(3):
        for path in ("/", "/articles/", article.url, private.url):
            seen_by_visitor = visitor.get(path)
            seen_by_alice = as_alice.get(path)
            seen_by_bob = as_bob.get(path)
            alice_owner = alice_owner or _draft_owner(seen_by_alice.content)
            bob_owner = bob_owner or _draft_owner(seen_by_bob.content)

            assert b"Sign in" in seen_by_visitor.content
            assert b"My Kindred" not in seen_by_visitor.content
            assert b"data-draft-owner" not in seen_by_visitor.content
            for member_view in (seen_by_alice, seen_by_bob):
                assert member_view.status_code == 200
                assert b"My Kindred" in member_view.content
                assert "X-Kindred-Cache" not in member_view
                assert "public" not in member_view.get("Cache-Control", "")
            assert alice_owner and bob_owner and alice_owner != bob_owner
            assert _draft_owner(seen_by_alice.content) == alice_owner
            assert _draft_owner(seen_by_bob.content) == bob_owner

            if path == private.url:
                assert seen_by_visitor.status_code == 403
                assert b"Members-only words." not in seen_by_visitor.content
                assert b"Members-only words." in seen_by_alice.content
                assert "X-Kindred-Cache" not in seen_by_visitor
            else:
                assert seen_by_visitor.status_code == 200


def _draft_owner(content: bytes) -> str:
    marker = b'data-draft-owner="'
    start = content.find(marker)
    if start < 0:
        return ""
    start += len(marker)
    return content[start : content.index(b'"', start)].decode()


@pytest.mark.django_db(transaction=True)  # the purge happens on commit: real commits
def test_publishing_unpublishing_and_moving_purge_the_cache(page_cache, tree):
    article = tree.article("Listening first")
    visitor = Client()
    assert b"Listening first" in visitor.get("/articles/").content
    assert visitor.get("/articles/")["X-Kindred-Cache"] == "hit"

    article.title = "Listening, first of all"
    article.save_revision().publish()
    listing = visitor.get("/articles/")
    assert "X-Kindred-Cache" not in listing
    assert b"Listening, first of all" in listing.content
    assert b"Listening, first of all" in visitor.get(article.url).content

    visitor.get(article.url)
    assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"
    article.unpublish()
    assert visitor.get(article.url).status_code == 404

    other = tree.article("Another one")
    visitor.get(other.url)
    assert visitor.get(other.url)["X-Kindred-Cache"] == "hit"
    other.move(tree.articles, pos="first-child")
    assert "X-Kindred-Cache" not in visitor.get(other.url)


def test_a_page_with_a_csrf_token_or_a_signed_in_person_is_never_stored(page_cache, tree, alice):
    login = Client().get("/accounts/login/")
    assert login.status_code == 200
    assert "public" not in login.get("Cache-Control", "")
    assert "X-Kindred-Cache" not in Client().get("/accounts/login/")

    article = tree.article("Listening first")
    as_alice = _signed_in(alice)
    as_alice.get(article.url)
    # Alice's visit stored nothing: the first visitor renders the page afresh.
    assert "X-Kindred-Cache" not in Client().get(article.url)


def test_a_visitor_with_other_cookies_is_served_afresh(page_cache, tree):
    article = tree.article("Listening first")
    Client().get(article.url)
    with_messages = Client()
    with_messages.cookies["messages"] = "something"
    assert "X-Kindred-Cache" not in with_messages.get(article.url)


def test_health_checks_do_not_write_to_the_cache(page_cache, django_assert_max_num_queries):
    from django.core.cache import cache

    Client().get("/healthz")
    calls: list[str] = []
    original = cache.set

    def counting_set(*args: Any, **kwargs: Any) -> Any:
        calls.append(str(args[0]))
        return original(*args, **kwargs)

    cache.set = counting_set  # type: ignore[method-assign]
    try:
        for _ in range(3):
            assert Client().get("/healthz").status_code == 200
    finally:
        cache.set = original  # type: ignore[method-assign]
    assert calls == []


def test_a_repeat_hit_asks_the_cache_nothing_and_another_workers_purge_arrives_in_time(
    page_cache, tree, monkeypatch
):
    """A worker's own copy answers a hit without a round trip; the shared generation is asked
    again after KINDRED_PAGE_CACHE_LOCAL_SECONDS, so a purge by another worker (simulated here
    by moving the shared generation on directly) is seen that late, never later."""
    from django.core.cache import cache

    article = tree.article("Listening first")
    visitor = Client()
    visitor.get(article.url)
    assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"

    reads: list[str] = []
    original = cache.get_many

    def counting_get_many(*args: Any, **kwargs: Any) -> Any:
        reads.append("get_many")
        return original(*args, **kwargs)

    now = [1_000_000.0]
    monkeypatch.setattr(page_cache_module, "_clock", lambda: now[0])
    local_copy.forget()
    cache.get_many = counting_get_many  # type: ignore[method-assign]
    try:
        assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"  # from the shared cache
        for _ in range(3):
            assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"
    finally:
        cache.get_many = original  # type: ignore[method-assign]
    assert reads == ["get_many"]  # then the worker's own copy: no round trip

    cache.set(GENERATION_KEY, int(cache.get(GENERATION_KEY)) + 1, timeout=None)  # elsewhere
    assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"  # within the window
    now[0] += 1.01
    assert "X-Kindred-Cache" not in visitor.get(article.url)  # the purge has arrived
    assert visitor.get(article.url)["X-Kindred-Cache"] == "hit"
