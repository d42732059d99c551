"""Demo accounts: one per role, all with the public demo password. Idempotent."""

from __future__ import annotations

from typing import Any

from kindred.accounts.models import User

DEMO_PASSWORD = "kindred-demo"  # noqa: S105 (public demo password, DEBUG only)
DEMO_ACCOUNTS = [
    # email, pseudonym, role
    ("member@example.com", "QuietHarbor", "member"),
    ("coach@example.com", "Coach Maya", "coach"),
    ("editor@example.com", "Editor Sam", "editor"),
    ("admin@example.com", "Admin Jo", "admin"),
]
DEMO_MEMBER_EMAIL = DEMO_ACCOUNTS[0][0]


def is_loaded() -> bool:
    return User.objects.filter(email=DEMO_MEMBER_EMAIL).exists()


def demo_member() -> User | None:
    return User.objects.filter(email=DEMO_MEMBER_EMAIL).first()


def load(stdout: Any = None) -> None:
    for email, pseudonym, role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, pseudonym=pseudonym)
            user.set_password(DEMO_PASSWORD)
        user.is_staff = role != "member"
        user.is_superuser = role == "admin"
        user.save()


def banner() -> str:
    lines = ["", f"Demo accounts (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {role:<7} {email}" for email, _, role in DEMO_ACCOUNTS]
    return "\n".join(lines) + "\n"
