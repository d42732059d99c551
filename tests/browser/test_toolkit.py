"""The member toolkit on a phone: a week in the tracker, the charts, a worksheet from the
suggested triggers, a reward and its log, a flagged stepping-back item, the safety plan and
its print view, quick exit; and a visitor printing the blank plan from /get-help/."""

import datetime as dt
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from kindred.testing.browser import PHONE, assert_no_axe_violations, only_own_origin
from kindred.toolkit.models import (
    FunctionalAnalysis,
    Reward,
    RewardGiven,
    SafetyPlan,
    SteppingBackItem,
    TrackerDay,
)
from kindred.toolkit.services.tracker import member_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.example/"


def sign_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def check(page):
    assert_no_axe_violations(page)
    no_sideways_scroll(page)


def printed(page):
    """Click the page's Print button; the browser's print dialog is replaced by a counter."""
    page.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1


def drafts(page):
    return page.evaluate(
        "Object.keys(window.localStorage).filter(k => k.startsWith('kindred:draft:')).length"
    )


def saved(page, form="form[data-toolkit-autosave]"):
    """Wait for the autosave's "Saved at…"; if it never comes, say what the page said instead.

    The wait is generous (30 s) because CI's two shared cores are slow at times; a failure
    reports the status line, which tells a slow save from a refused one.
    """
    status = page.locator(form).locator("[data-save-status]")
    try:
        status.get_by_text(re.compile("^Saved")).wait_for(timeout=30_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"The autosave never said Saved; its status line says {status.inner_text()!r}")


def test_a_member_uses_the_toolkit_on_a_phone(page, live_server, client, alice, home_page):
    page.set_viewport_size(PHONE)
    page.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
    )
    sign_in(page, live_server, client, alice)
    today = member_today(alice)
    with only_own_origin(page, live_server.url):
        # Today in two taps from /my/.
        page.goto("/my/")
        check(page)
        page.locator("[data-toolkit-card]").get_by_role("button", name="No", exact=True).click()
        page.wait_for_url(f"**/toolkit/tracker/{today.isoformat()}/")
        check(page)
        assert TrackerDay.objects.get(member=alice).used == "no"

        page.goto("/toolkit/tracker/")
        check(page)
        assert page.locator("[data-chart=chart-triggers] [data-chart-empty]").count() == 1

        # A week: use on two days, with payday as the trigger.
        for back in range(1, 7):
            day = today - dt.timedelta(days=back)
            page.goto(f"/toolkit/tracker/{day.isoformat()}/")
            used = "yes" if back in (2, 3) else "no"
            page.locator(f"input[name=used][value={used}]").check()
            if used == "yes":
                page.get_by_label("Payday or money").check()
            page.locator("input[name=between_us][value='4']").check()
            if back == 1:
                page.get_by_label("A note for yourself (optional)").fill("A calm evening.")
                saved(page)
                check(page)
            page.get_by_role("button", name="Save this day").click()
            page.wait_for_url("**/toolkit/tracker/?month=*")
        assert TrackerDay.objects.filter(member=alice).count() == 7
        page.goto("/toolkit/tracker/")
        check(page)
        assert page.locator("[data-chart=chart-triggers] svg").count() == 1
        page.locator("[data-chart=chart-triggers] summary").click()
        expect(
            page.locator("[data-chart=chart-triggers] table").get_by_text("2 days")
        ).to_be_visible()

        # A worksheet from the suggested triggers.
        page.goto("/toolkit/analysis/")
        check(page)
        page.get_by_role("link", name="Map a time they used").click()
        expect(page.locator("[data-suggestions]").get_by_text("Payday or money")).to_be_visible()
        assert "Payday or money" in page.get_by_label("Outer triggers").input_value()
        page.get_by_label("A name for this worksheet").fill("Paydays")
        page.get_by_label("The use").fill("Beers after work, then more at home.")
        saved(page)
        check(page)
        page.get_by_role("button", name="Save the worksheet").click()
        page.wait_for_url("**/toolkit/analysis/*/**")
        assert FunctionalAnalysis.objects.get(member=alice).title == "Paydays"

        # A reward, and a note that it was given.
        page.goto("/toolkit/rewards/")
        check(page)
        page.get_by_label("The reward").fill("Cooking dinner together")
        page.get_by_role("button", name="Save the reward").click()
        page.get_by_text("Reward saved.").wait_for()
        page.get_by_text("Note a reward you gave").click()
        page.locator("input[name=outcome][value=well]").check()
        page.get_by_role("button", name="Save to the log").click()
        page.get_by_text("Well done for noticing").wait_for()
        check(page)
        expect(page.locator("[data-reward-log]").get_by_text("No use").first).to_be_visible()
        assert Reward.objects.filter(member=alice).count() == 1
        assert RewardGiven.objects.filter(member=alice).count() == 1

        # Stepping back: the safety check flags danger.
        page.goto("/toolkit/stepping-back/")
        check(page)
        page.get_by_label("What I will stop doing").fill("Driving to pick him up when he's drunk")
        page.get_by_role("button", name="Save and check it").click()
        page.locator("[data-safety-flag]").first.wait_for()
        check(page)
        assert "drinking" in SteppingBackItem.objects.get(member=alice).flags

        # The safety plan, then its print view.
        page.goto("/toolkit/safety-plan/")
        check(page)
        page.get_by_label("Safe places I can go").fill("My sister's flat")
        page.locator("input[name=person_1_name]").fill("My sister")
        page.locator("input[name=person_1_phone]").fill("555-0142")
        page.get_by_label("Naloxone", exact=True).check()
        saved(page)
        assert SafetyPlan.objects.get(member=alice).safe_places == "My sister's flat"
        page.get_by_role("button", name="Save my plan").click()
        page.get_by_text("Your safety plan is saved").wait_for()
        page.get_by_role("link", name="Print my plan").first.click()
        page.wait_for_url("**/toolkit/safety-plan/print/")
        check(page)
        expect(page.get_by_text("My sister: 555-0142")).to_be_visible()
        printed(page)
        page.emulate_media(media="print")
        expect(page.locator(".no-print").first).not_to_be_visible()
        expect(page.get_by_text("My sister's flat")).to_be_visible()
        page.emulate_media(media="screen")

        # Words typed while the network is down stay on the device...
        page.route("**/api/toolkit/autosave/**", lambda route: route.abort())
        page.goto("/toolkit/stepping-back/")
        page.get_by_label("What I will stop doing").fill("Phoning his boss for him")
        page.locator("[data-save-status]").get_by_text(
            re.compile("could not reach Kindred")
        ).wait_for()
        assert drafts(page) >= 1

    # ...and quick exit leaves for the neutral site and takes the device copies with it.
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    page.goto(live_server.url + "/toolkit/")
    assert drafts(page) == 0


def test_a_visitor_prints_the_blank_plan(page, live_server, home_page):
    page.set_viewport_size(PHONE)
    with only_own_origin(page, live_server.url):
        page.goto("/get-help/")
        check(page)
        page.get_by_role("link", name="Print a blank safety plan").click()
        page.wait_for_url("**/get-help/safety-plan/")
        check(page)
        expect(page.get_by_role("heading", name="A plan for hard days")).to_be_visible()
        printed(page)
        page.emulate_media(media="print")
        expect(page.get_by_role("button", name="Print")).not_to_be_visible()
        expect(page.get_by_role("heading", name="People I can call")).to_be_visible()
        check(page)


def test_what_is_typed_before_the_autosave_script_loads_is_saved(
    page, live_server, client, alice, home_page
):
    # On a slow connection the member can type before the deferred script runs; its input
    # events are gone by then, so the script must notice the edited fields itself.
    held = []
    page.route("**/toolkit/js/autosave*.js", lambda route: held.append(route))
    sign_in(page, live_server, client, alice)
    page.goto("/toolkit/analysis/new/?kind=using", wait_until="commit")
    page.get_by_label("A name for this worksheet").fill("Typed early")
    page.get_by_label("The use").fill("Before the script had loaded.")
    assert len(held) == 1
    held[0].continue_()
    saved(page)
    analysis = FunctionalAnalysis.objects.get(member=alice)
    assert analysis.title == "Typed early"
