"""A reader's journey through the public site, in Chromium: accessible and self-contained."""

import pytest
from playwright.sync_api import expect

from kindred.testing.browser import DESKTOP, PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(home_page):
    from kindred.content import demo_loader

    demo_loader.load(home_page)
    return home_page


def _check(page):
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_to_article_to_related_to_category_to_search(page, live_server, demo_site, viewport):
    page.set_viewport_size(viewport)
    with only_own_origin(page, live_server.url):
        page.goto("/")
        _check(page)
        page.get_by_role("link", name="My son is using again. Should I confront him?").click()
        page.wait_for_url("**/articles/should-i-confront-him/")
        _check(page)

        related = page.locator(".related__list a").first
        related_title = related.inner_text()
        related.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == related_title
        _check(page)

        category = page.locator(".breadcrumb a").nth(1)
        category_name = category.inner_text()
        category.click()
        page.wait_for_url("**/articles/category/**")
        assert page.get_by_role("heading", level=1).inner_text() == category_name
        _check(page)

        page.goto("/search/")
        page.get_by_label("Search articles, stories and recordings").fill(
            "tough love confrontation"
        )
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=*")
        titles = page.locator(".search-result__title").all_inner_texts()[:3]
        assert "Why tough love and confrontation so often backfire" in titles
        _check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "path",
    [
        "/stories/",
        "/stories/the-year-i-stopped-checking/",
        "/recordings/",
        "/recordings/the-morning-after-a-bad-night/",
        "/recordings/when-the-insurer-says-no/",
        "/articles/opioids-and-fentanyl/",
        "/get-help/",
        "/about/",
        "/articles/inviting-to-treatment-step-by-step/",
        "/search/?q=xylophone",
    ],
)
def test_other_pages_are_accessible(page, live_server, demo_site, path, viewport):
    page.set_viewport_size(viewport)
    with only_own_origin(page, live_server.url):
        page.goto(path)
        _check(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]


def test_an_external_video_loads_only_after_the_click(page, live_server, demo_site):
    from kindred.content.models import RecordingPage

    recording = RecordingPage.objects.get(slug="the-morning-after-a-bad-night")
    recording.external_video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    recording.save_revision().publish()
    requested: list[str] = []
    # The browser never reaches the real host: the test answers for it.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (
            requested.append(route.request.url),
            route.fulfill(body="<p>video</p>", content_type="text/html"),
        ),
    )
    with only_own_origin(page, live_server.url):
        page.goto(recording.url)
        page.wait_for_load_state("networkidle")
        assert_no_axe_violations(page)
        assert page.locator("iframe").count() == 0
    assert requested == []
    page.get_by_role("button", name="Play the video from YouTube").click()
    page.locator("iframe").wait_for()
    page.wait_for_load_state("networkidle")
    assert requested == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
