"""A small fixed-window rate limiter on the shared cache (Redis, or the database cache)."""

from __future__ import annotations

import time

from django.core.cache import cache


def allow(scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for ``identity`` in ``scope``; False once ``limit`` hits fill the window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{identity}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds + 1)
        return True
    return count <= limit
