"""The meeting link: only active members who RSVP'd (going), only from 15 minutes before the
start to the end. Times in each viewer's own zone."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from kindred.groups import selectors, services
from kindred.groups.models import Rsvp

from .conftest import make_session, set_zone

LINK = "https://meet.example.org/room-42"


@pytest.fixture
def soon(group):
    return make_session(group, timezone.now() + dt.timedelta(minutes=10))


def _page(client, user, session):
    client.force_login(user)
    return client.get(f"/groups/sessions/{session.pk}/").content.decode()


def test_link_shows_to_a_member_going_inside_the_window(client, alice, soon):
    services.rsvp_create(session_id=soon.pk, member=alice)
    assert LINK in _page(client, alice, soon)


def test_link_hidden_from_a_member_who_did_not_rsvp(client, alice, soon):
    assert LINK not in _page(client, alice, soon)


def test_link_hidden_from_someone_on_the_waiting_list(client, alice, bob, soon):
    soon.group.capacity = 1
    soon.group.save()
    services.rsvp_create(session_id=soon.pk, member=alice)
    services.rsvp_create(session_id=soon.pk, member=bob)
    assert Rsvp.objects.get(member=bob).status == "waiting"
    assert LINK not in _page(client, bob, soon)


def test_link_hidden_from_non_members_even_with_an_rsvp(client, carol, alice, soon):
    services.rsvp_create(session_id=soon.pk, member=alice)
    # carol has no membership: the page itself is refused, and the rule says no as well.
    client.force_login(carol)
    response = client.get(f"/groups/sessions/{soon.pk}/")
    assert response.status_code == 302 and LINK not in response.content.decode()
    Rsvp.objects.create(session=soon, member=carol, status="going")
    assert not selectors.link_visible(soon, carol)
    alice.memberships.update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    alice = type(alice).objects.get(pk=alice.pk)  # a new request: no cached membership
    assert not selectors.link_visible(soon, alice)


def test_link_hidden_before_the_window_and_after_the_end(alice, session):
    services.rsvp_create(session_id=session.pk, member=alice)
    start, end = session.starts_at, session.ends_at
    assert not selectors.link_visible(session, alice, start - dt.timedelta(minutes=16))
    assert selectors.link_visible(session, alice, start - dt.timedelta(minutes=15))
    assert selectors.link_visible(session, alice, end - dt.timedelta(seconds=1))
    assert not selectors.link_visible(session, alice, end)
    with mock.patch("django.utils.timezone.now", return_value=start - dt.timedelta(hours=2)):
        from django.test import Client

        client = Client()
        client.force_login(alice)
        page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert LINK not in page
    assert "The link to join appears here from" in page


def test_link_hidden_for_a_cancelled_session(client, alice, soon):
    services.rsvp_create(session_id=soon.pk, member=alice)
    services.session_cancel(soon, by=None)
    assert LINK not in _page(client, alice, soon)


def test_each_member_sees_their_own_local_time(client, alice, bob, group):
    from .conftest import make_session

    session = make_session(group, dt.datetime(2030, 3, 14, 23, 0, tzinfo=dt.UTC))  # 7 pm NY
    set_zone(alice, "America/Los_Angeles")
    set_zone(bob, "Europe/Madrid")
    assert "4:00 p.m." in _page(client, alice, session)
    assert "12:00 a.m." in _page(client, bob, session)  # the next day, in Madrid
    assert "Friday, March 15, 2030" in _page(client, bob, session)


def _session_time(html):
    import re

    match = re.search(r"data-session-time>(.*?)</p>", html, re.DOTALL)
    assert match, "no session time on the page"
    return re.sub(r"<[^>]+>", "", match.group(1))


# A New York group on Thursdays at 19:00, seen by its facilitator in New York and a member in
# London. In 2027 the US changes on March 14 and November 7, the UK on March 28 and October 31:
# for those weeks the gap is 4 hours, not 5, so the member's local time moves twice.
@pytest.mark.parametrize(
    ("first_day", "london"),
    [
        (
            dt.date(2027, 3, 8),
            [
                "Friday, March 12, 2027, 12:00 a.m.",  # both on winter time
                "Thursday, March 18, 2027, 11:00 p.m.",  # New York changed, London not yet
                "Thursday, March 25, 2027, 11:00 p.m.",
                "Friday, April 2, 2027, 12:00 a.m.",  # both on summer time
            ],
        ),
        (
            dt.date(2027, 10, 25),
            [
                "Friday, October 29, 2027, 12:00 a.m.",  # both on summer time
                "Thursday, November 4, 2027, 11:00 p.m.",  # London changed, New York not yet
                "Friday, November 12, 2027, 12:00 a.m.",  # both on winter time
            ],
        ),
    ],
    ids=["spring", "autumn"],
)
def test_pages_show_each_persons_own_time_across_both_zones_changes(
    client, facilitator, alice, group, first_day, london
):
    set_zone(alice, "Europe/London")
    services.schedule_extend(group, dt.datetime.combine(first_day, dt.time(0), dt.UTC))
    sessions = list(group.sessions.order_by("starts_at")[: len(london)])
    for session, expected in zip(sessions, london, strict=True):
        client.force_login(alice)
        seen = _session_time(client.get(f"/groups/sessions/{session.pk}/").content.decode())
        assert expected in seen and "Europe/London" in seen.replace(" ", "_"), seen
        client.force_login(facilitator)
        page = client.get(f"/groups/facilitate/sessions/{session.pk}/").content.decode()
        seen = _session_time(page)
        assert "7:00 p.m." in seen and "New York" in seen, seen
