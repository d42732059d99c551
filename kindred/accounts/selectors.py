"""Reads about members: profiles, the safety screen, what a member's data file holds."""

from __future__ import annotations

from typing import Any

from kindred.accounts.models import Profile, SafetyAnswer

SAFETY_FIELDS = ("safety_afraid", "safety_harmed", "safety_weapons")


def profile_for(user: Any) -> Profile:
    """The member's profile; an unsaved empty one if they have not answered anything yet."""
    cached = getattr(user, "_kindred_profile", None)
    if cached is not None:
        return cached
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    user._kindred_profile = profile
    return profile


def has_safety_concern(user: Any) -> bool:
    """True when the member answered "yes" to any safety-screen question.

    Other apps (the learning program, the home page) lead with safety material when it is.
    The answers themselves are shown only to the member.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    profile = profile_for(user)
    return any(getattr(profile, name) == SafetyAnswer.YES for name in SAFETY_FIELDS)


def export_account(user: Any) -> dict[str, Any]:
    """The account itself, for "download my data"."""
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    return {
        "email": user.email,
        "pseudonym": user.pseudonym,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "sessions": [
            {
                "ip": s.ip,
                "user_agent": s.user_agent,
                "created_at": s.created_at.isoformat(),
                "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
            }
            for s in UserSession.objects.filter(user=user).order_by("-created_at")
        ],
    }


def export_profile(user: Any) -> dict[str, Any]:
    """The profile and safety answers, for "download my data"."""
    profile = profile_for(user)
    return {
        "relationship": profile.relationship,
        "substances": list(profile.substances),
        "time_zone": profile.time_zone,
        "hopes": profile.hopes,
        "safety_screen": {name: getattr(profile, name) for name in SAFETY_FIELDS},
        "onboarded_at": profile.onboarded_at.isoformat() if profile.onboarded_at else None,
    }
