"""A new person joins: sign-up with a pseudonym, confirms the email, onboarding, a code, /my/."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from kindred.testing.browser import (
    DESKTOP,
    PHONE,
    assert_no_axe_violations,
    only_own_origin,
    open_main_menu,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRONG = "a-long-and-unusual-passphrase-42"


def check(page, viewport):
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_new_person_joins_and_reaches_their_home(page, live_server, home_page, viewport):
    from kindred.memberships.models import AccessCode, Sponsorship

    sponsorship = Sponsorship.objects.create(
        name="Demo County Family Program",
        seat_limit=500,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
    )
    AccessCode.objects.create(sponsorship=sponsorship, code="DEMO-2026")
    page.set_viewport_size(viewport)
    with only_own_origin(page, live_server.url):
        page.goto("/")
        open_main_menu(page)
        page.get_by_role("link", name="Join").first.click()
        page.wait_for_url("**/accounts/signup/")
        check(page, viewport)

        page.get_by_label("Email").fill("dana@example.com")
        page.get_by_role("button", name="Suggest a name").click()
        field = page.get_by_label("Name shown to others")
        # (A predicate function would need eval, which the page's CSP forbids.)
        expect(field).not_to_have_value("")
        field.fill("<b>Dana</b>")
        page.locator("#id_password1").fill(STRONG)
        page.locator("#id_password2").fill(STRONG)
        page.get_by_role("button", name="Create my account").click()
        expect(page.get_by_text("cannot contain HTML")).to_be_visible()
        assert page.get_by_label("Email").input_value() == "dana@example.com"
        check(page, viewport)

        page.get_by_label("Name shown to others").fill("Steady Heron")
        page.locator("#id_password1").fill(STRONG)
        page.locator("#id_password2").fill(STRONG)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/accounts/confirm-email/")
        check(page, viewport)

        link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
        page.goto(link.group(0).split("/accounts/", 1)[1].join(["/accounts/", ""]))
        check(page, viewport)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_url("**/my/welcome/")
        check(page, viewport)
        # The time zone was filled in from the browser.
        assert page.get_by_label("Your time zone").input_value() != ""
        page.get_by_label("Who is your loved one to you?").select_option("sibling")
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url("**/my/")
        check(page, viewport)
        expect(page.get_by_role("heading", name="Hello, Steady Heron")).to_be_visible()

        page.get_by_role("link", name="enter an access code").first.click()
        page.wait_for_url("**/my/redeem/")
        check(page, viewport)
        page.get_by_label("Access code").fill("demo-2026")
        page.get_by_role("button", name="Use this code").click()
        page.wait_for_url("**/my/")
        check(page, viewport)
        assert page.get_by_text(
            "Your membership is active until December 31, 2027.", exact=True
        ).is_visible()


def test_suggest_a_name_works_without_javascript(browser, live_server, home_page):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("erin@example.com")
    page.locator("#id_password1").fill(STRONG)
    page.get_by_role("button", name="Suggest a name").click()
    assert page.get_by_label("Name shown to others").input_value()
    assert page.get_by_label("Email").input_value() == "erin@example.com"
    assert page.locator("#id_password1").input_value() == ""
    context.close()
