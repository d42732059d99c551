"""Deleting an account: what a cascade from the user row cannot reach goes first.

Most of a member's data goes with the user row (every foreign key to the user CASCADEs).
Some things only point the other way — a public Q&A page published from a member's
question is referenced by the question, not by the user — so the owning app gives an
``erase`` function in its `kindred.core.extensions.MemberData`, called inside the deletion's
transaction.
"""

from __future__ import annotations

from typing import Any

from kindred.core.extensions import member_data


def run_before_delete(user: Any) -> None:
    for item in member_data():
        if item.erase is not None:
            item.erase(user)
