"""The journal: dated entries with a mood. The text is encrypted, so search decrypts the
member's own entries and filters them in Python (services.journal.search)."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class Mood(models.IntegerChoices):
    VERY_LOW = 1, "Very low"
    LOW = 2, "Low"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    VERY_GOOD = 5, "Very good"


class JournalEntry(ToolkitRecord):
    day = models.DateField()
    mood = models.PositiveSmallIntegerField(choices=Mood.choices, null=True, blank=True)
    text = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["member", "day"])]
