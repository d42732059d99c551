"""Related posts: same first category first, then most shared tags, newest; safe and bounded."""

import pytest

from kindred.accounts.models import User
from kindred.content.selectors import related_articles

pytestmark = pytest.mark.django_db


def test_same_category_comes_before_shared_tags_and_newest_breaks_ties(tree, alice):
    article = tree.article("Main", categories=("communication", "safety"), tags=("pius", "shame"))
    older_same = tree.article("Older same", categories=("communication",))
    two_tags = tree.article("Two tags", categories=("treatment",), tags=("pius", "shame"))
    newer_same = tree.article("Newer same", categories=("communication",))
    one_tag = tree.article("One tag", categories=("treatment",), tags=("shame",))
    tree.article("Unrelated", categories=("treatment",))

    related = related_articles(article, alice)

    assert [a.title for a in related] == [
        newer_same.title,
        older_same.title,
        two_tags.title,
        one_tag.title,
    ]


def test_same_category_articles_with_more_shared_tags_come_first(tree, alice):
    article = tree.article("Main", tags=("pius", "shame"))
    no_tags = tree.article("Same no tags")
    tree.article("Filler")
    with_tags = tree.article("Same two tags", tags=("pius", "shame"))
    newest = tree.article("Same newest")
    assert [a.title for a in related_articles(article, alice)] == [
        with_tags.title,
        newest.title,
        "Filler",
        no_tags.title,
    ]


def test_at_most_four_and_never_itself(tree, alice):
    article = tree.article("Main")
    for n in range(6):
        tree.article(f"Other {n}")
    related = related_articles(article, alice)
    assert len(related) == 4
    assert article.pk not in {a.pk for a in related}


def test_never_unpublished_or_members_only_for_visitors(tree, alice):
    from django.contrib.auth.models import AnonymousUser

    article = tree.article("Main")
    draft = tree.article("Draft", live=False)
    private = tree.article("Private", members_only=True)
    visible = tree.article("Visible")

    for_visitor = {a.pk for a in related_articles(article, AnonymousUser())}
    assert for_visitor == {visible.pk}
    assert draft.pk not in {a.pk for a in related_articles(article, alice)}
    # A member may be pointed to members-only reading.
    assert private.pk in {a.pk for a in related_articles(article, alice)}


def test_articles_that_only_share_a_tag_are_never_hidden_ones(tree, alice):
    """The shared-tag candidates are read from the tags' side; the ranking filters them."""
    from django.contrib.auth.models import AnonymousUser

    article = tree.article("Main", categories=("safety",), tags=("pius",))
    elsewhere = {"categories": ("communication",), "tags": ("pius",)}
    draft = tree.article("Draft", live=False, **elsewhere)
    private = tree.article("Private", members_only=True, **elsewhere)
    visible = tree.article("Visible", **elsewhere)
    tree.article("No shared tag", categories=("communication",), tags=("other",))

    assert {a.pk for a in related_articles(article, AnonymousUser())} == {visible.pk}
    for_member = {a.pk for a in related_articles(article, alice)}
    assert for_member == {visible.pk, private.pk}
    assert draft.pk not in for_member


def test_never_pages_behind_wagtail_privacy(tree, alice):
    from wagtail.models import PageViewRestriction

    article = tree.article("Main")
    restricted = tree.article("Restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    assert restricted.pk not in {a.pk for a in related_articles(article, alice)}


def test_related_posts_cost_the_same_queries_for_few_or_many(
    tree, alice, django_assert_num_queries
):
    article = tree.article("Main", tags=("pius",))
    for n in range(2):
        tree.article(f"Few {n}", tags=("pius",))
    # Five queries for the articles; the member rule reads the verified email and membership.
    reader = User.objects.get(pk=alice.pk)
    with django_assert_num_queries(7):
        related_articles(article, reader)
    for n in range(10):
        tree.article(f"Many {n}", tags=("pius",))
    reader = User.objects.get(pk=alice.pk)
    with django_assert_num_queries(7):
        related_articles(article, reader)


def test_the_article_page_ends_with_more_from_its_first_category(tree, client):
    article = tree.article("Main", categories=("safety", "communication"))
    other = tree.article("Other", categories=("safety",))
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "More from Safety" in html
    assert other.url in html
