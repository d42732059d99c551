"""Every minute (cron or a systemd timer, next to publish_scheduled): keep twelve weeks of
sessions ahead of every group, and queue the reminders that are due."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kindred.groups.services import schedule_extend_all
from kindred.groups.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Extend group schedules and queue due session reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        created = schedule_extend_all()
        send_due_reminders.enqueue()
        if options["verbosity"] > 1:
            self.stdout.write(f"{created} sessions created; reminders queued.")
