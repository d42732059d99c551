"""Several processes write to one SQLite file at once; none may see "database is locked"."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROCESSES = 6
TRANSACTIONS_EACH = 60


def test_concurrent_read_then_write_transactions_never_fail(tmp_path):
    database = tmp_path / "concurrency.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("REDIS_URL", None)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.sqlite_probe", str(TRANSACTIONS_EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert sum(r["locked"] for r in results) == 0
    assert sum(r["ok"] for r in results) == PROCESSES * TRANSACTIONS_EACH
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        # Every increment survived: no lost updates between the read and the write.
        assert conn.execute("SELECT n FROM probe").fetchone() == (PROCESSES * TRANSACTIONS_EACH,)
