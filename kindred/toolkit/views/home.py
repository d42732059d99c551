"""/toolkit/: every tool with its purpose, what the member last did in it, and its lesson."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kindred.toolkit import selectors
from kindred.toolkit.tools import Activity, Tool, tools
from kindred.toolkit.views.common import toolkit_view


@dataclass(frozen=True)
class ToolEntry:
    tool: Tool
    activity: Activity | None
    lesson: Any  # the lesson page that teaches it, if it exists


@require_safe
@toolkit_view
def home(request: HttpRequest) -> HttpResponse:
    all_tools = tools()
    lessons = selectors.lessons_by_slug([tool.lesson_slug for tool in all_tools])
    entries = [
        ToolEntry(
            tool=tool,
            activity=tool.last_activity(request.user) if tool.last_activity else None,
            lesson=lessons.get(tool.lesson_slug),
        )
        for tool in all_tools
    ]
    return render(request, "toolkit/home.html", {"entries": entries})
