"""Fixtures for live-group tests: facilitators in their own zones, groups, sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kindred.accounts.models import Profile, User
from kindred.groups.models import Session, SupportGroup
from kindred.testing.factories import MembershipFactory, VerifiedUserFactory


def set_zone(user: User, zone: str) -> User:
    Profile.objects.update_or_create(user=user, defaults={"time_zone": zone})
    return user


def make_facilitator(email: str, pseudonym: str, zone: str) -> User:
    from django.contrib.auth.models import Group

    user = VerifiedUserFactory.create(email=email, pseudonym=pseudonym)
    MembershipFactory.create(user=user)
    user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    return set_zone(user, zone)


@pytest.fixture
def facilitator(db: None) -> User:
    """Facilitates in New York."""
    return make_facilitator("fran@example.com", "FacilitatorFran", "America/New_York")


@pytest.fixture
def other_facilitator(db: None) -> User:
    return make_facilitator("oli@example.com", "FacilitatorOli", "Europe/Madrid")


def make_group(facilitator: User | None = None, **fields: Any) -> SupportGroup:
    values: dict[str, Any] = {
        "title": "Evening group for parents",
        "slug": "parents-evening",
        "description": "A weekly evening group.",
        "facilitator": facilitator,
        "time_zone": "America/New_York",
        "frequency": "weekly",
        "weekday": 3,  # Thursday
        "start_time": dt.time(19, 0),
        "starts_on": dt.date(2026, 1, 1),
        "duration_minutes": 60,
        "capacity": 3,
        "meeting_url": "https://meet.example.org/room-42",
    }
    values.update(fields)
    return SupportGroup.objects.create(**values)


def make_session(group: SupportGroup, starts_at: dt.datetime) -> Session:
    return Session.objects.create(
        group=group,
        scheduled_for=starts_at,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=group.duration_minutes),
    )


@pytest.fixture
def group(facilitator: User) -> SupportGroup:
    return make_group(facilitator)


@pytest.fixture
def session(group: SupportGroup) -> Session:
    from django.utils import timezone

    start = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)
    return make_session(group, start)


def member(email: str, pseudonym: str, zone: str = "America/Los_Angeles") -> User:
    user = VerifiedUserFactory.create(email=email, pseudonym=pseudonym)
    MembershipFactory.create(user=user)
    return set_zone(user, zone)
