from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """What every page's shell needs; no database query."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "quick_exit_url": settings.KINDRED_QUICK_EXIT_URL,
        "draft_owner": draft_owner(request),
        # The member chose, on this device, that Quick exit also signs them out.
        "quick_exit_signs_out": bool(
            draft_owner(request) and request.COOKIES.get("kindred_quick_exit_sign_out") == "1"
        ),
    }


def draft_owner(request: HttpRequest) -> str:
    """An opaque, per-member name for the browser's draft copies ("" when signed out).

    Keyed with SECRET_KEY so the stored keys reveal neither the member's id nor their email.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"drafts:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:20]
