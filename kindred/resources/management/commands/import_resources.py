"""manage.py import_resources FILE [--dry-run]: load listings from CSV or JSON
(format: docs/resources.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kindred.resources.importing import (
    ImportFileError,
    RowPlan,
    apply_import,
    plan_import,
    read_rows,
)


class Command(BaseCommand):
    help = "Import recovery resources from a CSV or JSON file, matched by external_id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            plans = plan_import(read_rows(path))
        except (ImportFileError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        for plan in plans:
            if plan.action in ("create", "update") or options["verbosity"] > 1:
                self.stdout.write(plan.describe())
            elif plan.action == "error":
                self.stderr.write(plan.describe())
        if options["dry_run"]:
            self.stdout.write(f"Dry run: nothing was changed. {_summary(plans)}.")
            return
        try:
            failed = apply_import(plans)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for plan in failed:
            self.stderr.write(plan.describe())
        self.stdout.write(self.style.SUCCESS(f"Imported: {_summary(plans)}."))


def _summary(plans: list[RowPlan]) -> str:
    counts = {a: sum(p.action == a for p in plans) for a in ("create", "update", "unchanged")}
    errors = sum(p.action == "error" for p in plans)
    return (
        f"{counts['create']} to create, {counts['update']} to update, "
        f"{counts['unchanged']} unchanged, {errors} skipped (errors)"
    )
