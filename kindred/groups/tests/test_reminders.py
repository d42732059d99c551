"""Reminders: one email an hour before, exactly once, discreet."""

import datetime as dt

from django.core import mail
from django.core.management import call_command

from kindred.accounts.models import Profile
from kindred.groups import services
from kindred.groups.models import Rsvp

from .conftest import set_zone

SUBSTANCE_WORDS = ("alcohol", "drug", "opioid", "substance", "addict", "drink", "recovery")


def test_sent_once_within_the_hour(session, alice, bob):
    set_zone(alice, "America/Los_Angeles")
    services.rsvp_create(session_id=session.pk, member=alice)
    services.rsvp_create(session_id=session.pk, member=bob)
    start = session.starts_at
    assert services.reminders_send_due(start - dt.timedelta(minutes=61)) == 0
    assert services.reminders_send_due(start - dt.timedelta(minutes=59)) == 2
    assert services.reminders_send_due(start - dt.timedelta(minutes=58)) == 0
    assert services.reminders_send_due(start - dt.timedelta(minutes=5)) == 0
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]


def test_the_task_and_the_command_send_once_however_often_they_run(
    session, alice, monkeypatch, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    services.rsvp_create(session_id=session.pk, member=alice)
    fake_now = session.starts_at - dt.timedelta(minutes=30)
    monkeypatch.setattr(timezone, "now", lambda: fake_now)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("groups_tick")  # immediate backend: the task runs on commit
    assert len(mail.outbox) == 1


def test_a_claimed_reminder_is_not_sent_again(session, alice):
    services.rsvp_create(session_id=session.pk, member=alice)
    Rsvp.objects.update(reminder_sent_at=session.starts_at)  # another worker got there first
    assert services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30)) == 0
    assert mail.outbox == []


def test_a_failed_send_is_tried_again(session, alice, monkeypatch):
    services.rsvp_create(session_id=session.pk, member=alice)
    when = session.starts_at - dt.timedelta(minutes=30)

    def broken(rsvp):
        raise OSError("SMTP down")

    monkeypatch.setattr("kindred.groups.notify.email_reminder", broken)
    assert services.reminders_send_due(when) == 0
    monkeypatch.undo()
    assert services.reminders_send_due(when) == 1


def test_no_reminder_for_the_waiting_list_cancelled_sessions_or_lapsed_members(
    session, alice, bob, carol
):
    session.group.capacity = 1
    session.group.save()
    services.rsvp_create(session_id=session.pk, member=alice)
    services.rsvp_create(session_id=session.pk, member=bob)  # waiting
    alice.memberships.update(ends_on=dt.date(2000, 1, 1))
    assert services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30)) == 0
    alice.memberships.update(ends_on=None)
    services.session_cancel(session, by=None)
    mail.outbox.clear()
    assert services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30)) == 0


def test_a_moved_session_gets_one_new_reminder(session, alice):
    services.rsvp_create(session_id=session.pk, member=alice)
    services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30))
    services.session_move(session, session.starts_at + dt.timedelta(days=1), by=None)
    mail.outbox.clear()
    assert services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30)) == 1


def test_discreet_subject_and_body_in_the_members_time(session, alice):
    Profile.objects.update_or_create(user=alice, defaults={"time_zone": "America/Los_Angeles"})
    session.group.title = "Family group on alcohol and opioids"
    session.group.save()
    services.rsvp_create(session_id=session.pk, member=alice)
    services.reminders_send_due(session.starts_at - dt.timedelta(minutes=30))
    message = mail.outbox[0]
    assert message.subject == "Your session starts in an hour"
    text = f"{message.subject}\n{message.body}".lower()
    assert not any(word in text for word in SUBSTANCE_WORDS)
    import zoneinfo

    from django.utils import timezone

    local = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert local.strftime("%-I:%M") in message.body
    assert "America/Los Angeles" not in message.body or "Los Angeles time" in message.body
    assert f"/groups/sessions/{session.pk}/" in message.body
