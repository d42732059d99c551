"""The facilitator's pages: roster by pseudonym, printable list, messages, moves, cancels."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from kindred.groups import services
from kindred.groups.models import GroupNotice

from .conftest import member


def _roster_url(session, suffix=""):
    return f"/groups/facilitate/sessions/{session.pk}/{suffix}"


def test_roster_shows_count_and_waiting_list_by_pseudonym(
    client, facilitator, session, alice, bob, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [alice, bob, member("c1@example.com", "Cedar"), member("c2@example.com", "Dune")]
    for person in people:
        services.rsvp_create(session_id=session.pk, member=person)
    client.force_login(facilitator)
    with CaptureQueriesContext(connection) as four:
        page = client.get(_roster_url(session)).content.decode()
    for i in range(4):  # more people: not one more query (no N+1 on the roster)
        services.rsvp_create(session_id=session.pk, member=member(f"m{i}@example.com", f"M{i}"))
    with django_assert_max_num_queries(len(four)):
        client.get(_roster_url(session))
    assert "Going (3 of 3)" in page and "Waiting list (1)" in page
    assert page.index("Alice") < page.index("Bob") < page.index("Cedar") < page.index("Dune")
    assert "alice@example.com" not in page
    printable = client.get(_roster_url(session, "print/")).content.decode()
    assert "Dune" in printable and "shred" in printable


def test_message_reaches_everyone_in_the_app_and_by_discreet_email(
    client, facilitator, session, alice, bob, django_capture_on_commit_callbacks
):
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _roster_url(session), {"action": "message", "message": "We start 10 minutes late."}
        )
    assert response.status_code == 302
    notice = GroupNotice.objects.get(member=alice)
    assert notice.text == "We start 10 minutes late."
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "10 minutes late" not in mail.outbox[0].body  # read in the app, not in the email
    client.force_login(alice)
    page = client.get("/groups/").content.decode()
    assert "We start 10 minutes late." in page and "New: " in page
    assert "New: " not in client.get("/groups/").content.decode()  # marked read


def test_an_empty_or_long_message_is_refused_and_kept(client, facilitator, session):
    client.force_login(facilitator)
    response = client.post(_roster_url(session), {"action": "message", "message": "   "})
    assert response.status_code == 400 and "Write a message" in response.content.decode()
    long = "x" * 1001
    response = client.post(_roster_url(session), {"action": "message", "message": long})
    assert response.status_code == 400 and long in response.content.decode()


def test_move_in_the_groups_zone_and_members_are_told(
    client, facilitator, session, alice, django_capture_on_commit_callbacks
):
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(facilitator)
    day = (timezone.now() + dt.timedelta(days=10)).date()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _roster_url(session), {"action": "move", "date": day.isoformat(), "time": "18:30"}
        )
    session.refresh_from_db()
    assert session.is_moved
    import zoneinfo

    local = session.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert (local.date(), local.hour, local.minute) == (day, 18, 30)
    assert session.ends_at - session.starts_at == dt.timedelta(minutes=60)
    assert GroupNotice.objects.filter(member=alice, kind="moved").exists()
    assert len(mail.outbox) == 1


def test_moving_into_the_past_is_refused(client, facilitator, session):
    client.force_login(facilitator)
    response = client.post(
        _roster_url(session), {"action": "move", "date": "2001-01-01", "time": "10:00"}
    )
    assert response.status_code == 400
    assert "future" in response.content.decode()


def test_cancel_one_session(client, facilitator, session, alice, bob):
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(facilitator)
    client.post(_roster_url(session), {"action": "cancel"})
    session.refresh_from_db()
    assert session.is_cancelled
    assert GroupNotice.objects.filter(member=alice, kind="cancelled").exists()
    assert not GroupNotice.objects.filter(member=bob).exists()


def test_unknown_action_is_a_clear_400(client, facilitator, session):
    client.force_login(facilitator)
    assert client.post(_roster_url(session), {"action": "explode"}).status_code == 400


def test_member_lists_are_cheap(client, alice, group, django_assert_max_num_queries):
    from kindred.groups import services as s

    s.schedule_extend(group)
    for session in group.sessions.all()[:5]:
        s.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(30):
        assert client.get("/groups/").status_code == 200


def test_a_cancelled_or_finished_session_cannot_be_moved_or_cancelled(
    client, facilitator, session, alice
):
    from kindred.groups.tests.conftest import make_session

    services.rsvp_create(session_id=session.pk, member=alice)
    services.session_cancel(session, by=facilitator)
    client.force_login(facilitator)
    day = (timezone.now() + dt.timedelta(days=10)).date().isoformat()
    response = client.post(_roster_url(session), {"action": "move", "date": day, "time": "18:30"})
    assert response.status_code == 400
    assert "cannot be moved or cancelled" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_moved
    assert not GroupNotice.objects.filter(member=alice, kind="moved").exists()

    past = make_session(session.group, timezone.now() - dt.timedelta(days=2))
    services.rsvp_create(session_id=past.pk, member=alice, now=past.starts_at)
    page = client.get(_roster_url(past)).content.decode()
    assert "Move this session" not in page and "Cancel this session" not in page
    response = client.post(_roster_url(past), {"action": "move", "date": day, "time": "18:30"})
    assert response.status_code == 400 and "has ended" in response.content.decode()
    assert not GroupNotice.objects.filter(session=past).exists()
    assert client.post(_roster_url(past), {"action": "cancel"}).status_code == 400
    past.refresh_from_db()
    assert not past.is_moved and not past.is_cancelled
    assert not GroupNotice.objects.filter(session=past).exists()
