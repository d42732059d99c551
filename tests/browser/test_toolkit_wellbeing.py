"""Part 2 of the toolkit on a phone: a member checks in, sees the chart and the change in
words, checks in again and sees the words change, writes a journal entry, and sees the week
at a glance on /my/ follow along. Zero axe violations on every page."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from kindred.testing.browser import PHONE, assert_no_axe_violations, only_own_origin
from kindred.toolkit.models import CheckIn, JournalEntry
from kindred.toolkit.services.tracker import member_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEELINGS = ("stress", "mood", "sleep", "hope")
AREAS = ("family", "work", "health", "friends", "money", "free_time")


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def check(page):
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def check_in(page, day, **chosen):
    page.goto("/toolkit/wellbeing/")
    page.get_by_label("Date").fill(day.isoformat())
    for name in FEELINGS + AREAS:
        page.locator(f"input[name={name}][value='{chosen.get(name, 5)}']").check()
    page.get_by_role("button", name="Save my check-in").click()
    page.get_by_text("Thank you for checking in.").wait_for()


def test_a_member_checks_in_and_writes_on_a_phone(page, live_server, client, alice, home_page):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, client, alice)
    today = member_today(alice)
    with only_own_origin(page, live_server.url):
        page.goto("/my/")
        check(page)
        card = page.locator("[data-week-card]")
        expect(card.get_by_text("A one-minute check-in")).to_be_visible()

        page.goto("/toolkit/wellbeing/")
        check(page)
        assert (
            page.locator("[data-change-sentences]")
            .get_by_text("Your first check-in will be your starting point")
            .is_visible()
        )
        # A score left out is refused with a message; what was chosen stays chosen.
        page.locator("input[name=stress][value='8']").check()
        page.get_by_role("button", name="Save my check-in").click()
        page.get_by_text("Choose a number from 0 to 10 for “How has your mood been”.").wait_for()
        assert page.locator("input[name=stress][value='8']").is_checked()
        check(page)

        # The first check-in, a week ago: the chart and the starting point.
        check_in(page, today - dt.timedelta(days=7), stress=8, mood=3)
        check(page)
        assert page.locator("[data-chart=chart-stress] svg circle").count() == 1
        assert (
            page.locator("[data-change-sentences]")
            .get_by_text("This is your starting point")
            .is_visible()
        )

        # The second, today: the sentence changes.
        check_in(page, today, stress=5, mood=6)
        check(page)
        assert page.locator("[data-chart=chart-stress] svg circle").count() == 2
        sentences = page.locator("[data-change-sentences]")
        assert sentences.get_by_text(
            "Your stress is 3 points lower than when you started."
        ).is_visible()
        assert sentences.get_by_text(
            "Your mood is 3 points higher than when you started."
        ).is_visible()
        page.locator("[data-chart=chart-stress] summary").click()
        assert page.locator("[data-chart=chart-stress] table td").first.inner_text() == "8"
        assert CheckIn.objects.filter(member=alice).count() == 2

        # A journal entry.
        page.goto("/toolkit/journal/")
        check(page)
        page.get_by_label("Good", exact=True).check()
        page.get_by_label("What would you like to write?").fill("A walk by the river helped.")
        page.locator("[data-save-status]").get_by_text(re.compile("^Saved")).wait_for()
        page.get_by_role("button", name="Save the entry").click()
        page.locator("[data-journal-entries]").get_by_text("A walk by the river helped.").wait_for()
        check(page)
        assert JournalEntry.objects.get(member=alice).text == "A walk by the river helped."
        page.get_by_label("Search your entries").fill("river")
        page.get_by_role("button", name="Search").click()
        page.get_by_text("1 entry with “river”.").wait_for()

        # The week at a glance follows.
        page.goto("/my/")
        check(page)
        card = page.locator("[data-week-card]")
        expect(
            card.get_by_text("Your stress is 3 points lower than when you started.")
        ).to_be_visible()
        card.get_by_role("link", name="Last check-in").click()
        page.wait_for_url("**/toolkit/wellbeing/")
