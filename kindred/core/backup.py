"""Backing up and restoring the database (``manage.py backup`` / ``manage.py restore``).

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the live database
page by page into a new file; a write during the copy makes it start again, so the copy is
always one consistent state, taken while the site runs. Restoring copies the other way, in
one step, under SQLite's write lock.

PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot, taken while the site runs) and
``pg_restore --clean --if-exists --single-transaction`` (all or nothing). Both run without a
shell; the password goes to them in ``PGPASSWORD``, never on the command line.

Every failure is a ``BackupError`` with a sentence for the operator and an exit code
(``ExitCode``), never a traceback. Uploaded files (``MEDIA_ROOT``) are not in the database:
back them up separately (docs/deployment.md).
"""

from __future__ import annotations

import enum
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQLITE_ENGINE = "django.db.backends.sqlite3"
POSTGRES_ENGINE = "django.db.backends.postgresql"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class ExitCode(enum.IntEnum):
    """What ``manage.py backup`` and ``restore`` exit with (documented in docs/deployment.md)."""

    OK = 0
    BAD_PATH = 2  # the file is missing, or already there without --force, or not writable
    WRONG_ENGINE = 3  # the database, or the backup file, is of a kind this cannot handle
    TOOL_MISSING = 4  # pg_dump / pg_restore are not installed
    FAILED = 5  # the copy itself failed (the tool's or SQLite's message is shown)
    REFUSED = 6  # restore would overwrite the database and --yes was not given


class BackupError(Exception):
    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Outcome:
    path: Path
    size: int
    tables: int


def engine_of(db: dict[str, Any]) -> str:
    engine = str(db.get("ENGINE", ""))
    if engine not in {SQLITE_ENGINE, POSTGRES_ENGINE}:
        raise BackupError(
            f"The database engine {engine or '(none)'} is not supported: backup and restore "
            "handle SQLite and PostgreSQL.",
            ExitCode.WRONG_ENGINE,
        )
    return engine


def kind_of_file(path: Path) -> str:
    """ "sqlite", "pg_dump" or "unknown", from the file's first bytes."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "pg_dump"
    return "unknown"


def check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise BackupError(
            f"{path} is a folder: give the name of the file to write.", ExitCode.BAD_PATH
        )
    if path.exists() and not force:
        raise BackupError(
            f"{path} already exists. Choose another name, or add --force to replace it.",
            ExitCode.BAD_PATH,
        )
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.", ExitCode.BAD_PATH)
    if not os.access(path.parent, os.W_OK):
        raise BackupError(f"The folder {path.parent} cannot be written to.", ExitCode.BAD_PATH)


def check_source(path: Path, engine: str) -> None:
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.", ExitCode.BAD_PATH)
    kind = kind_of_file(path)
    wanted = "sqlite" if engine == SQLITE_ENGINE else "pg_dump"
    if kind == wanted:
        return
    described = {
        "sqlite": "an SQLite database",
        "pg_dump": "a PostgreSQL backup (pg_dump)",
        "unknown": "neither an SQLite database nor a pg_dump backup in the custom format",
    }[kind]
    database = "SQLite" if engine == SQLITE_ENGINE else "PostgreSQL"
    raise BackupError(
        f"{path} is {described}; this site's database is {database}.", ExitCode.WRONG_ENGINE
    )


# --- SQLite ------------------------------------------------------------------------------------


def sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows]


def backup_sqlite(live: sqlite3.Connection, path: Path, *, force: bool) -> Outcome:
    """Copy the open database ``live`` into a new file at ``path`` (online, consistent)."""
    check_target(path, force=force)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            live.backup(copy)  # one step: a consistent snapshot of the whole database
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            tables = len(sqlite_tables(copy))
        finally:
            copy.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"SQLite could not copy the database: {error}.", ExitCode.FAILED
        ) from None
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed SQLite's integrity check: {verdict}.", ExitCode.FAILED)
    partial.replace(path)  # the name appears only once the copy is whole
    return Outcome(path=path, size=path.stat().st_size, tables=tables)


def restore_sqlite(live: sqlite3.Connection, path: Path) -> Outcome:
    """Replace the whole content of the open database ``live`` with the backup at ``path``."""
    check_source(path, SQLITE_ENGINE)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(
                    f"{path} fails SQLite's integrity check ({verdict}); nothing was restored.",
                    ExitCode.FAILED,
                )
            if "django_migrations" not in sqlite_tables(source):
                raise BackupError(
                    f"{path} is an SQLite database but not a Kindred backup (it has no "
                    "django_migrations table); nothing was restored.",
                    ExitCode.WRONG_ENGINE,
                )
            source.backup(live)  # one step, under the write lock: all of it or nothing
        finally:
            source.close()
        tables = len(sqlite_tables(live))
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore {path}: {error}.", ExitCode.FAILED) from None
    return Outcome(path=path, size=path.stat().st_size, tables=tables)


# --- PostgreSQL --------------------------------------------------------------------------------


def postgres_command(tool: str, db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The tool's path and connection arguments, and an environment carrying the password."""
    found = shutil.which(tool)
    if found is None:
        raise BackupError(
            f"{tool} is not installed (or not on PATH). Install the PostgreSQL client tools of "
            "the server's major version, e.g. apt-get install postgresql-client.",
            ExitCode.TOOL_MISSING,
        )
    args = [found, "--no-password"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 (fixed tool, arguments as a list, no shell)
            args, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise BackupError(
            f"{args[0]} could not be started: {error}.", ExitCode.TOOL_MISSING
        ) from None
    if result.returncode != 0:
        message = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(f"{what} failed: {message}", ExitCode.FAILED)


def backup_postgres(db: dict[str, Any], path: Path, *, force: bool) -> Outcome:
    check_target(path, force=force)
    args, env = postgres_command("pg_dump", db)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _run(
            [*args, "--format=custom", "--file", str(partial), "--dbname", str(db["NAME"])],
            env,
            "pg_dump",
        )
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return Outcome(path=path, size=path.stat().st_size, tables=_dump_tables(path, env))


def _dump_tables(path: Path, env: dict[str, str]) -> int:
    """How many tables the dump holds (from pg_restore --list), 0 if it cannot tell."""
    tool = shutil.which("pg_restore")
    if tool is None:
        return 0
    listing = subprocess.run(  # noqa: S603 (fixed tool, arguments as a list, no shell)
        [tool, "--list", str(path)], env=env, capture_output=True, text=True, check=False
    )
    return sum(" TABLE DATA " in line for line in listing.stdout.splitlines())


def restore_postgres(db: dict[str, Any], path: Path) -> Outcome:
    check_source(path, POSTGRES_ENGINE)
    args, env = postgres_command("pg_restore", db)
    _run(
        [
            *args,
            "--clean",
            "--if-exists",
            "--single-transaction",  # all of it or nothing
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            str(db["NAME"]),
            str(path),
        ],
        env,
        "pg_restore",
    )
    return Outcome(path=path, size=path.stat().st_size, tables=_dump_tables(path, env))
