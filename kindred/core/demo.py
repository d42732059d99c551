"""Demo content for a laptop: the home page and one account per role.

Each step is idempotent (get-or-create), so running the loader twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from kindred.accounts.models import User
from kindred.content import demo_loader as content_demo
from kindred.content.models import HomePage
from kindred.learning.demo_loader import load_learning

DEMO_PASSWORD = "kindred-demo"  # noqa: S105 (public demo password, DEBUG only)
DEMO_ACCOUNTS = [
    # email, pseudonym, role
    ("member@example.com", "QuietHarbor", "member"),
    ("coach@example.com", "Coach Maya", "coach"),
    ("editor@example.com", "Editor Sam", "editor"),
    ("admin@example.com", "Admin Jo", "admin"),
]
LOADED_MARKER_EMAIL = DEMO_ACCOUNTS[0][0]


def is_loaded() -> bool:
    return User.objects.filter(email=LOADED_MARKER_EMAIL).exists()


@transaction.atomic
def load(stdout: Any = None) -> None:
    home = load_home_page()
    load_accounts()
    from kindred.memberships.demo import load_memberships

    load_memberships()
    content_demo.load(home, stdout)
    load_learning(home, member=User.objects.filter(email=LOADED_MARKER_EMAIL).first())
    from kindred.questions.demo_loader import load as load_questions

    load_questions(stdout)
    if stdout is not None:
        stdout.write(f"Home page: {home.title}")


def load_home_page() -> HomePage:
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:  # a flushed test database has no tree at all
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    # Wagtail's initial migration creates a placeholder "Welcome" page; replace it.
    for child in root.get_children():
        if child.specific_class is Page:
            Site.objects.filter(root_page=child).delete()
            child.delete()
    home = HomePage(
        title="Kindred",
        slug="home",
        headline="You can help someone you love — and feel better yourself.",
        introduction=(
            "<p>If someone you love is using alcohol or drugs, you are not alone and you are "
            "not powerless. Kindred teaches CRAFT, an approach with decades of research behind "
            "it: stay safe, talk without shame or confrontation, reward the good days, and "
            "invite your loved one into treatment when the moment is right.</p>"
        ),
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Kindred"},
    )
    return home


def load_accounts() -> None:
    for email, pseudonym, role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, pseudonym=pseudonym)
            user.set_password(DEMO_PASSWORD)
        user.is_staff = role != "member"
        user.is_superuser = role == "admin"
        user.save()


def accounts_banner() -> str:
    lines = ["", f"Demo accounts (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {role:<7} {email}" for email, _, role in DEMO_ACCOUNTS]
    return "\n".join(lines) + "\n"
