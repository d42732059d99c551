"""Tasks whose worker died mid-task: queue them again, once, then give up.

django-tasks-db 0.12 marks a task Running when a worker claims it and only ever picks Ready
tasks, with no timeout and no heartbeat: if the worker is killed (out of memory, a deploy that
does not wait, a machine that goes away) the task stays Running forever and never runs.

``requeue_lost_tasks`` (run every minute by the scheduler) finds tasks Running for longer than
``KINDRED_TASK_LEASE_SECONDS`` and sets them back to Ready, so a worker runs them again. Each
claim appends the worker's id to ``worker_ids``, so its length is the number of runs started;
a task that has already been started ``KINDRED_TASK_MAX_ATTEMPTS`` times is marked Failed
instead (a task that kills its worker every time is not run forever).

Every change is a conditional UPDATE on the row as it was read (still Running, same
``started_at``): two schedulers running at once, or a worker that claims the task again in
between, make the second UPDATE match nothing, so a task is queued again at most once per
lost run.

Our tasks are safe to run again: the reminders claim each row before sending (a second run
sends nothing already sent), the search and reference index updates rewrite the same rows.
The one-off notification emails ("a coach wrote to you", "a question is waiting", "a session
changed") say nothing private; if a worker dies after sending one and before recording
success, the run again sends it a second time (at least once, never lost).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

LOST_WORKER = "kindred.core.task_recovery.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker died on every run allowed."""


class Recovery(NamedTuple):
    requeued: int = 0
    failed: int = 0


def requeue(pk: object, started_at: dt.datetime) -> bool:
    """Set one lost task back to Ready if it is still the run we saw. True if this call did."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(status=TaskResultStatus.READY)
    )


def give_up(pk: object, started_at: dt.datetime, attempts: int, now: dt.datetime) -> bool:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST_WORKER,
            traceback=f"The worker stopped during each of the {attempts} runs of this task; "
            "it was not queued again (kindred.core.task_recovery).",
        )
    )


def recover_lost_tasks(
    *,
    lease: dt.timedelta | None = None,
    max_attempts: int | None = None,
    now: dt.datetime | None = None,
) -> Recovery:
    """Queue again (or fail) every task Running for longer than the lease. See the module."""
    if not apps.is_installed("django_tasks_db"):
        return Recovery()
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    if lease is None:
        lease = dt.timedelta(seconds=settings.KINDRED_TASK_LEASE_SECONDS)
    if max_attempts is None:
        max_attempts = settings.KINDRED_TASK_MAX_ATTEMPTS
    lost = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lte=now - lease
    ).values_list("pk", "started_at", "worker_ids", "task_path")
    requeued = failed = 0
    for pk, started_at, worker_ids, task_path in lost:
        attempts = len(worker_ids or [])
        if attempts < max_attempts:
            if requeue(pk, started_at):
                requeued += 1
                logger.warning(
                    "Task %s (%s) was still running after the lease: its worker is taken as "
                    "lost; queued again (run %d of at most %d).",
                    pk,
                    task_path,
                    attempts + 1,
                    max_attempts,
                )
        elif give_up(pk, started_at, attempts, now):
            failed += 1
            logger.error(
                "Task %s (%s) lost its worker on each of its %d runs; marked failed.",
                pk,
                task_path,
                attempts,
            )
    return Recovery(requeued=requeued, failed=failed)
