"""Kindred's roles, as Django groups, and the questions every part of Kindred asks about them."""

from __future__ import annotations

from typing import Any

MEMBERS = "Members"
COACHES = "Coaches"
EDITORS = "Editors"
ORGANISATION_ADMINS = "Organisation admins"
# Live-group facilitators (the group itself is created by kindred/groups' migrations).
FACILITATORS = "Facilitators"
ALL_ROLES = (MEMBERS, COACHES, EDITORS, ORGANISATION_ADMINS)
# Groups that make someone staff: only an organisation admin may put a person in them, and
# staff two-factor authentication covers them all.
STAFF_ROLES = (COACHES, EDITORS, ORGANISATION_ADMINS, FACILITATORS)


def group_names(user: Any) -> set[str]:
    # Cached on the user object: several checks in one request cost one query.
    cached = getattr(user, "_kindred_group_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._kindred_group_names = cached
    return cached


def is_organisation_admin(user: Any) -> bool:
    """Superusers and members of "Organisation admins" run the organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or ORGANISATION_ADMINS in group_names(user))


def has_staff_role(user: Any) -> bool:
    """Anyone who can reach the admin or member data: is_staff or a staff group."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or group_names(user).intersection(STAFF_ROLES))
