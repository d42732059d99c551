"""Reads about memberships: a member's state, and what a sponsorship's admins may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Q, QuerySet
from django.utils import timezone

from kindred.accounts.roles import is_organisation_admin
from kindred.memberships.models import AccessCode, Membership, Sponsorship

State = Literal["active", "expired", "none"]


@dataclass(frozen=True)
class MembershipStatus:
    state: State
    ends_on: datetime.date | None = None  # for "active": the last day, or None for no end

    @property
    def is_active(self) -> bool:
        return self.state == "active"


def organisation_today() -> datetime.date:
    """Today in the organisation's time zone (``TIME_ZONE``), never the member's.

    Memberships and sponsorships start and end on the organisation's dates. With the member's
    own zone active (MemberTimeZoneMiddleware), a membership that began "today" by the
    organisation's calendar was refused to a member in Los Angeles for the evening hours
    before midnight UTC.
    """
    return timezone.localdate(timezone=timezone.get_default_timezone())


_today = organisation_today


def membership_status(user: Any) -> MembershipStatus:
    """The member's access: active (until the latest end date), expired, or none.

    Cached on the user object so a request asks the database once.
    """
    cached = getattr(user, "_kindred_membership_status", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return MembershipStatus("none")
    today = _today()
    memberships = list(Membership.objects.filter(user=user).only("starts_on", "ends_on"))
    active = [m for m in memberships if m.is_active_on(today)]
    if active:
        ends = [m.ends_on for m in active]
        status = MembershipStatus(
            "active", None if any(e is None for e in ends) else max(e for e in ends if e)
        )
    elif memberships:
        status = MembershipStatus("expired")
    else:
        status = MembershipStatus("none")
    user._kindred_membership_status = status
    return status


def active_memberships_filter(today: datetime.date) -> Q:
    return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def code_find(code: str) -> AccessCode | None:
    """The access code typed by a member (case and surrounding spaces ignored)."""
    normalised = normalise_code(code)
    if not normalised:
        return None
    return AccessCode.objects.select_related("sponsorship").filter(code=normalised).first()


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


def sponsorship_redeemers(viewer: Any, sponsorship: Sponsorship) -> QuerySet[Membership]:
    """Who redeemed a sponsorship's codes: only an organisation admin may know."""
    if not is_organisation_admin(viewer):
        return Membership.objects.none()
    return (
        Membership.objects.filter(sponsorship=sponsorship)
        .select_related("user", "code")
        .order_by("-created_at")
    )


def export_memberships(user: Any) -> dict[str, Any]:
    """The member's memberships and redemptions, for "download my data"."""
    rows = Membership.objects.filter(user=user).select_related("sponsorship", "code")
    return {
        "status": membership_status(user).state,
        "memberships": [
            {
                "source": m.source,
                "sponsor": m.sponsorship.name if m.sponsorship else None,
                "code": m.code.code if m.code else None,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.ends_on.isoformat() if m.ends_on else None,
                "created_at": m.created_at.isoformat(),
            }
            for m in rows
        ],
    }
