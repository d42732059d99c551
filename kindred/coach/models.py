"""A member's saved practice drafts: private, encrypted at rest."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from kindred.core.fields import EncryptedTextField


class PracticeDraft(models.Model):
    """A message a member is practising. Only its author ever sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_drafts"
    )
    title = EncryptedTextField(blank=True, default="")
    text = EncryptedTextField()
    score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["member", "-updated_at"])]

    def __str__(self) -> str:
        return f"Practice draft {self.pk}"
