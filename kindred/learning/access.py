"""Who may open the learning program, in one place.

Until the membership app lands this is "signed in and active"; afterwards it defers to
``kindred.memberships.access`` (docs/learning.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def can_learn(user: Any) -> bool:
    """True when the person may open modules and lessons and save their own work."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def refusal(request: HttpRequest) -> HttpResponse | None:
    """None when the request may see the program; otherwise where to send the person
    (sign in and come back; or the way to join)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_learn(request.user):
        from django.shortcuts import render

        return render(request, "learning/members_only.html", status=403)
    return None


def has_safety_concern(user: Any) -> bool:
    """True when the member's safety screen raised a concern (the safety module comes first)."""
    return False
