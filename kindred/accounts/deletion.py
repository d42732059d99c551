"""Deleting an account: apps register what must go first that a cascade cannot reach.

Most of a member's data goes with the user row (every foreign key to the user CASCADEs).
Some things only point the other way — a public Q&A page published from a member's
question is referenced by the question, not by the user — so the owning app registers a
function that removes them, called inside the deletion's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BeforeDelete = Callable[[Any], None]
_hooks: dict[str, BeforeDelete] = {}


def register_before_delete(key: str, hook: BeforeDelete) -> None:
    """Register (or replace) what an app removes before a member's account is deleted."""
    _hooks[key] = hook


def run_before_delete(user: Any) -> None:
    for _key, hook in sorted(_hooks.items()):
        hook(user)
