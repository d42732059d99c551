"""Every minute (the scheduler, next to publish_scheduled): queue again the background tasks
whose worker died mid-task, once (kindred/core/task_recovery.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kindred.core.task_recovery import recover_lost_tasks


class Command(BaseCommand):
    help = "Queue again background tasks left Running by a worker that died (at most once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="seconds a task may run before it is taken as lost "
            "(default: KINDRED_TASK_LEASE_SECONDS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lease = None if options["lease"] is None else dt.timedelta(seconds=options["lease"])
        recovery = recover_lost_tasks(lease=lease)
        if options["verbosity"] > 1 or recovery.requeued or recovery.failed:
            self.stdout.write(
                f"{recovery.requeued} lost tasks queued again, {recovery.failed} marked failed."
            )
