"""The recovery resource directory in a real browser, with no accessibility violations: a
visitor filters to "online, for families, secular", then looks near a ZIP code (national
entries plus the local ones that cover it, nearest first), reports a problem with a listing,
and an editor finds the report in the queue."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from kindred.resources.choices import STARTING_FACETS
from kindred.resources.geo import place_for_zip
from kindred.resources.importing import resource_index
from kindred.resources.models import Facet, ProblemReport
from kindred.resources.tests.factories import make_resource
from kindred.testing.browser import PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def catalogue():
    # A transactional test's flush empties what migrations put in: the filter values too.
    for order, (group, slug, label) in enumerate(STARTING_FACETS):
        Facet.objects.get_or_create(
            group=group, slug=slug, defaults={"label": label, "sort_order": order}
        )
    make_resource(
        "Family Online Secular",
        kind="family-support",
        for_whom="family",
        facets={"format": ["online"], "approach": ["secular"]},
    )
    make_resource(
        "Both Online Secular",
        kind="online-meetings",
        facets={"format": ["online", "phone"], "approach": ["secular"]},
    )
    make_resource(
        "Family Online Twelve Step",
        kind="family-support",
        for_whom="family",
        facets={"format": ["online"], "approach": ["12-step"]},
    )
    make_resource(
        "Loved One Online Secular",
        for_whom="loved-one",
        facets={"format": ["online"], "approach": ["secular"]},
    )
    make_resource(
        "Family In Person Secular",
        kind="family-support",
        for_whom="family",
        facets={"format": ["in-person"], "approach": ["secular"]},
    )
    make_resource("Ohio Warmline", kind="helpline", coverage="states", covered_states="OH")
    make_resource("Oregon Warmline", kind="helpline", coverage="states", covered_states="OR")
    make_resource(
        "Dayton Centre", kind="peer-recovery-centre", coverage="area", zip_code="45402",
        radius_miles=90,
    )  # fmt: skip
    make_resource(
        "Columbus Clinic", kind="treatment-provider", coverage="area", zip_code="43215",
        radius_miles=30,
    )  # fmt: skip
    make_resource(
        "Portland Clinic", kind="treatment-provider", coverage="area", zip_code="97205",
        radius_miles=50,
    )  # fmt: skip


def results(page):
    return page.locator(".resource-list .resource-card__title").all_inner_texts()


def as_editor(browser, live_server, editor):
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_problemreport", "change_problemreport"]
        )
    )
    editor.groups.add(group)
    client = Client()
    client.force_login(editor)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def test_filter_near_me_report_and_the_editors_queue(page, browser, live_server, editor, home_page):
    resource_index()
    catalogue()
    place_for_zip("43215")  # the ZIP code data loads once per process (the live server's too)
    Client().get("/resources/")  # the first render compiles the templates
    page.set_default_timeout(30_000)  # a busy machine
    page.set_viewport_size(PHONE)
    with only_own_origin(page, live_server.url):
        page.goto("/resources/")
        assert len(results(page)) == 10
        assert_no_axe_violations(page)

        # Online, for families, secular: entries for "both" count as for families.
        page.get_by_label("The family").check()
        page.locator("summary", has_text="Format").click()
        page.get_by_label("Online", exact=True).check()
        page.locator("summary", has_text="Approach").click()
        page.get_by_label("Secular", exact=True).check()
        page.get_by_role("button", name="Show resources").click()
        page.wait_for_url("**/resources/?*")
        assert results(page) == ["Both Online Secular", "Family Online Secular"]
        assert page.get_by_label("Online", exact=True).is_checked()  # the URL keeps the state
        assert_no_axe_violations(page)

        # Near a Columbus, Ohio ZIP code: the local entries that reach it, nearest first, then
        # national ones and those covering Ohio; not Oregon's, not Portland's.
        page.get_by_role("link", name="Clear all filters").click()
        page.get_by_label("Near a US ZIP code").fill("43215")
        page.get_by_role("button", name="Show resources").click()
        page.wait_for_url("**zip=43215**")
        found = results(page)
        assert found[:2] == ["Columbus Clinic", "Dayton Centre"]
        assert "Ohio Warmline" in found and "Family Online Secular" in found
        assert "Oregon Warmline" not in found and "Portland Clinic" not in found
        assert len(found) == 8
        distances = page.locator(".resource-distance").all_inner_texts()
        assert distances[0] == "0.0 miles away" and len(distances) == 2
        assert_no_axe_violations(page)

        # A ZIP code we cannot place: a clear message next to the field, the list stays.
        page.get_by_label("Near a US ZIP code").fill("SW1A 1AA")
        page.get_by_role("button", name="Show resources").click()
        page.get_by_text("looks like a postal code from outside the United States").wait_for()
        assert len(results(page)) == 10
        assert_no_axe_violations(page)

        # Report a problem with the Columbus clinic.
        page.get_by_role("link", name="Report a problem with Columbus Clinic").click()
        page.get_by_role("heading", name="Report a problem with this listing").wait_for()
        assert_no_axe_violations(page)
        page.get_by_label("The phone or text number is wrong").check()
        page.get_by_label("What should it say? (optional)").fill("The number is 555-0199 now.")
        page.get_by_role("button", name="Send to the editors").click()
        page.get_by_role("heading", name="Thank you").wait_for()
        assert_no_axe_violations(page)
    report = ProblemReport.objects.get()
    assert (report.resource.title, report.problem) == ("Columbus Clinic", "phone")

    # The editor finds it in the queue.
    context = as_editor(browser, live_server, editor)
    admin = context.new_page()
    admin.set_default_timeout(30_000)
    admin.goto(f"{live_server.url}/admin/resource_problems/")
    admin.get_by_text("The number is 555-0199 now.").wait_for()
    assert "Columbus Clinic" in admin.content()
    context.close()
