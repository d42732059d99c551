"""Every minute or every hour (cron or a systemd timer, next to groups_tick): queue the
weekly wellbeing reminders. Each member who asked for one gets it once per ISO week."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kindred.toolkit.tasks import send_wellbeing_reminders


class Command(BaseCommand):
    help = "Queue the weekly wellbeing check-in reminders (one per member per week)."

    def handle(self, *args: Any, **options: Any) -> None:
        send_wellbeing_reminders.enqueue()
        if options["verbosity"] > 1:
            self.stdout.write("Wellbeing reminders queued.")
