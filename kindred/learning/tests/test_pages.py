"""Who can open the program, what the pages show, and what they never leak."""

import pytest
from django.contrib import admin
from wagtail.models import Page
from wagtail.search.index import class_is_indexed
from wagtail.snippets.models import get_snippet_models

from kindred.learning.models import LessonPage, ModulePage, ProgramPage, Reflection
from kindred.learning.tests.builders import lessons_of

pytestmark = pytest.mark.django_db

URLS = ["/learn/", "/learn/basics/", "/learn/basics/basics-1/"]


@pytest.mark.parametrize("url", URLS)
def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(client, program, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={url}")
    assert "Calm words" not in response.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_member_pages_are_private_and_never_stored(client, alice, program, url):
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_a_lesson_shows_its_parts_in_order(client, alice, lesson):
    client.force_login(alice)
    html = client.get(lesson.url).content.decode()
    order = [
        "What you will learn",
        "A heading",
        "<b>bold</b>",
        "Try this",
        "I felt scared.",
        "Reflect",
        "Check what you learned",
        "Try this week",
        "Mark complete",
        "In this module",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)


def test_previous_and_next_lesson_links(client, alice, basics):
    first, second, third = lessons_of(basics)
    client.force_login(alice)
    html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html
    # The last lesson of a module leads on to the next module.
    assert 'href="/learn/safety/safety-1/" rel="next"' in client.get(third.url).content.decode()


def test_an_editor_can_preview_a_lesson_without_member_data(rf, editor, lesson):
    request = rf.get("/admin/")
    request.user = editor
    response = lesson.make_preview_request(original_request=request)
    assert response.status_code == 200
    html = response.content.decode()
    assert "What did you notice?" in html
    assert "Calm words" in html
    assert "Mark complete" not in html
    assert not lesson.progress.exists()


def test_lessons_are_not_in_site_search_nor_the_sitemap(client, lesson):
    for model in (ProgramPage, ModulePage, LessonPage):
        assert not class_is_indexed(model)
    assert lesson.pk not in {page.pk for page in Page.objects.live().search("Lesson")}
    assert lesson.get_sitemap_urls() == []


def test_reflections_are_in_no_admin():
    assert Reflection not in admin.site._registry
    assert Reflection not in get_snippet_models()


def test_a_method_the_pages_do_not_take_is_refused_cleanly(client, alice, lesson):
    client.force_login(alice)
    assert client.put(lesson.url).status_code == 405
    assert client.post("/learn/", {}).status_code == 405


@pytest.mark.parametrize("url", URLS)
def test_a_signed_in_person_without_membership_gets_the_join_page(client, carol, program, url):
    client.force_login(carol)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/my/join/"
    lesson = LessonPage.objects.get(slug="basics-1")
    posted = client.post(lesson.url, {"lesson": lesson.pk, "action": "complete"})
    assert posted["Location"] == "/my/join/"
    autosave = client.post(
        f"/api/learning/lessons/{lesson.pk}/reflections",
        '{"prompt": "x", "text": "y"}',
        content_type="application/json",
    )
    assert autosave.status_code == 403
    assert client.get("/my/reflections/")["Location"] == "/my/join/"
    assert not lesson.progress.exists()


def test_the_member_home_shows_where_to_continue(client, alice, basics):
    from kindred.learning import services
    from kindred.learning.tests.builders import lessons_of

    first, second, _ = lessons_of(basics)
    services.lesson_open(member=alice, lesson=first)
    services.lesson_complete(member=alice, lesson=first)
    client.force_login(alice)
    html = client.get("/my/").content.decode()
    assert "Your next lesson" in html
    assert f'href="{second.url}" data-continue-link' in html
    assert "1 of 5 lessons complete" in html


def test_the_home_card_is_not_shown_to_a_non_member(client, carol, program):
    client.force_login(carol)
    assert "data-learning-card" not in client.get("/my/").content.decode()
