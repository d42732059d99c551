"""The toolkit's scale data for benchmarks: tracker days (``manage.py seed_scale``).

Registered as seed_scale's ``SCALE_DATA`` hook (kindred/toolkit/wagtail_hooks.py). It adds
``--tracker-days`` days in all (1,000,000 by default): the demo member (``member@example.com``,
whose pages the benchmarks open) gets three years of days, every seeded member an equal
share of the rest, each a run of consecutive days ending yesterday. Made-up answers from the
built-in tags; notes are empty, but sealed per row like any note (the export opens them).

On PostgreSQL the rows go in with ``COPY`` (1,000,000 rows in about a minute); elsewhere with
``bulk_create`` in batches. Idempotent: members who already have days get no more.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kindred.core.encryption import keyring
from kindred.core.fields import Sealed, binding
from kindred.toolkit.models import TrackerDay, Used
from kindred.toolkit.tags import BUILT_IN

TRACKER_DAYS = 1_000_000
DEMO_MEMBER = "member@example.com"
DEMO_MEMBER_DAYS = 3 * 365
BATCH = 5_000
COLUMNS = ("id", "member_id", "created_at", "updated_at", "day", "used", "tags", "between_us")


def _plan(member_ids: list[int], total: int, demo_id: int | None) -> list[tuple[int, int]]:
    """(member id, number of days) for each member, ``total`` days in all."""
    plan: list[tuple[int, int]] = []
    if demo_id is not None and total > 0:
        plan.append((demo_id, min(total, DEMO_MEMBER_DAYS)))
        total -= plan[0][1]
    others = [m for m in member_ids if m != demo_id]
    if others and total > 0:
        share, extra = divmod(total, len(others))
        plan += [(m, share + (1 if i < extra else 0)) for i, m in enumerate(others)]
    return [(m, n) for m, n in plan if n > 0]


def _rows(
    plan: list[tuple[int, int]], taken: dict[int, set[dt.date]], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    """One tuple per day: the COLUMNS, then the sealed empty note."""
    tag_ids = [tag.id for tag in BUILT_IN]
    used = [Used.NO, Used.NO, Used.NO, Used.YES, Used.UNKNOWN]
    now = timezone.now()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    ring = keyring()
    for member_id, count in plan:
        skip = taken.get(member_id, set())
        day = yesterday
        made = 0
        while made < count:
            if day not in skip:
                pk = uuid.uuid4()
                note = ring.seal("", binding(TrackerDay, "note", pk))
                tags = rng.sample(tag_ids, k=rng.randint(0, 3))
                between_us = rng.randint(1, 5) if rng.random() < 0.7 else None
                yield (pk, member_id, now, now, day, rng.choice(used), tags, between_us, note)
                made += 1
            day -= dt.timedelta(days=1)


def _copy(rows: Iterator[tuple[Any, ...]]) -> int:
    """PostgreSQL: stream the rows with COPY (no per-row INSERT)."""
    table = TrackerDay._meta.db_table
    columns = ", ".join([*COLUMNS, "note"])
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row[:6], json.dumps(row[6]), *row[7:]))
                written += 1
    return written


def _bulk(rows: Iterator[tuple[Any, ...]]) -> int:
    written = 0
    batch: list[TrackerDay] = []
    for pk, member_id, now, _, day, used, tags, between_us, note in rows:
        entry = TrackerDay(
            pk=pk,
            member_id=member_id,
            day=day,
            used=used,
            tags=tags,
            between_us=between_us,
            note=Sealed(note),  # sealed for this row already: stored as it is
        )
        entry.created_at = entry.updated_at = now
        batch.append(entry)
        if len(batch) >= BATCH:
            TrackerDay.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    TrackerDay.objects.bulk_create(batch)
    return written + len(batch)


def seed_tracker_days(member_ids: list[int], options: dict[str, Any], stdout: Any) -> None:
    """seed_scale's hook: ``options["tracker_days"]`` days, members and demo member."""
    from kindred.accounts.models import User

    total = int(options.get("tracker_days", TRACKER_DAYS))
    demo_id = User.objects.filter(email=DEMO_MEMBER).values_list("pk", flat=True).first()
    plan = _plan(member_ids, total, demo_id)
    # Members who already have any day are left alone (a second run adds nothing), except the
    # demo member, whose demo days are kept and stepped around.
    has_days = set(
        TrackerDay.objects.filter(member__email__endswith="@scale.invalid")
        .values_list("member_id", flat=True)
        .distinct()
    )
    taken: dict[int, set[dt.date]] = {}
    if demo_id is not None:
        demo_days = list(TrackerDay.objects.filter(member_id=demo_id).values_list("day", flat=True))
        taken[demo_id] = set(demo_days)
        if len(demo_days) >= DEMO_MEMBER_DAYS:
            has_days.add(demo_id)
    plan = [(m, n) for m, n in plan if m not in has_days]
    started = time.monotonic()
    rng = random.Random(options.get("seed", 10))  # noqa: S311 (made-up answers, not secrets)
    rows = _rows(plan, taken, rng)
    with transaction.atomic():
        written = _copy(rows) if connection.vendor == "postgresql" else _bulk(rows)
    stdout.write(
        f"Tracker days: {written} added over {len(plan)} members "
        f"in {time.monotonic() - started:.0f}s ({total} asked for)."
    )
