""" "Download my data": every app registers what it stores about a member.

An app calls ``register_export("questions", export_questions)`` in its ``AppConfig.ready``;
``export_questions(user)`` returns a JSON-serialisable dict. ``build_export`` gathers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], dict[str, Any]]
_exporters: dict[str, Exporter] = {}


def register_export(key: str, exporter: Exporter) -> None:
    """Register (or replace) the exporter for one key of the member's data file."""
    _exporters[key] = exporter


def registered_exports() -> dict[str, Exporter]:
    return dict(_exporters)


def build_export(user: Any) -> dict[str, Any]:
    """Everything Kindred stores about the member, keyed by the app that stores it."""
    return {key: exporter(user) for key, exporter in sorted(_exporters.items())}
