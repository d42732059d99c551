"""Loads Kindred's demo content once: every app's `DemoData` step (kindred/core/extensions.py).

Refuses to run with DEBUG off, so it can never touch a production database by mistake.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kindred.core import demo


class Command(BaseCommand):
    help = "Load demo content and demo accounts (development only; needs DEBUG=1)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even if the demo content was loaded before (it is idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DEBUG=1: it creates accounts with a public password."
            )
        if demo.is_loaded() and not options["force"]:
            self.stdout.write("Demo content is already loaded.")
        else:
            demo.load(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(demo.banner())
