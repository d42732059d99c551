"""Writes for the learning program: opening and completing lessons, saving reflections,
the practice plan. Each is safe against double clicks and concurrent requests: the database
holds one row per (member, lesson[, prompt]) and a lost race reads the winner's row.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindred.coach.crisis import CrisisAlert, check_for_crisis
from kindred.learning.models import (
    MAX_REFLECTION_CHARACTERS,
    LessonPage,
    LessonProgress,
    PracticePlanItem,
    Reflection,
)

LAST_OPENED_RESOLUTION = datetime.timedelta(minutes=1)


class LearningError(ValueError):
    """A request the program cannot honour; the message is shown to the member."""


def lesson_open(*, member: Any, lesson: LessonPage) -> LessonProgress:
    """Record that the member opened the lesson (first and latest time).

    The latest time is kept to the minute: reopening within a minute writes nothing (a read
    first, outside a transaction, because on SQLite a transaction locks the whole database).
    """
    now = timezone.now()
    existing = LessonProgress.objects.filter(member=member, lesson=lesson).first()
    if existing is not None:
        if now - existing.last_opened_at >= LAST_OPENED_RESOLUTION:
            LessonProgress.objects.filter(pk=existing.pk).update(last_opened_at=now)
            existing.last_opened_at = now
        return existing
    try:
        with transaction.atomic():
            progress, created = LessonProgress.objects.get_or_create(
                member=member, lesson=lesson, defaults={"opened_at": now, "last_opened_at": now}
            )
    except IntegrityError:  # a concurrent request created it between our read and write
        progress, created = LessonProgress.objects.get(member=member, lesson=lesson), False
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_opened_at=now)
        progress.last_opened_at = now
    return progress


def lesson_complete(*, member: Any, lesson: LessonPage) -> LessonProgress:
    """Mark the lesson complete. Refused unless the member has opened it."""
    progress = LessonProgress.objects.filter(member=member, lesson=lesson).first()
    if progress is None:
        raise LearningError("Open the lesson before marking it complete.")
    if progress.completed_at is None:
        # Conditional update: two concurrent clicks keep the first completion time.
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        progress.refresh_from_db(fields=["completed_at"])
    return progress


def lesson_reopen(*, member: Any, lesson: LessonPage) -> None:
    """Mark a completed lesson as not complete again (the member wants to revisit it)."""
    LessonProgress.objects.filter(member=member, lesson=lesson).update(completed_at=None)


def reflection_save(
    *, member: Any, lesson: LessonPage, prompt_id: str, text: str
) -> tuple[Reflection | None, CrisisAlert | None]:
    """Save (or, when emptied, delete) the member's answer to one prompt.

    Returns the reflection and the crisis alert its text raises, if any. Raises LearningError
    for an unknown prompt or a text over MAX_REFLECTION_CHARACTERS (nothing is saved then).
    """
    prompts = dict(lesson.prompts())
    if prompt_id not in prompts:
        raise LearningError("That question is no longer part of this lesson.")
    if len(text) > MAX_REFLECTION_CHARACTERS:
        raise LearningError(
            f"This answer is {len(text):,} characters long; the most we can keep is "
            f"{MAX_REFLECTION_CHARACTERS:,}. Please shorten it — your text is still here."
        )
    if not text.strip():
        Reflection.objects.filter(member=member, lesson=lesson, prompt_id=prompt_id).delete()
        return None, None
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update()
            .filter(member=member, lesson=lesson, prompt_id=prompt_id)
            .first()
        )
        if reflection is None:
            reflection = Reflection(member=member, lesson=lesson, prompt_id=prompt_id)
        reflection.prompt = prompts[prompt_id]
        reflection.text = text
        try:
            with transaction.atomic():
                reflection.save()
        except IntegrityError:  # created concurrently: update the winner's row instead
            reflection = Reflection.objects.get(member=member, lesson=lesson, prompt_id=prompt_id)
            reflection.prompt = prompts[prompt_id]
            reflection.text = text
            reflection.save()
    return reflection, check_for_crisis(text)


def reflection_delete(*, member: Any, reflection: Reflection) -> None:
    """Delete one of the member's reflections for good."""
    if reflection.member_id != member.pk:
        raise PermissionError("a member can only delete their own reflections")
    reflection.delete()


def plan_add(*, member: Any, lesson: LessonPage) -> PracticePlanItem:
    """Add the lesson's "try this week" practice to the member's plan (once)."""
    if not lesson.try_this_week.strip():
        raise LearningError("This lesson has no practice to add.")
    try:
        with transaction.atomic():
            item, _ = PracticePlanItem.objects.get_or_create(
                member=member, lesson=lesson, defaults={"text": lesson.try_this_week}
            )
    except IntegrityError:
        item = PracticePlanItem.objects.get(member=member, lesson=lesson)
    return item


def plan_remove(*, member: Any, item: PracticePlanItem) -> None:
    """Remove one practice from the member's plan."""
    if item.member_id != member.pk:
        raise PermissionError("a member can only change their own plan")
    item.delete()
