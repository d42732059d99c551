"""A small fixed-window rate limiter on the shared cache (Redis, or the database cache).

Atomic on both: on Redis, add() and incr() are single commands. On the database cache,
incr() is a read followed by a write, so parallel requests could lose counts and let more
through than the limit; there each allowed hit claims a numbered slot with add(), an INSERT
that the cache table's unique key makes atomic, so at most ``limit`` hits ever succeed.

Fails closed: if the cache cannot be reached, the hit is refused (and logged), and the rest
of the site carries on.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for ``identity`` in ``scope``; False once ``limit`` hits fill the window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{identity}:{window}"
    timeout = window_seconds + 1
    try:
        if _has_atomic_incr():
            return _count(key, limit, timeout)
        return _claim_slot(key, limit, timeout)
    except Exception as error:  # any cache failure: refuse rather than let everything through
        logger.warning(
            "Rate limit %s refused a request: the cache is unavailable (%s).",
            scope,
            type(error).__name__,
        )
        return False


def allow_member(scope: str, member_id: object, setting: str) -> bool:
    """``allow()`` for one member, with the (limit, window) pair named by ``setting``."""
    limit, window = getattr(settings, setting)
    return allow(scope, str(member_id), limit, window)


SLOW_DOWN = "You are going a little fast. Wait a moment and try again."


def _has_atomic_incr() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return backend.endswith(("RedisCache", "LocMemCache"))


def _count(key: str, limit: int, timeout: int) -> bool:
    if cache.add(key, 1, timeout=timeout):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return True
    return count <= limit


def _claim_slot(key: str, limit: int, timeout: int) -> bool:
    # "next" is only a hint to start near the first free slot; slots are what count.
    start = cache.get(f"{key}:next") or 1
    for slot in range(max(1, int(start)), limit + 1):
        if cache.add(f"{key}:{slot}", 1, timeout=timeout):
            cache.set(f"{key}:next", slot + 1, timeout=timeout)
            return True
    return False
