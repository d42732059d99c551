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
def test_a_signed_in_person_without_membership_never_sees_the_content(
    client, alice, program, url, monkeypatch
):
    from kindred.learning import access

    monkeypatch.setattr(access, "can_learn", lambda user: False)
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code in (302, 403)
    html = response.content.decode()
    assert "Calm words" not in html
    assert "Module basics" not in html
    lesson = LessonPage.objects.get(slug="basics-1")
    autosave = client.post(
        f"/my/learning/lessons/{lesson.pk}/autosave/",
        '{"prompt": "x", "text": "y"}',
        content_type="application/json",
    )
    assert autosave.status_code == 403
