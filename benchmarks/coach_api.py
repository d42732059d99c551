"""Latency of POST /api/coach/analyze, measured through Django's full request stack.

Runs in-process (Django's test client: URL routing, middleware, session, authentication,
CSRF, rate limiting, the engine, JSON) against a fresh SQLite database with the database
cache, i.e. Kindred's default set-up without Redis. Prints p50, p95 and p99.

Usage: python benchmarks/coach_api.py [--requests N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from kindred.testing.factories import MembershipFactory, VerifiedUserFactory

    call_command("migrate", verbosity=0)
    settings.KINDRED_COACH_RATE_LIMIT = (10**9, 60)
    member = VerifiedUserFactory.create()
    MembershipFactory.create(user=member)
    client = Client()
    client.force_login(member)

    data = ROOT / "kindred" / "coach" / "engine" / "data" / "messages.jsonl"
    texts = [json.loads(line)["text"] for line in data.read_text().splitlines() if line.strip()]

    def call(text: str) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.post(
            "/api/coach/analyze", data=json.dumps({"text": text}), content_type="application/json"
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert response.status_code == 200, response.content
        return wall * 1000, cpu * 1000

    for text in texts[:50]:
        call(text)
    results = [call(texts[i % len(texts)]) for i in range(args.requests)]
    print(f"POST /api/coach/analyze, {args.requests} requests, SQLite + database cache")
    # Wall time includes waiting for the CPU on a shared machine; CPU time is the work done.
    for name, values in (("wall", [r[0] for r in results]), ("cpu", [r[1] for r in results])):
        values.sort()
        p = statistics.quantiles(values, n=100)
        print(
            f"{name:<4} p50 {p[49]:.2f} ms   p95 {p[94]:.2f} ms   p99 {p[98]:.2f} ms   "
            f"max {values[-1]:.2f} ms"
        )


if __name__ == "__main__":
    main()
