"""Pseudonyms: the only name Kindred shows. Rules, and suggestions that reveal nothing."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.core.exceptions import ValidationError

from kindred.accounts.models import User

MAX_LENGTH = 40
ALLOWED = re.compile(r"^[\w '\-.]+$")  # letters (any script), digits, _, spaces, - ' .
LOOKS_LIKE_EMAIL = re.compile(r"\S+@\S+|\S+\s*(\(at\)|\[at\])\s*\S+", re.IGNORECASE)
DIGITS_ONLY = re.compile(r"\d")

ADJECTIVES = (
    "Quiet", "Steady", "Gentle", "Brave", "Patient", "Hopeful", "Calm", "Bright", "Kind",
    "Warm", "Golden", "Silver", "Morning", "Evening", "Open", "Clear", "Still", "True",
)  # fmt: skip
NOUNS = (
    "Harbor", "Willow", "River", "Lantern", "Meadow", "Sparrow", "Maple", "Cedar", "Heron",
    "Pine", "Brook", "Garden", "Harvest", "Ember", "Shore", "Orchard", "Compass", "Robin",
)  # fmt: skip


def validate_pseudonym(value: str, *, exclude_user: Any | None = None) -> str:
    """Clean a pseudonym or raise ValidationError with a message the person can act on."""
    value = " ".join(value.split())
    if not value:
        raise ValidationError("Choose a name to be shown to others.", code="required")
    if len(value) > MAX_LENGTH:
        raise ValidationError(
            f"Keep it to {MAX_LENGTH} characters or fewer (this one has {len(value)}).",
            code="max_length",
        )
    if "<" in value or ">" in value:
        raise ValidationError("A name cannot contain HTML or the characters < and >.", code="html")
    if LOOKS_LIKE_EMAIL.search(value):
        raise ValidationError(
            "This looks like an email address. To stay anonymous, choose a name that is not "
            "your email.",
            code="email",
        )
    if len(DIGITS_ONLY.findall(value)) >= 7:
        raise ValidationError(
            "This looks like a phone number. To stay anonymous, use at most six digits.",
            code="phone",
        )
    if not ALLOWED.match(value):
        raise ValidationError(
            "Use letters, digits, spaces and - _ . ' only.", code="invalid_characters"
        )
    taken = User.objects.filter(pseudonym__iexact=value)
    if exclude_user is not None and exclude_user.pk:
        taken = taken.exclude(pk=exclude_user.pk)
    if taken.exists():
        raise ValidationError(
            "Someone is already using this name. Try another, or ask for a suggestion.",
            code="taken",
        )
    return value


def suggest_pseudonym(attempts: int = 20) -> str:
    """A free pseudonym such as "Steady Heron 42"; random, so it says nothing about anyone."""
    for _ in range(attempts):
        candidate = (
            f"{secrets.choice(ADJECTIVES)} {secrets.choice(NOUNS)} {secrets.randbelow(90) + 10}"
        )
        if not User.objects.filter(pseudonym__iexact=candidate).exists():
            return candidate
    return f"Member {secrets.token_hex(4)}"
