"""Who may open the learning program, in one place.

Until the membership app lands this is "signed in and active"; afterwards it asks
``kindred.accounts.access.has_active_membership`` (docs/learning.md).
"""

from __future__ import annotations

from typing import Any


def can_learn(user: Any) -> bool:
    """True when the person may open modules and lessons and save their own work."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def has_safety_concern(user: Any) -> bool:
    """True when the member's safety screen raised a concern (the safety module comes first)."""
    return False
