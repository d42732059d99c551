"""A members-only article never reaches anyone else: not the page, nor any list of pages."""

import pytest

from kindred.content import access

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(tree):
    tree.article("Public one", tags=("plan",))
    return tree.article(
        "Secret plan", members_only=True, tags=("plan",), body="Hidden zebra words."
    )


def test_the_rule_is_one_function(alice, carol, editor):
    from django.contrib.auth.models import AnonymousUser

    assert access.can_view_members_content(alice) is True
    assert access.can_view_members_content(editor) is True  # staff preview what they write
    assert access.can_view_members_content(carol) is False  # signed in, no membership
    assert access.can_view_members_content(AnonymousUser()) is False


def test_a_signed_in_person_without_membership_gets_the_join_page(client, carol, private):
    client.force_login(carol)
    response = client.get(private.url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Hidden zebra words" not in html
    assert "/my/join/" in html and "/my/redeem/" in html
    assert "Secret plan" not in client.get("/articles/").content.decode()


def test_a_visitor_gets_a_403_page_explaining_how_to_join_never_the_content(client, private):
    response = client.get(private.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This article is for members" in html
    assert "Become a member" in html and "Sign in" in html
    assert "Hidden zebra words" not in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_member_reads_it_and_it_is_never_cached_for_others(client, alice, private):
    client.force_login(alice)
    response = client.get(private.url)
    assert response.status_code == 200
    assert "Hidden zebra words" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_public_articles_are_not_marked_private(client, tree):
    article = tree.article("Open")
    response = client.get(article.url)
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/category/communication/",
        "/articles/tag/plan/",
        "/articles/public-one/",
        "/search/?q=secret",
        "/search/?q=zebra",
        "/articles/feed/",
        "/articles/feed/rss/",
        "/sitemap.xml",
    ],
)
def test_it_appears_in_no_listing_search_feed_or_sitemap_for_a_visitor(client, private, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "secret-plan" not in response.content.decode()
    assert "Secret plan" not in response.content.decode()


@pytest.mark.parametrize("path", ["/articles/feed/", "/sitemap.xml"])
def test_feeds_and_sitemap_leave_it_out_even_for_members(client, alice, private, path):
    client.force_login(alice)
    assert "secret-plan" not in client.get(path).content.decode()


def test_members_see_it_in_listings_and_search(client, alice, private):
    client.force_login(alice)
    assert "secret-plan" in client.get("/articles/").content.decode()
    assert "secret-plan" in client.get("/search/?q=zebra").content.decode()


def test_the_sign_in_link_is_a_real_address(client, private):
    html = client.get(private.url).content.decode()
    assert 'href="/accounts/login/?next=' in html
    assert "account_login?next" not in html
