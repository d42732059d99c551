"""Pages every visitor can reach: the crisis page, the health check and the error pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kindred.core.crisis import get_help_content

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
        cache.set("kindred:healthz", "ok", timeout=10)
        checks["cache"] = "ok" if cache.get("kindred:healthz") == "ok" else "failed"
    except Exception:
        logger.exception("Health check: the cache did not answer")
        checks["cache"] = "failed"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks}, status=200 if healthy else 503
    )


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


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: a failing context processor must not hide the page.
    return render(
        None,  # type: ignore[arg-type]
        "core/error.html",
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "quick_exit_url": settings.KINDRED_QUICK_EXIT_URL,
            "status": 500,
            "title": "Something went wrong on our side",
            "message": "We have been told about it. Please try again in a moment.",
        },
        status=500,
    )
