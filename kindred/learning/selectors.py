"""Reads for the learning program, always for one member: progress, the recommended path,
"continue where you left off", reflections and the practice plan.

Every function here runs a fixed number of queries, whatever the number of lessons a member
has opened or completed (tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kindred.learning import access
from kindred.learning.models import (
    LessonPage,
    LessonProgress,
    ModulePage,
    PracticePlanItem,
    ProgramPage,
    Reflection,
)


@dataclass
class LessonEntry:
    page: LessonPage
    opened_at: datetime | None = None
    last_opened_at: datetime | None = None
    completed_at: datetime | None = None

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


@dataclass
class ModuleEntry:
    page: ModulePage
    lessons: list[LessonEntry] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def completed(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.is_complete)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return bool(self.total) and self.completed == self.total


@dataclass
class ProgramOverview:
    program: ProgramPage | None
    modules: list[ModuleEntry]  # in the program's order (the page tree)
    path: list[ModuleEntry]  # the recommended order for this member
    safety_first: bool

    @property
    def lessons(self) -> list[LessonEntry]:
        """Every lesson, on the recommended path's order."""
        return [lesson for module in self.path for lesson in module.lessons]

    @property
    def total(self) -> int:
        return sum(module.total for module in self.modules)

    @property
    def completed(self) -> int:
        return sum(module.completed for module in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    def module(self, module_id: int) -> ModuleEntry | None:
        return next((m for m in self.modules if m.page.pk == module_id), None)

    def continue_lesson(self) -> LessonEntry | None:
        """The last opened lesson not yet complete; else the next one on the path; else None."""
        lessons = self.lessons
        opened = [entry for entry in lessons if entry.last_opened_at and not entry.is_complete]
        if opened:
            return max(opened, key=lambda entry: entry.last_opened_at)  # type: ignore[arg-type,return-value]
        return next((entry for entry in lessons if not entry.is_complete), None)


def live_program() -> ProgramPage | None:
    return ProgramPage.objects.live().first()


def program_overview(member: Any, program: ProgramPage | None = None) -> ProgramOverview:
    """The program's modules and lessons with the member's progress and recommended path.

    Four queries (program, modules, lessons, progress) plus the safety-screen read.
    """
    program = program or live_program()
    if program is None:
        return ProgramOverview(program=None, modules=[], path=[], safety_first=False)
    modules = [
        ModuleEntry(page=module)
        for module in ModulePage.objects.live().child_of(program).order_by("path")
    ]
    by_path = {entry.page.path: entry for entry in modules}
    lessons = LessonPage.objects.live().descendant_of(program).defer_streamfields().order_by("path")
    entries: dict[int, LessonEntry] = {}
    for lesson in lessons:
        module_entry = by_path.get(lesson.path[: -LessonPage.steplen])
        if module_entry is not None:  # a lesson under an unpublished module is not shown
            entries[lesson.pk] = LessonEntry(page=lesson)
            module_entry.lessons.append(entries[lesson.pk])
    if getattr(member, "is_authenticated", False) and entries:
        rows = LessonProgress.objects.filter(
            member=member, lesson_id__in=list(entries)
        ).values_list("lesson_id", "opened_at", "last_opened_at", "completed_at")
        for lesson_id, opened_at, last_opened_at, completed_at in rows:
            entry = entries[lesson_id]
            entry.opened_at, entry.last_opened_at, entry.completed_at = (
                opened_at,
                last_opened_at,
                completed_at,
            )
    safety_first = access.has_safety_concern(member)
    path = modules
    if safety_first:
        # Safety before every other procedure; otherwise the program's order is kept.
        path = [m for m in modules if m.page.is_safety_module] + [
            m for m in modules if not m.page.is_safety_module
        ]
    return ProgramOverview(program=program, modules=modules, path=path, safety_first=safety_first)


def continue_lesson_for(member: Any) -> LessonEntry | None:
    """Where the member should pick up: for the "continue" card on /my/ and /learn/."""
    return program_overview(member).continue_lesson()


def reflections_for_lesson(member: Any, lesson: LessonPage) -> dict[str, Reflection]:
    """The member's own answers on one lesson, by prompt id."""
    return {r.prompt_id: r for r in Reflection.objects.filter(member=member, lesson=lesson)}


def reflections_for_member(member: Any) -> QuerySet[Reflection]:
    """All of the member's reflections, lesson by lesson (program order), newest first."""
    return (
        Reflection.objects.filter(member=member)
        .select_related("lesson")
        .defer("lesson__body", "lesson__reflection", "lesson__knowledge_check")
        .order_by("lesson__path", "created_at")
    )


def reflection_for_member(member: Any, reflection_id: Any) -> Reflection:
    """One of the member's reflections; 404 for anyone else's (staff included)."""
    try:
        return Reflection.objects.get(pk=reflection_id, member=member)
    except (Reflection.DoesNotExist, ValueError):
        raise Http404("No such reflection") from None


def plan_for_member(member: Any) -> QuerySet[PracticePlanItem]:
    """The member's practice plan, oldest first, with each item's lesson."""
    return (
        PracticePlanItem.objects.filter(member=member)
        .select_related("lesson")
        .defer("lesson__body", "lesson__reflection", "lesson__knowledge_check")
        .order_by("created_at")
    )


def plan_item_for_member(member: Any, item_id: int) -> PracticePlanItem:
    """One item of the member's plan; 404 for anyone else's."""
    try:
        return PracticePlanItem.objects.get(pk=item_id, member=member)
    except PracticePlanItem.DoesNotExist:
        raise Http404("No such plan item") from None


def progress_for_lesson(member: Any, lesson: LessonPage) -> LessonProgress | None:
    return LessonProgress.objects.filter(member=member, lesson=lesson).first()
