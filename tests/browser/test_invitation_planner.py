"""The treatment-invitation planner on a phone: a window noted from /my/, the invitation's
words read by the communication coach, a treatment option picked from the directory, and
plan B written and saved; no axe violations on any page."""

import re

import pytest
from playwright.sync_api import expect

from kindred.resources.tests.factories import make_resource
from kindred.testing.browser import PHONE, assert_no_axe_violations, only_own_origin
from kindred.toolkit.models import InvitationPlan, OpportunityWindow, TreatmentOption

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HURTFUL = "You always ruin everything and you never listen. You're a drunk."


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def check(page):
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_member_prepares_an_invitation_on_a_phone(page, live_server, client, alice, home_page):
    make_resource(
        "Harbor Recovery Center",
        kind="treatment-provider",
        phone="(614) 555-0142",
        website="https://harbor.example.org/",
        hours="Mon-Fri 8-6",
        coverage="national",
    )
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, client, alice)
    with only_own_origin(page, live_server.url):
        # A window just opened: noted from /my/, back on /my/ with a confirmation.
        page.goto("/my/")
        check(page)
        card = page.locator("[data-invitation-card]")
        card.get_by_label("A dip: a low moment").check()
        card.get_by_label("What they said or did").fill("He said: I can't keep living like this.")
        card.get_by_role("button", name="Note this window").click()
        page.wait_for_url("**/my/**")
        page.get_by_text("A window like this can pass quickly").wait_for()
        check(page)
        window = OpportunityWindow.objects.get(member=alice)
        assert window.kind == "dip" and "keep living like this" in window.what_happened

        # The words, read by the coach as they are typed, and again on save.
        page.goto("/toolkit/invitation/")
        check(page)
        expect(page.locator("[data-timing-rule]").get_by_text("in withdrawal")).to_be_visible()
        page.get_by_label("What you will say").fill(HURTFUL)
        page.locator("#coach-result [data-may-hurt=true]").wait_for()
        page.get_by_role("button", name="Save my plan").click()
        page.get_by_text("Your plan is saved").wait_for()
        reading = page.locator("[data-invitation-reading]")
        expect(reading.locator("[data-may-hurt=true]")).to_be_visible()
        expect(reading.get_by_text("Try instead:").first).to_be_visible()
        check(page)

        # A treatment option from the directory: its details are copied.
        page.get_by_role("link", name="Choose from the directory").click()
        page.wait_for_url("**/toolkit/invitation/options/directory/")
        check(page)
        entry = page.locator("[data-directory-entry]", has_text="Harbor Recovery Center")
        entry.get_by_role("button", name=re.compile("^Add to my options")).click()
        page.wait_for_url(re.compile(r".*/toolkit/invitation/options/[0-9a-f-]+/$"))
        check(page)
        assert page.get_by_label("Phone").input_value() == "(614) 555-0142"
        page.get_by_label("Yes, within a day or two").check()
        page.get_by_role("button", name="Save this option").click()
        page.wait_for_url("**/toolkit/invitation/**")
        option = TreatmentOption.objects.get(member=alice)
        assert option.resource_id is not None and option.starts_soon == "yes"

        # Plan B, then saved.
        page.get_by_label("When you could try again").fill("After the next calm Sunday morning")
        page.get_by_label("A smaller step you could offer").fill("One call to the doctor together")
        page.get_by_role("button", name="Save my plan").click()
        page.get_by_text("Your plan is saved").wait_for()
        check(page)
        assert page.get_by_label("When you could try again").input_value() == (
            "After the next calm Sunday morning"
        )
        plan = InvitationPlan.objects.get(member=alice)
        assert plan.plan_b_smaller_step == "One call to the doctor together"
        assert plan.words == HURTFUL
        options = page.locator("[data-options]")
        expect(options.get_by_role("heading", name="Harbor Recovery Center")).to_be_visible()
