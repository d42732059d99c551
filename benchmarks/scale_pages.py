"""p50/p95 of the pages issue 10 names, rendered in-process, on whatever DATABASE_URL holds.

Meant for the scale data (``load_demo`` then ``seed_scale`` on PostgreSQL): each page is asked
for ``--repeat`` times through Django's test client with the page cache off (so Django renders
every request), after one warm-up request; prints p50, p95, SQL queries per request and the
load average, since the figures move with the machine's load. No HTTP server, no concurrency:
this measures the work one request does, which is what grows with the data.

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale \
        python benchmarks/scale_pages.py --repeat 20

To time another version of Kindred on the same data, put its tree first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--member", default="member@example.com")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django
    from django.conf import settings

    django.setup()
    settings.KINDRED_PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kindred.accounts.models import User

    # Django empties the query log when a request starts; keep it, to count one request's.
    request_started.disconnect(reset_queries)
    from kindred.content.models import ArticlePage
    from kindred.content.selectors import related_articles
    from kindred.learning.models import LessonPage

    article = ArticlePage.objects.live().filter(members_only=False).order_by("-pk").first()
    lesson = LessonPage.objects.live().order_by("path").first()
    member = User.objects.get(email=arguments.member)
    visitor, signed_in = Client(), Client()
    signed_in.force_login(member)
    assert article is not None and lesson is not None

    def page(client: Client, url: str) -> Any:
        def run() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    def related() -> None:
        from django.contrib.auth.models import AnonymousUser

        related_articles(article, AnonymousUser())

    probes = [
        ("related articles (selector)", related),
        ("article (rendered)", page(visitor, article.url)),
        ("search 'calm' (every article)", page(visitor, "/search/?q=calm")),
        ("search 'calm evening'", page(visitor, "/search/?q=calm+evening")),
        # seed_scale's made-up words are in nearly every article; a real word is in a few.
        ("search 'naloxone' (rendered)", page(visitor, "/search/?q=naloxone")),
        ("article index", page(visitor, "/articles/")),
        ("member home", page(signed_in, "/my/")),
        ("lesson", page(signed_in, lesson.url)),
        ("toolkit", page(signed_in, "/toolkit/")),
        ("tracker month", page(signed_in, "/toolkit/tracker/")),
    ]
    print(
        f"{ArticlePage.objects.count()} articles, {User.objects.count()} people,",
        connection.vendor,
    )
    for name, probe in probes:
        probe()  # warm-up
        reset_queries()  # the log keeps at most 9,000 queries: a full one counts nothing
        with CaptureQueriesContext(connection) as queries:
            probe()
        query_count = len(queries)  # now: it reads the log, which the loop below empties
        timings = []
        for _ in range(arguments.repeat):
            started = time.perf_counter()
            probe()
            timings.append((time.perf_counter() - started) * 1000)
            reset_queries()
        load = os.getloadavg()[0]
        print(
            f"{name:<30} p50 {statistics.median(timings):8.1f} ms  p95 "
            f"{_percentile(timings, 0.95):8.1f} ms  {query_count:3d} queries  load {load:.1f}"
        )


if __name__ == "__main__":
    main()
