"""What the content app adds to shared parts of Kindred (kindred/core/extensions.py)."""

from __future__ import annotations

from wagtail import hooks

from kindred.core.extensions import DEMO_DATA, SEARCH_KINDS, DemoData, SearchKind


@hooks.register(SEARCH_KINDS)
def content_search_kinds() -> list[SearchKind]:
    from kindred.content.search_kinds import content_search_kinds

    return content_search_kinds()


@hooks.register(DEMO_DATA)
def content_demo_data() -> DemoData:
    from kindred.content.demo_loader import load_demo

    return DemoData("content", order=30, load=load_demo)
