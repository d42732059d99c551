"""Functional analysis worksheets (CRAFT): a using episode, or a healthy activity."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class AnalysisKind(models.TextChoices):
    USING = "using", "A time your loved one used"
    HEALTHY = "healthy", "Something healthy your loved one enjoys"


ANALYSIS_TEXT_FIELDS = [
    "title",
    "outer_triggers",
    "inner_thoughts",
    "inner_feelings",
    "behaviour",
    "short_term",
    "long_term",
]


class FunctionalAnalysis(ToolkitRecord):
    kind = models.CharField(max_length=8, choices=AnalysisKind.choices)
    title = EncryptedTextField(blank=True, default="")
    outer_triggers = EncryptedTextField(blank=True, default="")
    inner_thoughts = EncryptedTextField(blank=True, default="")
    inner_feelings = EncryptedTextField(blank=True, default="")
    behaviour = EncryptedTextField(blank=True, default="")
    short_term = EncryptedTextField(blank=True, default="")
    long_term = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["member", "-updated_at"])]
