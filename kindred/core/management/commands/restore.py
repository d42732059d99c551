"""``manage.py restore PATH --yes``: replace the database with a backup made by ``backup``.

Stop the web processes and the worker first. Refuses to overwrite a database that has tables
unless ``--yes`` (or ``--force``) is given. Exit codes: kindred.core.backup.ExitCode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kindred.core import backup


class Command(BaseCommand):
    help = (
        "Replace the whole database with the backup at PATH (made by manage.py backup). "
        "Stop the site and the worker first."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--yes",
            "--force",
            dest="yes",
            action="store_true",
            help="Overwrite the current database (required when it has any tables).",
        )
        parser.add_argument("--database", default="default", help="Which database (default).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]).expanduser()
        connection = connections[options["database"]]
        try:
            engine = backup.engine_of(connection.settings_dict)
            backup.check_source(path, engine)
            tables = connection.introspection.table_names()
            if tables and not options["yes"]:
                raise backup.BackupError(
                    f"The database {connection.settings_dict['NAME']} has {len(tables)} tables "
                    "and restoring replaces all of them. Run again with --yes to do it.",
                    backup.ExitCode.REFUSED,
                )
            if engine == backup.SQLITE_ENGINE:
                connection.ensure_connection()
                outcome = backup.restore_sqlite(connection.connection, path)
            else:
                connection.close()  # pg_restore drops the tables: hold no locks on them
                outcome = backup.restore_postgres(connection.settings_dict, path)
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.code) from None
        self.stdout.write(
            self.style.SUCCESS(f"Restored {outcome.tables} tables from {outcome.path}.")
        )
