"""Live groups, end to end: a member in Los Angeles and a facilitator in New York see the same
session at their own local times; the member RSVPs and finds it in their calendar feed
(parsed with icalendar); the meeting link appears only inside the window."""

import datetime as dt
from unittest import mock

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from kindred.groups.models import Recording, Session
from kindred.groups.tests.conftest import make_facilitator, make_group, set_zone
from kindred.testing.browser import PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = "https://meet.example.org/room-42"


def _context(browser, live_server, user, viewport=PHONE):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_la_member_and_ny_facilitator_rsvp_feed_and_link_window(browser, live_server, alice):
    set_zone(alice, "America/Los_Angeles")
    fran = make_facilitator("fran@example.com", "FacilitatorFran", "America/New_York")
    group = make_group(fran)
    # A Thursday in July, 19:00 in New York (EDT) = 23:00 UTC = 16:00 in Los Angeles.
    start = dt.datetime(2030, 7, 11, 23, 0, tzinfo=dt.UTC)
    session = Session.objects.create(
        group=group, scheduled_for=start, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )

    member_context, member = _context(browser, live_server, alice)
    with only_own_origin(member, live_server.url):
        member.goto("/groups/")
        assert_no_axe_violations(member)
        member.goto(f"/groups/sessions/{session.pk}/")
        time_text = member.locator("[data-session-time]").inner_text()
        assert "Thursday, July 11, 2030, 4:00 p.m." in time_text
        assert "Los Angeles" in time_text
        assert_no_axe_violations(member)
        member.get_by_role("button", name="Save my place").click()
        member.get_by_text("You have a place.").first.wait_for()
        assert LINK not in member.content()  # days before: no link yet
        assert "The link to join appears here from" in member.content()
        assert_no_axe_violations(member)

        member.goto("/groups/calendar/")
        assert_no_axe_violations(member)
        feed_url = member.get_by_label("Your private calendar address").input_value()

        # A past session's recording: transcript and chapters, members only.
        past_start = (timezone.now() - dt.timedelta(days=7)).replace(microsecond=0)
        past = Session.objects.create(
            group=group,
            scheduled_for=past_start,
            starts_at=past_start,
            ends_at=past_start + dt.timedelta(hours=1),
        )
        recording = Recording.objects.create(
            session=past,
            chapters="0:00 Welcome\n12:30 Planning a reward",
            transcript="FacilitatorFran: Welcome, everyone.\n\nAlice: Thank you.",
        )
        member.goto(f"/groups/recordings/{recording.pk}/")
        member.get_by_role("heading", name="Transcript").wait_for()
        assert "Planning a reward" in member.content()
        assert_no_axe_violations(member)

    facilitator_context, facilitator = _context(browser, live_server, fran)
    with only_own_origin(facilitator, live_server.url):
        facilitator.goto(f"/groups/facilitate/sessions/{session.pk}/")
        time_text = facilitator.locator("[data-session-time]").inner_text()
        assert "Thursday, July 11, 2030, 7:00 p.m." in time_text and "New York" in time_text
        assert "Going (1 of 3)" in facilitator.content() and "Alice" in facilitator.content()
        assert_no_axe_violations(facilitator)
        facilitator.goto(f"/groups/facilitate/sessions/{session.pk}/print/")
        assert_no_axe_violations(facilitator)

    # The feed, fetched as a calendar app would (no cookies), parsed with icalendar.
    path = feed_url.split("://", 1)[1].split("/", 1)[1]
    response = Client().get("/" + path)
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert len(events) == 1 and events[0].decoded("DTSTART") == start
    assert str(events[0]["SUMMARY"]) == "Online session"

    # Inside the window (10 minutes before the start) the link appears; after the end it goes.
    real_now = timezone.now
    for offset, visible in (
        (-dt.timedelta(minutes=20), False),
        (-dt.timedelta(minutes=10), True),
        (dt.timedelta(minutes=30), True),
        (dt.timedelta(minutes=61), False),
    ):
        with mock.patch("django.utils.timezone.now", return_value=start + offset):
            member.goto(f"/groups/sessions/{session.pk}/")
            assert (member.get_by_role("link", name="Join the session").count() == 1) is visible
            if visible:
                assert_no_axe_violations(member)
    assert timezone.now is real_now
    member_context.close()
    facilitator_context.close()
