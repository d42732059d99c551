"""The learning program's part of "download my data", and its card on the member home."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kindred.learning import access, selectors
from kindred.learning.models import LessonProgress


def export_learning(user: Any) -> dict[str, Any]:
    """Progress, reflections (decrypted: the member is reading their own) and the plan."""
    progress = (
        LessonProgress.objects.filter(member=user)
        .select_related("lesson")
        .only("lesson__title", "lesson__url_path", "opened_at", "last_opened_at", "completed_at")
        .order_by("lesson__path")
    )
    return {
        "progress": [
            {
                "lesson": row.lesson.title,
                "opened_at": row.opened_at.isoformat(),
                "last_opened_at": row.last_opened_at.isoformat(),
                "completed_at": row.completed_at.isoformat() if row.completed_at else None,
            }
            for row in progress
        ],
        "reflections": [
            {
                "lesson": reflection.lesson.title,
                "prompt": reflection.prompt,
                "text": reflection.text,
                "created_at": reflection.created_at.isoformat(),
                "updated_at": reflection.updated_at.isoformat(),
            }
            for reflection in selectors.reflections_for_member(user)
        ],
        "practice_plan": [
            {
                "lesson": item.lesson.title,
                "practice": item.text,
                "added_at": item.created_at.isoformat(),
            }
            for item in selectors.plan_for_member(user)
        ],
    }


def _live_program(request: HttpRequest) -> Any:
    """The live program, read once per request: /my/ asks for it to decide whether the card
    shows, then again for the card (one query and one page instance less per /my/)."""
    if not hasattr(request, "_kindred_live_program"):
        request._kindred_live_program = selectors.live_program()  # type: ignore[attr-defined]
    return request._kindred_live_program  # type: ignore[attr-defined]


def home_card_visible(request: HttpRequest) -> bool:
    return access.can_learn(request.user) and _live_program(request) is not None


def home_card_context(request: HttpRequest) -> dict[str, Any]:
    """The "continue where you left off" card: progress and the lesson to open next."""
    overview = selectors.program_overview(request.user, _live_program(request))
    return {
        "overview": overview,
        "continue_lesson": overview.continue_lesson(),
        "plan": list(selectors.plan_for_member(request.user)[:5]),
    }
