"""Compares Django's default SQLite settings with Kindred's under concurrent writers.

Prints, for each configuration, how many read-then-write transactions failed with
"database is locked" and how long the run took. Usage: python benchmarks/sqlite_concurrency.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = 8
TRANSACTIONS_EACH = 200


def run(extra: list[str]) -> tuple[int, int, float]:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        env.pop("REDIS_URL", None)
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "benchmarks.sqlite_probe", str(TRANSACTIONS_EACH), *extra],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(PROCESSES)
        ]
        results = [json.loads(w.communicate()[0].strip().splitlines()[-1]) for w in workers]
        elapsed = time.perf_counter() - started
    return sum(r["ok"] for r in results), sum(r["locked"] for r in results), elapsed


def main() -> None:
    total = PROCESSES * TRANSACTIONS_EACH
    print(f"{PROCESSES} processes x {TRANSACTIONS_EACH} read-then-write transactions = {total}")
    for name, extra in [
        ("Django defaults", ["--django-defaults"]),
        ("Kindred (WAL, IMMEDIATE)", []),
    ]:
        ok, locked, elapsed = run(extra)
        print(f"{name:<26} ok={ok:>5}  locked={locked:>5} ({locked / total:.1%})  {elapsed:.1f}s")


if __name__ == "__main__":
    main()
