"""Who may open the learning program: the membership rule, in one place for this app.

``kindred.memberships.access`` decides (verified email and an active membership); this module
only adapts it to Wagtail's ``serve`` and to the JSON autosave endpoint (docs/learning.md).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from kindred.accounts import selectors as account_selectors
from kindred.memberships import access as membership_access


def can_learn(user: Any) -> bool:
    """True when the person may open modules and lessons and save their own work: the
    membership rule itself, under the name this app reads best with."""
    return membership_access.has_active_membership(user)


def refusal(request: HttpRequest) -> HttpResponse | None:
    """None when the request may see the program; otherwise where to send the person:
    sign in and come back (``next``), verify their email, or the join page."""
    return membership_access.member_access_response(request)


def has_safety_concern(user: Any) -> bool:
    """True when the member's safety screen raised a concern (the safety module comes first)."""
    return account_selectors.has_safety_concern(user)
