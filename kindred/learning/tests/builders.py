"""Builders for a small program tree and the forms the lesson page posts."""

from __future__ import annotations

from typing import Any

from kindred.learning import selectors
from kindred.learning.models import LessonPage, ModulePage

BODY = """## A heading

A first paragraph with **bold** and a [link](/get-help/).

- one
- two

!try Try something small.
!say "I felt scared."
!dont "You always do this."
"""


def lesson_data(slug: str, **extra: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": f"Lesson {slug}",
        "minutes": 5,
        "objectives": ["Learn one thing"],
        "body": BODY,
        "reflection": ["What did you notice?", "What will you try?"],
        "knowledge_check": [
            {
                "question": "Which helps most?",
                "choices": [
                    {"text": "Calm words", "correct": True, "feedback": "Yes, calm words help."},
                    {"text": "Shouting", "correct": False, "feedback": "Shouting raises defences."},
                    {"text": "Silence", "correct": False, "feedback": "Silence can feel cold."},
                ],
            },
            {
                "question": "When is safety first?",
                "choices": [
                    {"text": "Always", "correct": True, "feedback": "Always."},
                    {"text": "Never", "correct": False, "feedback": "It always comes first."},
                    {"text": "Sometimes", "correct": False, "feedback": "It always comes first."},
                ],
            },
        ],
        "try_this_week": f"Practise {slug} once this week.",
        **extra,
    }


def module_data(slug: str, lessons: int, *, procedure: int = 1, safety: bool = False) -> dict:
    return {
        "slug": slug,
        "title": f"Module {slug}",
        "procedure": procedure,
        "is_safety_module": safety,
        "summary": f"Summary of {slug}.",
        "intro": "An introduction.",
        "lessons": [lesson_data(f"{slug}-{i}") for i in range(1, lessons + 1)],
    }


def lessons_of(module: ModulePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(module).order_by("path"))


def form_for(lesson: LessonPage, action: str, **fields: str) -> dict[str, str]:
    return {"lesson": str(lesson.pk), "action": action, **fields}


def prompt_field(lesson: LessonPage, index: int = 0) -> str:
    return f"prompt-{lesson.prompts()[index][0]}"


def continue_page(member: Any, overview: Any = None) -> LessonPage:
    """The lesson "continue" points to (fails the test when there is none)."""
    entry = (overview or selectors.program_overview(member)).continue_lesson()
    assert entry is not None
    return entry.page


def raise_safety_concern(member: Any) -> None:
    """The member answers "yes" to "are you afraid of your loved one?" on the safety screen."""
    from kindred.accounts.models import Profile, SafetyAnswer

    profile = Profile.objects.filter(user=member).first() or Profile(user=member)
    profile.safety_afraid = SafetyAnswer.YES
    profile.save()
