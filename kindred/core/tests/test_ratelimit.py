"""The rate limiter: atomic on the database cache, closed when the cache is down (finding 7)."""

import threading

import pytest
from django.db import connection

from kindred.core import ratelimit
from kindred.core.ratelimit import allow


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need a shared database; SQLite's in-memory test database is not. "
    "CI runs this on PostgreSQL.",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_clients_never_get_past_the_limit_on_the_database_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kindred_cache",
            "KEY_PREFIX": "ratelimit-test",
        }
    }
    from django.core.cache import caches
    from django.core.management import call_command

    # With REDIS_URL set (as in CI) no migration made the database cache's table.
    call_command("createcachetable", "kindred_cache")
    caches["default"].clear()
    allowed = []
    barrier = threading.Barrier(6)

    def client():
        barrier.wait()
        got = sum(allow("parallel", "member-1", 60, 600) for _ in range(15))
        allowed.append(got)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(allowed) == 60  # 90 calls, limit 60: exactly 60 through


def test_the_limit_holds_one_client_at_a_time(db):
    results = [allow("serial", "member-2", 5, 600) for _ in range(8)]
    assert results == [True] * 5 + [False] * 3


def test_the_limit_fails_closed_when_the_cache_is_down(monkeypatch, db):
    class DownCache:
        def __getattr__(self, name):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(ratelimit, "cache", DownCache())
    assert allow("down", "member-3", 100, 60) is False


def test_allauth_sees_the_client_behind_our_proxy(rf, settings):
    from allauth.core.internal.httpkit import get_client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert get_client_ip(request) == "198.51.100.7"
