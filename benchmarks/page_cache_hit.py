"""Microseconds per page-cache hit: the middleware alone, on each cache backend available.

A visitor's request for a stored page goes through ``PageCacheMiddleware`` only (the view is
never called on a hit); this times that path with a 40 KB page, a warm cache and no network
between the process and the cache other than the local one. Prints one line per backend:
µs per hit, and how many cache round trips (``get``/``get_many`` calls) one hit made.

    python benchmarks/page_cache_hit.py                      # in-process memory cache
    REDIS_URL=redis://127.0.0.1:6379/0 python benchmarks/page_cache_hit.py   # and Redis

To time another version of Kindred on the same machine (before and after a change), put its
tree first: ``PYTHONPATH=/path/to/other/tree python benchmarks/page_cache_hit.py``.
Not run in CI; compare runs on the same machine, as the figures move with the machine's load.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH: see below
HITS = 2000


def _backends() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {
        "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    if os.environ.get("REDIS_URL"):
        found["redis"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "page-cache-benchmark",
        }
    return found


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    settings.CACHES = _backends()
    settings.KINDRED_PAGE_CACHE_SECONDS = 600
    settings.ALLOWED_HOSTS = ["*"]
    django.setup()
    from django.core.cache import caches
    from django.http import HttpResponse
    from django.test import RequestFactory

    from kindred.core import page_cache

    body = b"<p>" + b"A calm word at the right moment. " * 1200 + b"</p>"

    def view(_request: Any) -> HttpResponse:
        return HttpResponse(body, content_type="text/html; charset=utf-8")

    factory = RequestFactory()
    for alias in _backends():
        cache = caches[alias]
        cache.clear()
        page_cache.cache = cache  # the module's cache, for this backend
        middleware = page_cache.PageCacheMiddleware(view)
        first = middleware(factory.get("/articles/a-calm-word/"))
        assert "X-Kindred-Cache" not in first
        trips = depth = 0
        counted = ("get", "get_many")
        originals = {name: getattr(cache, name) for name in counted}

        def counting(name: str, originals: dict[str, Any] = originals) -> Any:
            def call(*args: Any, **kwargs: Any) -> Any:
                nonlocal trips, depth
                trips += depth == 0  # get_many may call get itself: one trip
                depth += 1
                try:
                    return originals[name](*args, **kwargs)
                finally:
                    depth -= 1

            return call

        for name in counted:
            setattr(cache, name, counting(name))
        hit = middleware(factory.get("/articles/a-calm-word/"))
        assert hit["X-Kindred-Cache"] == "hit", "the second request was not a hit"
        per_hit = trips
        for name in counted:
            setattr(cache, name, originals[name])
        requests = [factory.get("/articles/a-calm-word/") for _ in range(HITS)]
        started = time.perf_counter()
        for request in requests:
            middleware(request)
        elapsed = time.perf_counter() - started
        print(
            f"{alias:>6}: {elapsed / HITS * 1e6:7.1f} µs per hit "
            f"({per_hit} cache round trip{'s' if per_hit != 1 else ''} per hit, {HITS} hits)"
        )
        cache.clear()


if __name__ == "__main__":
    main()
