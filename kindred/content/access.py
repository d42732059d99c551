"""Who may read members-only content: one function, so the rule lives in one place.

Every members-only check in Kindred (article pages, listings, related posts, search) calls
``can_view_members_content``. The membership app replaces its body with the real
active-membership check; nothing else needs to change when it does.
"""

from __future__ import annotations

from typing import Any


def can_view_members_content(user: Any) -> bool:
    """True when ``user`` may read members-only articles.

    For now every signed-in account counts as a member. The membership work will make this
    "has an active membership" (and keep staff able to preview).
    """
    return bool(getattr(user, "is_authenticated", False))
