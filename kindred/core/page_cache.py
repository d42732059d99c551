"""The page cache for visitors: public pages as anonymous visitors see them, whole.

A visitor at 2 a.m. gets the article from the cache (Redis, or the database cache on SQLite)
without a query, a template or a session; a signed-in person always gets a fresh page.

A response is stored, and marked ``Cache-Control: public, s-maxage=…`` with an ``ETag`` and a
``Last-Modified`` for a proxy or CDN, only when every one of these holds:

- the request is a GET (HEAD is answered from a stored GET) on a path outside the member,
  account, admin, API and coach areas, with no cookie other than the CSRF cookie: no session
  (so nobody signed in, no preview), no messages, nothing that could change the bytes;
- the response is a 200, not streaming, sets no cookie (a form with a CSRF token sets one), has
  no ``private``/``no-store``/``no-cache`` (members-only pages send ``private, no-store``) and
  no CSP nonce (an inline or nonce-bearing script would be the same for everyone).

One cache read per hit: the page's entry (generation, body and headers together) and the
current generation come back in one ``get_many`` (one Redis ``MGET``, one SQL query on the
database cache). The answer is built from the stored headers as they are; the ETag is compared
only when the request sends ``If-None-Match`` or ``If-Modified-Since``.

Purging: every entry carries the generation it was stored under, and is served only while that
is still the current one; publishing, unpublishing, moving or deleting a page, or saving
content, images, redirects or sites, moves the generation on (``purge_all``), so the next
request renders afresh (and overwrites the entry). A page rendered before a purge and stored
after it carries the old generation, so it is never served. Pages depend on one another
(home, listings, related articles), so the whole site goes, which is cheap: the cache refills
one page per first visit. For a proxy or CDN in front, Wagtail's
``wagtail.contrib.frontend_cache`` purges the page's own URLs and ``s-maxage`` bounds how long
listings can lag (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = (
    "/my/",
    "/accounts/",
    "/admin/",
    "/django-admin/",
    "/api/",
    "/coach/",
    "/learn/",
    "/healthz",
    "/documents/",
    "/media/",
    "/questions/ask/",
    "/email/",
)
NOT_SHARED = ("private", "no-store", "no-cache")
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
    "Link",
)


# Each worker process keeps its last hits in memory (``LocalCopy``): a hit then costs no cache
# round trip at all. The shared generation is asked again after KINDRED_PAGE_CACHE_LOCAL_SECONDS,
# so a purge made by another process reaches this one within that time (a purge made here, at
# once).
LOCAL_MAX_BYTES = 32 * 1024 * 1024
LOCAL_MAX_ENTRIES = 512
_clock = time.monotonic  # tests move it on


class LocalCopy:
    """The pages this process served last, each with the generation it was stored under."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self._bytes = 0
        self._generation: int | None = None
        self._generation_until = 0.0

    def generation(self) -> int | None:
        """The shared generation seen less than KINDRED_PAGE_CACHE_LOCAL_SECONDS ago, or None."""
        if self._generation is not None and _clock() < self._generation_until:
            return self._generation
        return None

    def saw_generation(self, gen: int) -> None:
        seconds = float(getattr(settings, "KINDRED_PAGE_CACHE_LOCAL_SECONDS", 1))
        with self._lock:
            if gen != self._generation:
                self._entries.clear()  # a purge: every copy is stale
                self._bytes = 0
            self._generation = gen
            self._generation_until = _clock() + seconds

    def get(self, key: str, gen: int) -> tuple[bytes, dict[str, str]] | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] != gen:
            return None
        return entry[1], entry[2]

    def put(self, key: str, entry: tuple[int, bytes, dict[str, str]]) -> None:
        if entry[0] != self._generation or len(entry[1]) > LOCAL_MAX_BYTES // 8:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            while self._entries and (
                len(self._entries) >= LOCAL_MAX_ENTRIES
                or self._bytes + len(entry[1]) > LOCAL_MAX_BYTES
            ):
                oldest = next(iter(self._entries))
                self._bytes -= len(self._entries.pop(oldest)[1])
            self._entries[key] = entry
            self._bytes += len(entry[1])

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._generation = None
            self._generation_until = 0.0


local_copy = LocalCopy()


def page_cache_seconds() -> int:
    return int(getattr(settings, "KINDRED_PAGE_CACHE_SECONDS", 0))


def proxy_seconds() -> int:
    return int(getattr(settings, "KINDRED_PAGE_CACHE_PROXY_SECONDS", 60))


def request_is_cacheable(request: HttpRequest) -> bool:
    """A GET/HEAD for a public path from someone with no session or other cookie."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in NOT_SHARED):
        return False
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if "nonce-" in response.get(header, ""):
            return False
    return True


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(time.time() * 1000)
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def purge_all(**_: Any) -> None:
    """Forget every stored page (a new generation) once the current transaction commits.

    After the commit, not before: a request between the purge and the commit would store the
    old page again. Several changes in one transaction purge once. Safe from any signal, even
    during migrations (before the cache table exists, a purge is simply skipped).
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _purge_now for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_purge_now)


def _purge_now() -> None:
    local_copy.forget()
    try:
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)
    except DatabaseError:
        # The database cache's table does not exist yet: a data migration published a page on
        # a fresh database. Nothing is cached yet either, so there is nothing to purge.
        logger.debug("The page cache has no table yet; nothing to purge")
    except Exception:  # the TTL still bounds how long a stale page can be served
        logger.warning("The page cache could not be purged", exc_info=True)


def cache_key(request: HttpRequest) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{hashlib.sha256(raw.encode()).hexdigest()}"


def mark_public(response: HttpResponseBase) -> None:
    """Headers that let a proxy or CDN keep the page, and a browser revalidate it cheaply."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=proxy_seconds())
    # The bytes are the same whatever the cookie (we only store cookie-less answers); the proxy
    # still bypasses its cache for a session cookie (deploy/nginx.conf).
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    if vary:
        del response["Vary"]
        remaining = [v for v in vary if v.lower() != "cookie"]
        if remaining:
            patch_vary_headers(response, remaining)
    if isinstance(response, HttpResponse) and not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()


class PageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring).

    Sits after WhiteNoise and before the session middleware: a hit skips sessions,
    authentication, CSRF and the view; the outer middleware (security headers, CSP) still
    runs on every answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request_is_cacheable(request):
            return self.get_response(request)
        seconds = page_cache_seconds()
        if seconds <= 0:
            return self._fresh(request, "", 0, 0)
        key = cache_key(request)
        local_gen = local_copy.generation()
        if local_gen is not None:
            copied = local_copy.get(key, local_gen)
            if copied is not None:  # no cache round trip at all
                return self._answer(request, copied[0], copied[1])
        try:
            found = cache.get_many((GENERATION_KEY, key))
            gen = found.get(GENERATION_KEY)
            if gen is None:
                gen = generation()
        except Exception:  # the cache is down: serve the page without it
            logger.warning("The page cache is unavailable; serving without it")
            return self._fresh(request, "", 0, 0)
        gen = int(gen)
        local_copy.saw_generation(gen)
        stored = found.get(key)
        if type(stored) is tuple and len(stored) == 3 and stored[0] == gen:
            local_copy.put(key, stored)
            return self._answer(request, stored[1], stored[2])
        return self._fresh(request, key, gen, seconds)

    def _fresh(self, request: HttpRequest, key: str, gen: int, seconds: int) -> HttpResponseBase:
        """Render the page; store it under ``key`` (tagged with ``gen``) if it may be shared."""
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return response
        mark_public(response)
        if key and request.method == "GET" and isinstance(response, HttpResponse):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
            for name in ("Cache-Control", "ETag", "Last-Modified"):
                headers[name] = response[name]
            headers["X-Kindred-Cache"] = "hit"
            entry = (gen, response.content, headers)
            local_copy.put(key, entry)
            try:
                cache.set(key, entry, timeout=seconds)
            except Exception:
                logger.warning("The page cache is unavailable; the page was not stored")
        if not isinstance(response, HttpResponse):
            return response
        return (
            get_conditional_response(
                request, etag=response.get("ETag"), last_modified=None, response=response
            )
            or response
        )

    @staticmethod
    def _answer(request: HttpRequest, content: bytes, headers: dict[str, str]) -> HttpResponseBase:
        """The stored page, with its stored headers (Cache-Control included) as they are."""
        if request.method == "HEAD":
            response = HttpResponse(b"", headers=headers)
            response["Content-Length"] = str(len(content))
        else:
            response = HttpResponse(content, headers=headers)
        meta = request.META
        if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
            return (
                get_conditional_response(
                    request, etag=headers.get("ETag"), last_modified=None, response=response
                )
                or response
            )
        return response
