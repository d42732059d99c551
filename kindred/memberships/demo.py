"""Demo data for memberships: verified demo accounts with roles, profiles and memberships, and
the "Demo County Family Program" sponsorship with the code DEMO-2026. Idempotent."""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from kindred.accounts.demo import DEMO_ACCOUNTS
from kindred.accounts.models import Profile, User
from kindred.accounts.roles import COACHES, EDITORS, MEMBERS, ORGANISATION_ADMINS
from kindred.memberships.models import AccessCode, Membership, Sponsorship

ROLE_GROUPS = {
    "member": [MEMBERS],
    "coach": [COACHES],
    "editor": [EDITORS],
    "admin": [ORGANISATION_ADMINS],
}
DEMO_CODE = "DEMO-2026"


def load(stdout: Any = None) -> None:
    for email, _pseudonym, role in DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for name in ROLE_GROUPS[role]:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        Profile.objects.get_or_create(
            user=user, defaults={"time_zone": "America/New_York", "relationship": "parent"}
        )
        if not Membership.objects.filter(user=user).exists():
            Membership.objects.create(
                user=user, source=Membership.Source.INDIVIDUAL, starts_on=datetime.date(2026, 1, 1)
            )
    sponsorship, _ = Sponsorship.objects.get_or_create(
        name="Demo County Family Program",
        defaults={
            "seat_limit": 500,
            "valid_from": datetime.date(2026, 1, 1),
            "valid_until": datetime.date(2027, 12, 31),
        },
    )
    AccessCode.objects.get_or_create(code=DEMO_CODE, defaults={"sponsorship": sponsorship})
