"""The private calendar feed: parsed with icalendar, discreet titles, a token that resets."""

import datetime as dt

import icalendar

from kindred.groups import services
from kindred.groups.models import CalendarFeed


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_feed_lists_sessions_going_with_neutral_titles(client, session, alice, bob):
    services.rsvp_create(session_id=session.pk, member=alice)
    feed = services.feed_get_or_create(alice)
    events = _events(client, f"/groups/calendar/{feed.token}.ics")  # no sign-in needed
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Online session"
    assert "parents" not in event.to_ical().decode().lower()
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["STATUS"]) == "CONFIRMED"
    # Bob's feed does not show Alice's session.
    assert _events(client, f"/groups/calendar/{services.feed_get_or_create(bob).token}.ics") == []


def test_titles_only_when_the_member_chooses(client, session, alice):
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(alice)
    client.post("/groups/calendar/", {"show_titles": "on"})
    feed = CalendarFeed.objects.get(member=alice)
    assert feed.show_titles
    events = _events(client, f"/groups/calendar/{feed.token}.ics")
    assert str(events[0]["SUMMARY"]) == session.group.title


def test_cancelled_and_moved_sessions_update_in_the_calendar(client, session, alice):
    services.rsvp_create(session_id=session.pk, member=alice)
    token = services.feed_get_or_create(alice).token
    services.session_move(session, session.starts_at + dt.timedelta(hours=1), by=None)
    assert (
        _events(client, f"/groups/calendar/{token}.ics")[0].decoded("DTSTART") == session.starts_at
    )
    services.session_cancel(session, by=None)
    assert str(_events(client, f"/groups/calendar/{token}.ics")[0]["STATUS"]) == "CANCELLED"


def test_resetting_the_token_invalidates_the_old_address(client, session, alice):
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(alice)
    page = client.get("/groups/calendar/").content.decode()
    old = CalendarFeed.objects.get(member=alice).token
    assert old in page
    response = client.post("/groups/calendar/", {"action": "reset"}, follow=True)
    assert "The old one no longer works" in response.content.decode()
    new = CalendarFeed.objects.get(member=alice).token
    assert new != old
    client.logout()
    assert client.get(f"/groups/calendar/{old}.ics").status_code == 404
    assert len(_events(client, f"/groups/calendar/{new}.ics")) == 1


def test_unknown_tokens_and_lapsed_members(client, session, alice):
    assert client.get("/groups/calendar/not-a-token.ics").status_code == 404
    services.rsvp_create(session_id=session.pk, member=alice)
    token = services.feed_get_or_create(alice).token
    alice.memberships.update(ends_on=dt.date(2000, 1, 1))
    assert _events(client, f"/groups/calendar/{token}.ics") == []
    alice.is_active = False
    alice.save()
    assert client.get(f"/groups/calendar/{token}.ics").status_code == 404
