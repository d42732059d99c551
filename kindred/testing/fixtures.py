"""Named users, one per role, so permission tests read like sentences.

``alice`` and ``bob`` are members, ``coach`` coaches, ``editor`` edits, ``admin`` runs the
organisation. Later parts of Kindred give them roles, profiles and memberships here.
"""

from __future__ import annotations

import pytest

from kindred.accounts.models import User
from kindred.testing.factories import UserFactory


@pytest.fixture
def alice(db: None) -> User:
    return UserFactory.create(email="alice@example.com", pseudonym="Alice")


@pytest.fixture
def bob(db: None) -> User:
    return UserFactory.create(email="bob@example.com", pseudonym="Bob")


@pytest.fixture
def coach(db: None) -> User:
    return UserFactory.create(email="coach@example.com", pseudonym="CoachCasey", is_staff=True)


@pytest.fixture
def editor(db: None) -> User:
    return UserFactory.create(email="editor@example.com", pseudonym="EditorEli", is_staff=True)


@pytest.fixture
def admin_user(db: None) -> User:
    return UserFactory.create(
        email="admin@example.com", pseudonym="AdminAda", is_staff=True, is_superuser=True
    )


@pytest.fixture
def home_page(db: None) -> object:
    """The site's home page (the page tree is empty after a transactional test's flush)."""
    from kindred.core.demo import load_home_page

    return load_home_page()
