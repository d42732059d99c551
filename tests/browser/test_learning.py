"""A member works through the program: path, reflection, knowledge check, progress, continue."""

import re

import pytest
from playwright.sync_api import expect

from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import Reflection
from kindred.learning.tests.builders import module_data, raise_safety_concern
from kindred.testing.browser import DESKTOP, PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def program(home_page):
    program = load_program(home_page)
    load_module(program, module_data("basics", 3))
    load_module(program, module_data("safety", 2, procedure=3, safety=True))
    return program


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_works_through_a_lesson(page, live_server, client, alice, program, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, client, alice)
    with only_own_origin(page, live_server.url):
        page.goto("/learn/")
        assert_no_axe_violations(page)
        expect(page.get_by_text("Your progress: 0 of 5 lessons complete")).to_be_visible()
        page.locator("[data-continue-link]").click()
        page.wait_for_url("**/learn/basics/basics-1/")
        assert_no_axe_violations(page)
        no_sideways_scroll(page, viewport)

        page.get_by_label("What did you notice?").fill("I noticed I speak faster when I'm afraid.")
        status = page.locator("[data-save-status]")
        status.get_by_text(re.compile("^Saved")).wait_for()

        page.get_by_label("Shouting").check()
        page.get_by_role("button", name="Check my answers").click()
        feedback = page.locator("[data-feedback]").first
        feedback.wait_for()
        assert "Shouting raises defences." in feedback.inner_text()
        assert_no_axe_violations(page)

        page.get_by_role("button", name="Add to my plan").click()
        expect(page.get_by_text("Added to your plan")).to_be_visible()
        page.get_by_role("button", name="Mark complete").click()
        expect(page.get_by_text("This module: 1 of 3 lessons complete")).to_be_visible()
        assert page.locator("#module-progress").get_attribute("value") == "1"
        assert_no_axe_violations(page)

        page.goto("/learn/")
        expect(page.get_by_text("Your progress: 1 of 5 lessons complete")).to_be_visible()
        assert page.locator("[data-continue-link]").get_attribute("href") == (
            "/learn/basics/basics-2/"
        )
        page.goto("/my/")
        assert page.locator("[data-learning-card] [data-continue-link]").get_attribute("href") == (
            "/learn/basics/basics-2/"
        )
        assert_no_axe_violations(page)
        page.goto("/my/reflections/")
        expect(page.get_by_text("I noticed I speak faster")).to_be_visible()
        assert_no_axe_violations(page)
        page.goto("/learn/basics/")
        assert (
            page.locator(".plan-list")
            .get_by_text("Practise basics-1 once this week. (from")
            .is_visible()
        )
        assert_no_axe_violations(page)
    text = Reflection.objects.get(member=alice).text
    assert text == "I noticed I speak faster when I'm afraid."


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_with_a_safety_concern_sees_the_safety_module_first(
    page, live_server, client, alice, program, viewport
):
    raise_safety_concern(alice)
    page.set_viewport_size(viewport)
    sign_in(page, live_server, client, alice)
    with only_own_origin(page, live_server.url):
        page.goto("/learn/")
        first_module = page.locator(".module-list__item h3").first
        assert first_module.inner_text().startswith("Module safety")
        assert page.locator("[data-continue-link]").get_attribute("href") == (
            "/learn/safety/safety-1/"
        )
        assert_no_axe_violations(page)


def test_text_typed_after_the_session_expired_comes_back_after_signing_in(
    page, live_server, client, alice, program
):
    sign_in(page, live_server, client, alice)
    page.goto("/learn/basics/basics-1/")
    box = page.get_by_label("What did you notice?")
    box.fill("First thought.")
    page.locator("[data-save-status]").get_by_text(re.compile("^Saved")).wait_for()
    page.context.clear_cookies(name="sessionid")  # the session times out
    box.fill("First thought. And a second one, typed while signed out.")
    page.get_by_role("link", name="Sign in to save it").wait_for()
    assert Reflection.objects.get(member=alice).text == "First thought."

    sign_in(page, live_server, client, alice)
    page.goto("/learn/basics/basics-1/")
    assert page.get_by_label("What did you notice?").input_value().endswith("while signed out.")
    expect(page.get_by_text("We restored what you typed on this device")).to_be_visible()
    page.locator("[data-save-status]").get_by_text(re.compile("^Saved")).wait_for()
    assert Reflection.objects.get(member=alice).text.endswith("while signed out.")
    assert_no_axe_violations(page)


def test_a_lesson_video_from_another_site_loads_only_after_the_click(
    page, live_server, client, alice, program
):
    from kindred.learning.models import LessonPage
    from kindred.learning.tests.test_video import add_external_video

    lesson = LessonPage.objects.live().first()
    add_external_video(lesson)
    sign_in(page, live_server, client, alice)
    asked: list[str] = []

    def fake_player(route):
        asked.append(route.request.url)
        route.fulfill(body="<p>player</p>", content_type="text/html")

    page.route("https://www.youtube-nocookie.com/**", fake_player)
    page.goto(lesson.url)
    assert asked == []
    page.get_by_role("button", name="Load the video from YouTube").click()
    page.locator("iframe.video__frame").wait_for()
    assert asked == ["https://www.youtube-nocookie.com/embed/abcDEF12345"]
