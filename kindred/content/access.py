"""Who may read members-only content: one function, so the rule lives in one place.

Every members-only check in Kindred's content (article pages, listings, related posts,
search) calls ``can_view_members_content``, which defers to the membership rule.
"""

from __future__ import annotations

from typing import Any

from kindred.memberships.access import has_active_membership


def can_view_members_content(user: Any) -> bool:
    """True when ``user`` may read members-only articles: an active member, or staff
    (who write and preview them)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff) or has_active_membership(user)
