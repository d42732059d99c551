"""``manage.py backup PATH``: a consistent copy of the database, taken while the site runs.

SQLite through its online backup API, PostgreSQL through ``pg_dump --format=custom``
(kindred/core/backup.py). Exit codes: kindred.core.backup.ExitCode, docs/deployment.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kindred.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database to PATH while the site runs (SQLite: a copy of the file; "
        "PostgreSQL: pg_dump's custom format). Uploaded files are not included."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The file to write, e.g. backups/kindred-2026-12-01.dump")
        parser.add_argument("--force", action="store_true", help="Replace PATH if it exists.")
        parser.add_argument("--database", default="default", help="Which database (default).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]).expanduser()
        connection = connections[options["database"]]
        try:
            engine = backup.engine_of(connection.settings_dict)
            if engine == backup.SQLITE_ENGINE:
                connection.ensure_connection()
                outcome = backup.backup_sqlite(connection.connection, path, force=options["force"])
            else:
                outcome = backup.backup_postgres(
                    connection.settings_dict, path, force=options["force"]
                )
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.code) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {outcome.tables} tables to {outcome.path} ({outcome.size:,} bytes)."
            )
        )
