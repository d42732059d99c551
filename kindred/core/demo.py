"""Runs every app's demo content (``manage.py load_demo``), in order.

Apps contribute a `kindred.core.extensions.DemoData` step from their ``wagtail_hooks.py``;
each step is idempotent, so running the loader twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kindred.core.extensions import demo_data


def is_loaded() -> bool:
    """True when every step that can tell has been loaded already."""
    return all(step.is_loaded() for step in demo_data() if step.is_loaded is not None)


@transaction.atomic
def load(stdout: Any = None) -> None:
    for step in demo_data():
        step.load(stdout)


def banner() -> str:
    return "".join(step.banner() for step in demo_data() if step.banner is not None)
