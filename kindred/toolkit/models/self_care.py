"""The self-care plan: goals the member sets for their own life, and a done / not yet log."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class SelfCareGoal(ToolkitRecord):
    goal = EncryptedTextField()
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]


class SelfCareLog(ToolkitRecord):
    """Whether the member did the goal on one day (one row per goal and day)."""

    goal = models.ForeignKey(SelfCareGoal, on_delete=models.CASCADE, related_name="log")
    day = models.DateField()
    done = models.BooleanField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "day"], name="toolkit_self_care_log_once")
        ]
