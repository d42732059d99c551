from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """What every page's shell needs; no database query."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "quick_exit_url": settings.KINDRED_QUICK_EXIT_URL,
    }
