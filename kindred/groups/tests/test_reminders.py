"""Reminders: one email an hour before, exactly once, discreet."""

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
import yaml
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from kindred.accounts.models import Profile
from kindred.groups import services
from kindred.groups.models import Rsvp
from kindred.groups.notify import NOTICE_SUBJECT, REMINDER_SUBJECT

from .conftest import make_group, make_session, member, set_zone

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


def _first_session_on_the_schedule(group):
    # A real occurrence: groups_tick cancels a booked session that is not on the schedule (the
    # hand-made ``session`` fixture is not), and its cancellation email would look like a
    # reminder to a test that only counts emails.
    services.schedule_extend(group)
    return group.sessions.order_by("starts_at").first()


def test_the_task_and_the_command_send_once_however_often_they_run(
    group, alice, monkeypatch, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    session = _first_session_on_the_schedule(group)
    services.rsvp_create(session_id=session.pk, member=alice)
    fake_now = session.starts_at - dt.timedelta(minutes=30)
    monkeypatch.setattr(timezone, "now", lambda: fake_now)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("groups_tick")  # immediate backend: the task runs on commit
    session.refresh_from_db()
    assert not session.is_cancelled
    assert [(m.subject, m.to) for m in mail.outbox] == [(REMINDER_SUBJECT, [alice.email])]


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


# --- In production: the scheduler runs groups_tick, a database worker sends ------------------

ROOT = Path(__file__).resolve().parents[3]


def test_every_deployment_runs_groups_tick_every_minute_and_a_worker():
    """Procfile, compose.yaml and ``make serve`` (scripts/serve.sh): the scheduler loop runs
    groups_tick once a minute, and a db_worker runs the reminder task it queues."""
    procfile = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if ":" in line
    )
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    serve = (ROOT / "scripts" / "serve.sh").read_text()
    serve_loop = next(line for line in serve.splitlines() if line.startswith("(while true"))
    for name, loop, worker in (
        ("Procfile", procfile["scheduler"], procfile["worker"]),
        (
            "compose.yaml",
            " ".join(compose["scheduler"]["command"]),
            " ".join(compose["worker"]["command"]),
        ),
        ("scripts/serve.sh", serve_loop, serve),
    ):
        assert "while true" in loop and "sleep 60" in loop, name
        assert "groups_tick" in loop, name
        assert "manage.py db_worker" in worker, name
    assert compose["scheduler"]["environment"]["TASKS_BACKEND"] == "database"
    assert "TASKS_BACKEND=database" in serve


@pytest.mark.django_db(transaction=True)
def test_groups_tick_queues_the_reminders_and_db_worker_sends_them_once(group, alice, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None  # rebuild the backends from the new setting
    try:
        session = _first_session_on_the_schedule(group)
        services.rsvp_create(session_id=session.pk, member=alice)
        # Move it into the next hour (a moved session is kept by groups_tick as it is).
        services.session_move(session, timezone.now() + dt.timedelta(minutes=40), by=None)
        call_command("groups_tick")
        assert mail.outbox == []  # queued in the database, not sent by the scheduler
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        # The worker sends the reminder, and the "new time" notice queued by the move.
        assert sorted(m.subject for m in mail.outbox) == [NOTICE_SUBJECT, REMINDER_SUBJECT]
        for _ in range(2):  # the next minutes
            call_command("groups_tick")
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        assert len(mail.outbox) == 2
    finally:
        task_backends._settings = None


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(monkeypatch):
    """Two workers (or two schedulers' tasks) running the reminders at the same moment: every
    member gets one email. PostgreSQL, two threads with their own connections."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent writers (run with DATABASE_URL=postgres://...)")
    from kindred.groups import notify

    group = make_group(None, capacity=20)
    session = make_session(group, timezone.now() + dt.timedelta(minutes=30))
    people = [member(f"r{i}@example.com", f"Reminded{i}") for i in range(8)]
    for person in people:
        services.rsvp_create(session_id=session.pk, member=person)
    real_send = notify.email_reminder

    def slow_send(rsvp):  # a slow mail server: both workers are mid-loop at the same time
        time.sleep(0.05)
        real_send(rsvp)

    monkeypatch.setattr(notify, "email_reminder", slow_send)
    barrier = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait()
            sent.append(services.reminders_send_due())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == len(people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
