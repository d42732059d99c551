"""seed_scale: bulk pages that Wagtail serves like any other, and a consistent page tree."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from kindred.accounts.models import User
from kindred.content.models import ArticlePage
from kindred.content.tests.conftest import ContentTree
from kindred.toolkit.models import TrackerDay

pytestmark = pytest.mark.django_db


def test_seeded_articles_are_live_listed_and_the_tree_is_sound(home_page: Any, settings: Any):
    tree = ContentTree(home_page)
    tree.article("Written by an editor")
    settings.DEBUG = True
    sizes = ["--members", "7", "--articles", "12", "--questions", "0", "--no-index"]
    sizes += ["--tracker-days", "21"]  # the toolkit's hook (kindred/toolkit/tests/test_scale.py)
    call_command("seed_scale", *sizes, stdout=None)
    call_command("seed_scale", *sizes, stdout=None)  # a second run adds nothing

    assert User.objects.filter(email__endswith="@scale.invalid").count() == 7
    assert TrackerDay.objects.filter(member__email__endswith="@scale.invalid").count() == 21
    seeded = ArticlePage.objects.filter(slug__startswith="scale-article-")
    assert seeded.count() == 12
    assert Page.find_problems() == ([], [], [], [], [])
    page = seeded.get(slug="scale-article-1")
    response = Client().get(page.url)
    assert response.status_code == 200
    assert page.category_links.count() >= 1
    assert Client().get("/articles/category/communication/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_it_vacuums_and_the_new_articles_are_found(
    home_page: Any, settings: Any
):
    """As a deployer runs it (no surrounding transaction): on PostgreSQL the closing
    VACUUM ANALYZE runs (it cannot inside a transaction), and search finds the new pages."""
    ContentTree(home_page).article("Written by an editor")
    settings.DEBUG = True
    sizes = ["--members", "2", "--articles", "3", "--questions", "0", "--tracker-days", "0"]
    call_command("seed_scale", *sizes, stdout=None)
    response = Client().get("/search/", {"q": "scale article"})
    assert response.status_code == 200
    public = ArticlePage.objects.filter(slug__startswith="scale-article-", members_only=False)
    assert public.count() >= 1  # one seeded article in ten is for members only
    assert response.context["outcome"].count == public.count()
