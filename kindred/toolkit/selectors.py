"""Reads shared by the toolkit's tools (each tool's own reads live in services/<tool>.py)."""

from __future__ import annotations

from typing import Any


def lessons_by_slug(slugs: list[str]) -> dict[str, Any]:
    """The live lesson pages with these slugs, by slug, with their URLs (one query, plus the
    site root paths, which Wagtail caches)."""
    from kindred.learning.models import LessonPage

    wanted = [slug for slug in slugs if slug]
    if not wanted:
        return {}
    found: dict[str, Any] = {}
    for page in LessonPage.objects.live().filter(slug__in=wanted).order_by("path"):
        found.setdefault(page.slug, page)
    return found
