"""Writes about memberships: redeeming a code, granting a membership, creating codes."""

from __future__ import annotations

import contextlib
import datetime
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from kindred.memberships.models import AccessCode, Membership, Sponsorship
from kindred.memberships.selectors import code_find, normalise_code, organisation_today

# No 0/O or 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class RedemptionError(Exception):
    """A code cannot be redeemed; the message is written for the member."""

    def __init__(self, message: str, field: str = "code") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _check(sponsorship: Sponsorship, zip_code: str, today: datetime.date, user: Any | None) -> None:
    if today < sponsorship.valid_from:
        raise RedemptionError(
            f"This code can be used from {sponsorship.valid_from:%B} "
            f"{sponsorship.valid_from.day}, {sponsorship.valid_from.year}."
        )
    if sponsorship.valid_until is not None and today > sponsorship.valid_until:
        raise RedemptionError(
            "This code has expired. Ask the organisation that gave it to you for a new one."
        )
    if user is not None and Membership.objects.filter(user=user, sponsorship=sponsorship).exists():
        raise RedemptionError(f"You have already redeemed a code from {sponsorship.name}.")
    if sponsorship.needs_zip_code:
        zip_code = zip_code.strip()
        if not zip_code:
            raise RedemptionError(
                f"{sponsorship.name} is for residents of certain areas: enter your ZIP code.",
                field="zip_code",
            )
        if zip_code[:5] not in sponsorship.zip_code_list:
            raise RedemptionError(
                f"{sponsorship.name} is only for residents of certain areas, and ZIP code "
                f"{zip_code} is not one of them.",
                field="zip_code",
            )
    if sponsorship.seat_limit is not None and sponsorship.seats_used >= sponsorship.seat_limit:
        raise RedemptionError(
            "Every place paid for by this code has been taken. Ask the organisation that gave "
            "it to you whether more are coming."
        )


def code_check(code: str, zip_code: str = "", user: Any | None = None) -> AccessCode:
    """Check a code without redeeming it (the sign-up form uses this before the account exists).

    Raises RedemptionError with a message for the member.
    """
    access_code = code_find(code)
    if access_code is None:
        raise RedemptionError(
            "We do not recognise that code. Check it for typos, or ask the organisation that "
            "gave it to you."
        )
    _check(access_code.sponsorship, zip_code, organisation_today(), user)
    return access_code


def code_redeem(user: Any, code: str, zip_code: str = "") -> Membership:
    """Redeem a sponsorship code: one seat is taken and the member gets a membership.

    The sponsorship row is locked (select_for_update) for the check and the increment, so two
    members redeeming the last seat at once cannot both get it.
    """
    access_code = code_find(code)
    if access_code is None:
        code_check(code)  # raises the "unknown code" message
        raise AssertionError("unreachable")
    today = organisation_today()
    try:
        with transaction.atomic():
            sponsorship = Sponsorship.objects.select_for_update().get(pk=access_code.sponsorship_id)
            _check(sponsorship, zip_code, today, user)
            membership = Membership.objects.create(
                user=user,
                source=Membership.Source.SPONSORSHIP,
                sponsorship=sponsorship,
                code=access_code,
                starts_on=today,
                ends_on=sponsorship.valid_until,
            )
            Sponsorship.objects.filter(pk=sponsorship.pk).update(seats_used=F("seats_used") + 1)
    except IntegrityError as error:  # the same member redeeming twice at the same moment
        raise RedemptionError(
            f"You have already redeemed a code from {access_code.sponsorship.name}."
        ) from error
    _forget_cached_status(user)
    return membership


def _forget_cached_status(user: Any) -> None:
    with contextlib.suppress(AttributeError):
        del user._kindred_membership_status


def membership_grant(
    user: Any,
    *,
    granted_by: Any | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Membership:
    """Give a member an individual membership (an admin's decision, or a paid plan)."""
    membership = Membership.objects.create(
        user=user,
        source=Membership.Source.INDIVIDUAL,
        starts_on=starts_on or organisation_today(),
        ends_on=ends_on,
        created_by=granted_by,
    )
    _forget_cached_status(user)
    return membership


def generate_code(length: int = 8) -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
    return f"{raw[:4]}-{raw[4:]}"


def sponsorship_add_codes(
    sponsorship: Sponsorship, *, typed: list[str] | None = None, generate: int = 0
) -> list[AccessCode]:
    """Add codes to a sponsorship: the ones an admin typed and/or N random ones."""
    wanted = [normalise_code(code) for code in typed or [] if normalise_code(code)]
    existing = set(AccessCode.objects.filter(code__in=wanted).values_list("code", flat=True))
    wanted = [code for code in dict.fromkeys(wanted) if code not in existing]
    while generate > 0:
        code = generate_code()
        if code not in wanted and not AccessCode.objects.filter(code=code).exists():
            wanted.append(code)
            generate -= 1
    return AccessCode.objects.bulk_create(
        [AccessCode(sponsorship=sponsorship, code=code) for code in wanted]
    )
