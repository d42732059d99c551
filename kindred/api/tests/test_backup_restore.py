"""manage.py backup / restore: a round trip keeps every row and every encrypted value.

The round trip runs on whichever database the suite uses: SQLite (the test database, copied
to a file in tmp_path with the online backup API) and, in CI's second run, PostgreSQL
(pg_dump / pg_restore). Errors are sentences with an exit code, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kindred.accounts.models import Profile
from kindred.coach.models import PracticeDraft
from kindred.core import backup
from kindred.core.backup import ExitCode
from kindred.testing.models import PrivateNote

ROOT = Path(__file__).resolve().parents[3]
SQLITE = connection.vendor == "sqlite"


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the schema)
            counts[table] = cursor.fetchone()[0]
    return counts


def fail_code(*args: Any) -> int:
    with pytest.raises(CommandError) as raised:
        call_command(*args)
    return raised.value.returncode


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_keeps_every_row_and_every_encrypted_value(
    tmp_path: Path, alice: Any, bob: Any, capsys: Any
) -> None:
    print(f"round trip on {connection.vendor}")
    notes = {
        PrivateNote.objects.create(title=f"n{i}", body=f"He came home late, night {i}.").pk: i
        for i in range(40)
    }
    drafts = [
        PracticeDraft.objects.create(member=alice, title="Asking", text=f"I feel worried {i}")
        for i in range(5)
    ]
    profile, _ = Profile.objects.get_or_create(user=bob)
    profile.hopes = "That we can talk at dinner again."
    profile.save()
    bob_id = bob.pk
    before = row_counts()
    assert before["testing_privatenote"] == 40

    target = tmp_path / ("kindred.sqlite3" if SQLITE else "kindred.dump")
    call_command("backup", str(target))
    assert "Backed up" in capsys.readouterr().out
    assert target.stat().st_size > 0
    assert backup.kind_of_file(target) == ("sqlite" if SQLITE else "pg_dump")

    # Wipe and alter: delete rows, change an encrypted value, add a row.
    PrivateNote.objects.filter(title__in=["n1", "n2", "n3"]).delete()
    changed = PracticeDraft.objects.get(pk=drafts[0].pk)
    changed.text = "overwritten after the backup"
    changed.save()
    PrivateNote.objects.create(title="late", body="written after the backup")
    bob.delete()
    assert row_counts() != before

    assert fail_code("restore", str(target)) == ExitCode.REFUSED  # not without --yes
    call_command("restore", str(target), "--yes")
    assert "Restored" in capsys.readouterr().out

    assert row_counts() == before
    for note in PrivateNote.objects.all():
        assert note.body == f"He came home late, night {notes[note.pk]}."
    assert PracticeDraft.objects.get(pk=drafts[0].pk).text == "I feel worried 0"
    assert Profile.objects.get(user_id=bob_id).hopes == "That we can talk at dinner again."


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_to_replace_a_file_and_restore_checks_what_it_reads(
    tmp_path: Path, alice: Any
) -> None:
    existing = tmp_path / "existing.bak"
    existing.write_bytes(b"keep me")
    assert fail_code("backup", str(existing)) == ExitCode.BAD_PATH
    assert existing.read_bytes() == b"keep me"
    assert fail_code("backup", str(tmp_path / "missing-folder" / "x.bak")) == ExitCode.BAD_PATH
    assert fail_code("restore", str(tmp_path / "nothing-here.bak"), "--yes") == ExitCode.BAD_PATH

    garbage = tmp_path / "garbage.bak"
    garbage.write_bytes(b"this is not a database at all")
    assert fail_code("restore", str(garbage), "--yes") == ExitCode.WRONG_ENGINE
    other_kind = tmp_path / "other.bak"
    other_kind.write_bytes(backup.PG_DUMP_MAGIC + b"..." if SQLITE else backup.SQLITE_MAGIC)
    assert fail_code("restore", str(other_kind), "--yes") == ExitCode.WRONG_ENGINE
    assert PrivateNote.objects.count() == 0 and alice.pk  # the database was not touched


def test_a_missing_pg_dump_is_named(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda tool: None)
    db = {"ENGINE": backup.POSTGRES_ENGINE, "NAME": "kindred", "HOST": "db", "PASSWORD": "pw"}
    with pytest.raises(backup.BackupError, match="pg_dump is not installed") as raised:
        backup.backup_postgres(db, tmp_path / "k.dump", force=False)
    assert raised.value.code == ExitCode.TOOL_MISSING


def test_the_postgres_password_goes_in_the_environment_not_the_arguments(
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    db = {"NAME": "kindred", "HOST": "db", "PORT": 5433, "USER": "k", "PASSWORD": "s3cret"}
    args, env = backup.postgres_command("pg_dump", db)
    assert "s3cret" not in " ".join(args)
    assert env["PGPASSWORD"] == "s3cret"
    assert args[:2] == ["/usr/bin/pg_dump", "--no-password"]


def test_another_engine_is_refused() -> None:
    with pytest.raises(backup.BackupError) as raised:
        backup.engine_of({"ENGINE": "django.db.backends.mysql"})
    assert raised.value.code == ExitCode.WRONG_ENGINE


def test_an_sqlite_backup_is_consistent_while_the_site_writes(tmp_path: Path) -> None:
    """A file database in WAL mode, a writer moving money between two rows in transactions:
    every copy taken meanwhile is whole (integrity ok) and one state (the total holds)."""
    live_path = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(live_path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER)")
    setup.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY)")
    setup.executemany("INSERT INTO account VALUES (?, ?)", [(1, 1000), (2, 1000)])
    setup.commit()
    setup.close()
    stop = threading.Event()
    transfers = []

    def writer() -> None:
        conn = sqlite3.connect(live_path, timeout=20, isolation_level=None)
        done = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE account SET balance = balance - 1 WHERE id = 1")
            conn.execute("INSERT INTO django_migrations DEFAULT VALUES")
            conn.execute("UPDATE account SET balance = balance + 1 WHERE id = 2")
            conn.execute("COMMIT")
            done += 1
        transfers.append(done)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        live = sqlite3.connect(live_path, timeout=20)
        copies = []
        for n in range(5):
            outcome = backup.backup_sqlite(live, tmp_path / f"copy{n}.sqlite3", force=False)
            copies.append(outcome.path)
        live.close()
    finally:
        stop.set()
        thread.join()
    assert transfers[0] > 0
    for path in copies:
        copy = sqlite3.connect(path)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        total, moved = copy.execute(
            "SELECT SUM(balance), (SELECT COUNT(*) FROM django_migrations) FROM account"
        ).fetchone()
        first = copy.execute("SELECT balance FROM account WHERE id = 1").fetchone()[0]
        copy.close()
        assert total == 2000
        assert first == 1000 - moved  # rows of one transaction are all there or none
    assert not list(tmp_path.glob("*.partial"))


def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}", "DEBUG": "1"})
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "no-such.bak")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == ExitCode.BAD_PATH
    assert "There is no backup file at" in result.stderr
    assert "Traceback" not in result.stderr
