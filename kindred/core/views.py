"""Pages every visitor can reach: the crisis page, the health check and the error pages."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from kindred.core.get_help import content_without_database, get_help_content

logger = logging.getLogger(__name__)


@require_safe
def get_help(request: HttpRequest) -> HttpResponse:
    return render(request, "core/get_help.html", {"help": get_help_content()})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer; 503 naming what failed otherwise."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("Health check: the database did not answer")
        checks["database"] = "failed"
    try:
        # A read per probe; the key is written only when missing (a probe every few seconds
        # must not write to the database cache on SQLite).
        healthy_cache = cache.get("kindred:healthz") == "ok"
        if not healthy_cache:
            cache.set("kindred:healthz", "ok", timeout=None)
            healthy_cache = cache.get("kindred:healthz") == "ok"
        checks["cache"] = "ok" if healthy_cache else "failed"
    except Exception:
        logger.exception("Health check: the cache did not answer")
        checks["cache"] = "failed"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks}, status=200 if healthy else 503
    )


# Images only: documents go through Wagtail's /documents/ view, which checks collection privacy.
PUBLIC_MEDIA_PREFIXES = ("images/", "original_images/")


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded image from MEDIA_ROOT, when no proxy serves /media/ (settings.SERVE_MEDIA).

    Renditions have content-derived names, so browsers and proxies may keep them a day.
    """
    if not path.startswith(PUBLIC_MEDIA_PREFIXES):
        raise Http404
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request, 400, "Something in that request was not right", "Please go back and try again."
    )


def refused_input(request: HttpRequest, reason: str) -> HttpResponse:
    """A 400 that says what was wrong with the request (JSON under /api/)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": reason}, status=400)
    return _error_page(request, 400, "Something in that request was not right", reason)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        403,
        "This page is not open to you",
        "If you think you should be able to see it, sign in with the right account.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        "We could not find that page",
        "It may have moved, or the address may have a typo.",
    )


# The database cannot be reached (restarting, overloaded, locked): the request may succeed in
# a moment, so it is a 503 with Retry-After, not a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or a 503 when the database is unavailable; JSON under /api/.

    Django calls this while handling the exception, so ``sys.exception()`` is the failure.
    Rendered without the request context (a failing context processor must not hide the page)
    and with the crisis numbers on the page itself: /get-help/ may be failing too.
    """
    unavailable = isinstance(sys.exception(), DATABASE_UNAVAILABLE)
    status = 503 if unavailable else 500
    if unavailable:
        title = "Kindred is unavailable for a moment"
        message = "Please try again in a few seconds. Nothing you saved has been lost."
    else:
        title = "Something went wrong on our side"
        message = "We have been told about it. Please try again in a moment."
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": f"{title}. {message}"}, status=status)
    else:
        response = render(
            None,  # type: ignore[arg-type]
            "core/error.html",
            {
                "site_name": settings.WAGTAIL_SITE_NAME,
                "quick_exit_url": settings.KINDRED_QUICK_EXIT_URL,
                "status": status,
                "title": title,
                "message": message,
                "help": content_without_database(),
            },
            status=status,
        )
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
