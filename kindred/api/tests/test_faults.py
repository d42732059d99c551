"""Fault tests: what members see when a service Kindred depends on is down or busy.

- Redis down (REDIS_URL pointing at a closed port): pages still answer 200, /healthz says
  503 naming the cache, and rate-limited actions are refused (fail closed).
- The same form sent 10 times at once (threads; PostgreSQL only): see the test's docstring.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


def take_redis_down(settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.KINDRED_PAGE_CACHE_SECONDS = 600  # the page cache is on, as in production
    with pytest.raises(Exception):  # noqa: B017 (any connection error will do)
        caches["default"].get("probe")


def test_with_redis_down_the_site_stays_up(
    settings: Any, client: Any, alice: Any, home_page: Any
) -> None:
    member = Client()
    member.force_login(alice)  # signed in before the outage
    assert client.get("/get-help/").status_code == 200  # its settings row exists, as in production
    take_redis_down(settings)
    for url in ("/", "/get-help/", "/accounts/login/"):
        assert client.get(url).status_code == 200, url
    for url in ("/my/", "/toolkit/", "/my/practice/", "/questions/ask/"):
        assert member.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"] == {"database": "ok", "cache": "failed"}


def test_with_redis_down_rate_limits_fail_closed(settings: Any, alice: Any, carol: Any) -> None:
    member, newcomer = Client(), Client()
    member.force_login(alice)
    newcomer.force_login(carol)
    take_redis_down(settings)
    coach = member.post(
        "/api/coach/analyze",
        {"text": "I feel worried when you come home late."},
        content_type="application/json",
    )
    assert coach.status_code == 429
    redeem = newcomer.post("/my/redeem/", {"code": "ABCD-EFGH"})
    assert redeem.status_code == 429
    assert b"Too many tries" in redeem.content
