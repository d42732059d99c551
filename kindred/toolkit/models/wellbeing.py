"""Wellbeing check-ins: a one-minute rating of how the member is doing, and the member's
choice about a weekly reminder email."""

from __future__ import annotations

from django.db import models

from kindred.toolkit.models.base import ToolkitRecord

SCORE_MIN = 0
SCORE_MAX = 10

# (field name, what the member is asked about) in the order the form and charts show them.
FEELINGS: list[tuple[str, str]] = [
    ("stress", "Stress"),
    ("mood", "Mood"),
    ("sleep", "Sleep"),
    ("hope", "Hope"),
]
LIFE_AREAS: list[tuple[str, str]] = [
    ("family", "Family"),
    ("work", "Work or study"),
    ("health", "Health"),
    ("friends", "Friends"),
    ("money", "Money"),
    ("free_time", "Free time"),
]
SCORES: list[tuple[str, str]] = FEELINGS + LIFE_AREAS


def _score(help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(help_text=help_text)


class CheckIn(ToolkitRecord):
    """One check-in: every score is 0 to 10. Stress is the one where lower is better."""

    day = models.DateField()
    stress = _score("0 = no stress, 10 = the most stress imaginable")
    mood = _score("0 = very low, 10 = very good")
    sleep = _score("0 = very poor, 10 = very good")
    hope = _score("0 = no hope, 10 = very hopeful")
    family = _score("Satisfaction, 0 to 10")
    work = _score("Satisfaction, 0 to 10")
    health = _score("Satisfaction, 0 to 10")
    friends = _score("Satisfaction, 0 to 10")
    money = _score("Satisfaction, 0 to 10")
    free_time = _score("Satisfaction, 0 to 10")

    class Meta:
        ordering = ["day", "created_at"]
        indexes = [models.Index(fields=["member", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__lte": SCORE_MAX}),
                name=f"toolkit_checkin_{name}_0_10",
            )
            for name, _label in SCORES
        ]


class WellbeingReminder(ToolkitRecord):
    """Whether the member wants a weekly reminder email, and the ISO week (``2026-W49``) of
    the last one sent, so a week never gets two."""

    weekly = models.BooleanField(default=False)
    last_sent_week = models.CharField(max_length=8, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member"], name="toolkit_wellbeing_reminder_once")
        ]
