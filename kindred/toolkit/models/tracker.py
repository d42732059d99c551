"""The day tracker: one row per member and day, and the member's own tags."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class Used(models.TextChoices):
    NO = "no", "No"
    YES = "yes", "Yes"
    UNKNOWN = "unknown", "I don't know"


class TagKind(models.TextChoices):
    SUBSTANCE = "substance", "Substances"
    SITUATION = "situation", "Situations"
    TRIGGER = "trigger", "Triggers"


class TrackerTag(ToolkitRecord):
    """A tag the member added to the built-in ones (kindred.toolkit.tags). Its words are the
    member's, so they are encrypted; a day refers to it by its id."""

    kind = models.CharField(max_length=16, choices=TagKind.choices)
    label = EncryptedTextField()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["member", "kind"])]


class TrackerDay(ToolkitRecord):
    """What the member noted about one day. ``tags`` holds tag ids: built-in keys such as
    ``trigger:payday`` and the string ids of the member's own TrackerTag rows."""

    day = models.DateField()
    used = models.CharField(max_length=8, choices=Used.choices)
    tags = models.JSONField(default=list, blank=True)
    between_us = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How the day went between them, 1 (hard) to 5 (good)."
    )
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "day"], name="toolkit_tracker_day_once"),
            models.CheckConstraint(
                condition=models.Q(between_us__isnull=True)
                | models.Q(between_us__gte=1, between_us__lte=5),
                name="toolkit_tracker_between_us_1_5",
            ),
        ]
        ordering = ["day"]
