"""Small rewards for non-using days, and the log of when each was given."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class Effort(models.TextChoices):
    LOW = "low", "Little effort"
    SOME = "some", "Some effort"
    HIGH = "high", "A lot of effort"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    LOW = "low", "Costs a little"
    SOME = "some", "Costs more"


class Outcome(models.TextChoices):
    WELL = "well", "It went well"
    MIXED = "mixed", "Mixed"
    HARD = "hard", "It didn't go well"


class Reward(ToolkitRecord):
    what = EncryptedTextField()
    effort = models.CharField(max_length=8, choices=Effort.choices, default=Effort.LOW)
    cost = models.CharField(max_length=8, choices=Cost.choices, default=Cost.FREE)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at"]


class RewardGiven(ToolkitRecord):
    reward = models.ForeignKey(Reward, on_delete=models.CASCADE, related_name="given")
    given_on = models.DateField()
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True, default="")
    how_it_went = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-given_on", "-created_at"]
        indexes = [models.Index(fields=["member", "given_on"])]
