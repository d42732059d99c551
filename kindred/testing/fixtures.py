"""Named users, one per role, so permission tests read like sentences.

``alice`` and ``bob`` are verified members with an active membership, ``carol`` is verified but
has no membership, ``coach`` coaches, ``editor`` edits, ``admin_user`` runs the organisation
(superuser and in "Organisation admins").
"""

from __future__ import annotations

import pytest

from kindred.accounts.models import User
from kindred.testing.factories import MembershipFactory, VerifiedUserFactory


def _with_groups(user: User, *names: str) -> User:
    from django.contrib.auth.models import Group

    for name in names:
        group, _ = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return user


def _member(email: str, pseudonym: str) -> User:
    user = VerifiedUserFactory.create(email=email, pseudonym=pseudonym)
    MembershipFactory.create(user=user)
    return _with_groups(user, "Members")


@pytest.fixture
def alice(db: None) -> User:
    return _member("alice@example.com", "Alice")


@pytest.fixture
def bob(db: None) -> User:
    return _member("bob@example.com", "Bob")


@pytest.fixture
def carol(db: None) -> User:
    """Verified, signed up, but without a membership."""
    return _with_groups(
        VerifiedUserFactory.create(email="carol@example.com", pseudonym="Carol"), "Members"
    )


@pytest.fixture
def coach(db: None) -> User:
    user = VerifiedUserFactory.create(
        email="coach@example.com", pseudonym="CoachCasey", is_staff=True
    )
    MembershipFactory.create(user=user)
    return _with_groups(user, "Coaches")


@pytest.fixture
def editor(db: None) -> User:
    user = VerifiedUserFactory.create(
        email="editor@example.com", pseudonym="EditorEli", is_staff=True
    )
    MembershipFactory.create(user=user)
    return _with_groups(user, "Editors")


@pytest.fixture
def admin_user(db: None) -> User:
    user = VerifiedUserFactory.create(
        email="admin@example.com", pseudonym="AdminAda", is_staff=True, is_superuser=True
    )
    MembershipFactory.create(user=user)
    return _with_groups(user, "Organisation admins")


@pytest.fixture
def home_page(db: None) -> object:
    """The site's home page (the page tree is empty after a transactional test's flush)."""
    from kindred.content.demo_loader import load_home_page

    return load_home_page()
