"""Fault proof (issue 11): the task worker killed mid-task; the task runs again, once.

A real ``db_worker`` process is killed with SIGKILL while it runs a task; ``requeue_lost_tasks``
queues it again; a new worker runs it to the end. On SQLite the test database (in memory) is
copied to a file first so that the worker processes can open it; on PostgreSQL they use the
test database itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from kindred.core.task_recovery import LOST_WORKER, give_up, recover_lost_tasks, requeue
from kindred.testing.tasks import hold_then_finish, remember

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings: object) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]
    task_backends._settings = None  # rebuild the backends from the new setting
    yield
    task_backends._settings = None


def _shared_database_url(tmp_path: Path) -> str:
    """A DATABASE_URL that other processes can open, holding what this test wrote."""
    data = connection.settings_dict
    if connection.vendor == "postgresql":
        user = urllib.parse.quote(data["USER"] or "")
        password = urllib.parse.quote(data["PASSWORD"] or "")
        auth = f"{user}:{password}@" if password else f"{user}@"
        return (
            f"postgres://{auth}{data['HOST'] or 'localhost'}:{data['PORT'] or 5432}/{data['NAME']}"
        )
    path = tmp_path / "tasks.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    return f"sqlite:///{path}"


def _row(url: str, task_id: str) -> tuple[str, int]:
    """(status, runs started) of a task, read afresh from the shared database."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            status, worker_ids = conn.execute(
                f"SELECT status, worker_ids FROM {DBTaskResult._meta.db_table} WHERE id = ?",  # noqa: S608
                (task_id.replace("-", ""),),
            ).fetchone()
        return status, len(json.loads(worker_ids))
    row = DBTaskResult.objects.get(pk=task_id)
    return row.status, len(row.worker_ids)


def _env(url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        {"DEBUG": "1", "DATABASE_URL": url, "TASKS_BACKEND": "database", "PYTHONUNBUFFERED": "1"}
    )
    return env


def _manage(url: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _wait_for(condition: object, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _lines(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def test_a_task_whose_worker_is_killed_runs_again_once(database_queue: None, tmp_path: Path):
    log = tmp_path / "task.log"
    hold = Path(f"{log}.hold")
    hold.touch()
    result = hold_then_finish.enqueue(str(log))
    url = _shared_database_url(tmp_path)

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=_env(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _lines(log) == ["started"], "the worker to start the task")
    finally:
        os.kill(worker.pid, signal.SIGKILL)  # mid-task: the task is waiting on the hold file
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    assert _row(url, str(result.id)) == ("RUNNING", 1)  # what django-tasks-db leaves behind

    assert "1 lost tasks queued again" in _manage(url, "requeue_lost_tasks", "--lease", "0")
    assert _row(url, str(result.id)) == ("READY", 1)
    # A second scheduler (or the next minute's run) finds nothing more to do.
    assert _manage(url, "requeue_lost_tasks", "--lease", "0") == ""

    hold.unlink()
    _manage(url, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    assert _row(url, str(result.id)) == ("SUCCESSFUL", 2)
    assert _lines(log) == ["started", "started", "finished"]  # ran to the end exactly once

    # Finished tasks are never touched again; nothing runs a third time.
    assert _manage(url, "requeue_lost_tasks", "--lease", "0") == ""
    _manage(url, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    assert _lines(log) == ["started", "started", "finished"]


def _claimed(worker_id: str, task_id: object) -> DBTaskResult:
    row = DBTaskResult.objects.get(pk=task_id)
    row.claim(worker_id)  # what db_worker does when it picks the task
    return row


def test_a_task_that_kills_its_worker_every_time_is_failed_not_run_forever(database_queue):
    result = remember.enqueue("kindred:test:lost", "never")
    _claimed("worker-1", result.id)
    assert recover_lost_tasks(lease=dt.timedelta(0)) == (1, 0)
    _claimed("worker-2", result.id)  # run again, and the worker dies again
    recovery = recover_lost_tasks(lease=dt.timedelta(0))
    assert (recovery.requeued, recovery.failed) == (0, 1)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "FAILED"
    assert row.exception_class_path == LOST_WORKER
    assert row.finished_at is not None
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"  # not picked again


def test_a_task_within_its_lease_is_left_running(database_queue, settings):
    settings.KINDRED_TASK_LEASE_SECONDS = 600
    result = remember.enqueue("kindred:test:slow", "still going")
    _claimed("worker-1", result.id)
    assert recover_lost_tasks() == (0, 0)
    later = DBTaskResult.objects.get(pk=result.id).started_at + dt.timedelta(seconds=601)
    assert recover_lost_tasks(now=later) == (1, 0)


def test_two_schedulers_queue_a_lost_task_again_only_once(database_queue):
    result = remember.enqueue("kindred:test:twice", "once")
    seen = _claimed("worker-1", result.id)
    # Both schedulers read the same lost run; only the first UPDATE matches the row.
    assert requeue(seen.pk, seen.started_at) is True
    assert requeue(seen.pk, seen.started_at) is False
    assert give_up(seen.pk, seen.started_at, 1, seen.started_at) is False
    # A worker claims it again before a slow scheduler acts on what it read: nothing changes.
    _claimed("worker-2", result.id)
    assert requeue(seen.pk, seen.started_at) is False
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
