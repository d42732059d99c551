"""A worker for the SQLite concurrency test and benchmark: many read-then-write transactions.

Run as ``python -m benchmarks.sqlite_probe N [--django-defaults]`` with DATABASE_URL pointing
at a SQLite file. Prints one JSON line: how many transactions succeeded and how many failed
with "database is locked".
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    if "--django-defaults" in sys.argv:
        # What Django does out of the box: deferred transactions, a 5 s timeout, no WAL.
        settings.DATABASES["default"]["OPTIONS"] = {}
    django.setup()
    from django.db import OperationalError, connection, transaction

    count = int(sys.argv[1])
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, n INTEGER)")
        cursor.execute("INSERT OR IGNORE INTO probe (id, n) VALUES (1, 0)")
    ok = locked = 0
    for _ in range(count):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT n FROM probe WHERE id = 1")
                (value,) = cursor.fetchone()
                cursor.execute("UPDATE probe SET n = %s WHERE id = 1", [value + 1])
            ok += 1
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            locked += 1
    print(json.dumps({"ok": ok, "locked": locked}))


if __name__ == "__main__":
    main()
