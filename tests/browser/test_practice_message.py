"""A member practises a message: live as they type, and with JavaScript off."""

import pytest
from playwright.sync_api import expect

from kindred.testing.browser import DESKTOP, PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_page(page, live_server, alice, client):
    """A page signed in as alice (the session is shared with the live server's database)."""
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_coach_reads_as_the_member_types(member_page, live_server, home_page, viewport):
    page = member_page
    page.set_viewport_size(viewport)
    with only_own_origin(page, live_server.url):
        page.goto("/my/practice/")
        assert_no_axe_violations(page)
        page.get_by_label("Your message").fill(
            "You never listen. I'm worried about you and I'd like to help."
        )
        mark = page.locator("#coach-result mark[data-kind='absolute']")
        mark.wait_for()
        assert mark.inner_text().startswith("You never")
        expect(page.locator("#coach-result").get_by_text("Try instead:").first).to_be_visible()
        assert_no_axe_violations(page)


def test_a_crisis_shows_the_help_panel_at_once(member_page, home_page):
    page = member_page
    page.goto("/my/practice/")
    page.get_by_label("Your message").fill("I can't wake him up and his lips are blue")
    panel = page.locator("#crisis-region [data-crisis-kind='overdose']")
    panel.wait_for()
    expect(panel.get_by_role("link", name="call 911")).to_be_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_form_still_works(browser, live_server, alice, client, home_page):
    client.force_login(alice)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto("/my/practice/")
    page.get_by_label("Your message").fill(
        "Thanks for fixing the fence. You always forget the bins."
    )
    page.get_by_role("button", name="Read my message").click()
    assert page.locator("mark[data-kind='absolute']").count() == 1
    assert page.get_by_label("Your message").input_value().startswith("Thanks for fixing")
    page.get_by_role("button", name="Save as a private draft").click()
    expect(page.get_by_text("Draft saved. Only you can see it.")).to_be_visible()
    context.close()
