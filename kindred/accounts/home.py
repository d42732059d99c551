"""The member home page (/my/) is a list of sections other apps add to.

An app contributes a `kindred.core.extensions.HomeSection` (``HOME_SECTIONS`` hook in its
``wagtail_hooks.py``): a template rendered with the request's context plus
``section_context(request)``, an order (lower first) and an optional ``is_visible(request)``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kindred.core.extensions import home_sections as registered_sections


def home_sections(request: HttpRequest) -> list[dict[str, Any]]:
    """The visible sections, in order, each with its template and extra context."""
    visible = []
    for section in registered_sections():
        if section.is_visible is not None and not section.is_visible(request):
            continue
        extra = section.section_context(request) if section.section_context else {}
        visible.append({"key": section.key, "template": section.template, "context": extra})
    return visible
