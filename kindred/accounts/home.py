"""The member home page (/my/) is a list of sections other apps add to.

An app calls ``register_home_section(HomeSection(...))`` in its ``AppConfig.ready``. A section
has a template (rendered with the request's context plus ``section_context(request)``), an
order (lower first) and an optional ``is_visible(request)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    order: int = 100
    is_visible: Callable[[HttpRequest], bool] | None = None
    section_context: Callable[[HttpRequest], dict[str, Any]] | None = None


_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    """Add (or replace, by key) a section of the member home page."""
    _sections[section.key] = section


def home_sections(request: HttpRequest) -> list[dict[str, Any]]:
    """The visible sections, in order, each with its template and extra context."""
    visible = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        if section.is_visible is not None and not section.is_visible(request):
            continue
        extra = section.section_context(request) if section.section_context else {}
        visible.append({"key": section.key, "template": section.template, "context": extra})
    return visible
