"""Article index, category and tag pages: pagination that never fails, bounded queries."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_category_and_tag_pages_list_only_their_articles(client, tree):
    talk = tree.article("Talk", categories=("communication",), tags=("pius",))
    safe = tree.article("Safe", categories=("safety",))
    html = client.get("/articles/category/safety/").content.decode()
    assert safe.url in html and talk.url not in html
    html = client.get("/articles/tag/pius/").content.decode()
    assert talk.url in html and safe.url not in html


def test_unknown_category_or_tag_is_a_404(client, tree):
    assert client.get("/articles/category/nope/").status_code == 404
    assert client.get("/articles/tag/nope/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5", "", "%01"])
def test_bad_page_numbers_give_a_valid_page(client, tree, page):
    for n in range(14):
        tree.article(f"Article {n}")
    for path in ("/articles/", "/articles/category/communication/", "/stories/", "/recordings/"):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 200, path


def test_a_page_number_with_a_nul_is_refused_with_a_message(client, tree):
    """A NUL is refused before any view (kindred.core.middleware.RefuseNulCharactersMiddleware)."""
    response = client.get("/articles/?page=1%00")
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_twelve_to_a_page_newest_first(client, tree):
    for n in range(14):
        tree.article(f"Article {n}")
    first = client.get("/articles/").content.decode()
    second = client.get("/articles/?page=2").content.decode()
    assert "/articles/article-13/" in first and "/articles/article-1/" not in first
    assert "/articles/article-1/" in second and "/articles/article-0/" in second
    assert "Page 1 of 2" in first
    assert client.get("/articles/?page=999").context["page_obj"].number == 2


def _queries(django_assert_max_num_queries, path, limit):
    client = Client()
    client.get(path)  # warm the site-root cache, as any running site has
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "path", ["/articles/", "/articles/category/communication/", "/articles/tag/pius/"]
)
def test_listing_queries_do_not_grow_with_the_number_of_articles(
    tree, django_assert_max_num_queries, path
):
    for n in range(3):
        tree.article(f"Few {n}", categories=("communication", "safety"), tags=("pius",))
    few = _queries(django_assert_max_num_queries, path, 20)
    for n in range(12):
        tree.article(f"Many {n}", categories=("communication", "safety"), tags=("pius",))
    many = _queries(django_assert_max_num_queries, path, 20)
    assert few == many


def test_the_home_page_features_editors_choices_then_falls_back_to_the_newest(client, tree):
    from kindred.content.models import HomeFeaturedArticle

    old = tree.article("Old favourite")
    for n in range(4):
        tree.article(f"New {n}")
    html = client.get("/").content.decode()
    assert "/articles/new-3/" in html and old.url not in html
    HomeFeaturedArticle.objects.create(page=tree.home, article=old, sort_order=0)
    html = client.get("/").content.decode()
    assert old.url in html and "/articles/new-3/" not in html
    assert "Get help now" in html and "Become a member" in html
