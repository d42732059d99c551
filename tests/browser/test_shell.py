"""The shell every page shares, in a real browser: accessible, self-contained, quick to leave."""

import pytest
from playwright.sync_api import expect

from kindred.testing.browser import DESKTOP, PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.example/"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/", "/get-help/", "/no-such-page/"])
def test_pages_are_accessible_and_self_contained(page, live_server, home_page, path, viewport):
    page.set_viewport_size(viewport)
    with only_own_origin(page, live_server.url):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("link", name="Get help now").first).to_be_visible()
        assert_no_axe_violations(page)
    # Nothing spills sideways on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]


def stub_neutral_site(page) -> None:
    page.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
    )


def test_quick_exit_by_click_replaces_the_page(page, home_page):
    stub_neutral_site(page)
    page.goto("/")
    page.goto("/get-help/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    # The crisis page was replaced in the history: Back does not return to it.
    page.go_back()
    assert "/get-help/" not in page.url


def test_quick_exit_by_pressing_escape_twice(page, home_page):
    stub_neutral_site(page)
    page.goto("/get-help/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)


def test_the_skip_link_moves_focus_to_the_main_content(page, home_page):
    page.goto("/get-help/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(browser, live_server, home_page):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/get-help/")
    expect(page.get_by_role("heading", name="Get help now")).to_be_visible()
    assert page.get_by_role("link", name="Quick exit").get_attribute("href") == NEUTRAL
    # Without the script the menu is never folded, even on a phone.
    page.set_viewport_size(PHONE)
    expect(page.get_by_role("link", name="Articles")).to_be_visible()
    context.close()


def test_on_a_phone_the_menu_folds_and_opens(page, home_page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    articles = page.get_by_role("link", name="Articles")
    expect(articles).not_to_be_visible()
    # Crisis help and the quick exit never hide behind the menu.
    expect(page.get_by_role("link", name="Get help now").first).to_be_visible()
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
    page.get_by_text("Menu", exact=True).click()
    expect(articles).to_be_visible()
    assert_no_axe_violations(page)


def test_on_a_wide_screen_the_menu_is_always_open(page, home_page):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    expect(page.get_by_role("link", name="Articles")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).not_to_be_visible()
