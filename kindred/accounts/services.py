"""Writes about accounts: profiles and onboarding, pseudonyms, roles, deleting an account."""

from __future__ import annotations

from typing import Any

from allauth.usersessions.models import UserSession
from django.contrib.auth import logout
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from kindred.accounts.deletion import run_before_delete
from kindred.accounts.models import Profile, User
from kindred.accounts.roles import MEMBERS
from kindred.accounts.selectors import profile_for


def profile_update(user: Any, *, finish_onboarding: bool = False, **answers: Any) -> Profile:
    """Save the member's answers (any subset). ``finish_onboarding`` marks the welcome done."""
    profile = profile_for(user)
    for name, value in answers.items():
        setattr(profile, name, value)
    if finish_onboarding and profile.onboarded_at is None:
        profile.onboarded_at = timezone.now()
    profile.save()
    return profile


class PseudonymTaken(Exception):
    """Someone else took the name between the form's check and the save."""


def pseudonym_change(user: User, pseudonym: str) -> None:
    """Give the member a new pseudonym (the form has checked it is free and well formed)."""
    previous = user.pseudonym
    user.pseudonym = pseudonym
    try:
        with transaction.atomic():
            user.save(update_fields=["pseudonym"])
    except IntegrityError:
        user.pseudonym = previous
        raise PseudonymTaken(pseudonym) from None


def member_role_grant(user: User) -> None:
    """Put a new member in the "Members" group (sign-up, demo data, fixtures)."""
    group, _ = Group.objects.get_or_create(name=MEMBERS)
    user.groups.add(group)


def account_delete(request: HttpRequest, user: User) -> None:
    """Delete the account and everything that belongs to it, and end every session.

    Kindred's models point at the user with CASCADE (the member's own data) or SET_NULL
    (content staff wrote for others), so deleting the user removes the rest; a test checks
    that no row anywhere still refers to the user. What a cascade cannot reach (a public
    Q&A page made from the member's question) is removed first by the owning app's hook.
    """
    with transaction.atomic():
        run_before_delete(user)
        for session in UserSession.objects.filter(user=user):
            session.end()  # removes it from the cache and the database
        logout(request)
        user.delete()
