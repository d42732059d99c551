"""What every toolkit record shares: its owner, a key that exists before saving, and times.

Every record is its owner's alone. The primary key is a UUID chosen when the form is first
shown, so an autosave and the final submit (or the same form sent twice at once) write the
same row instead of making two. Nothing here is registered in any admin.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

# The most any one free-text answer in the toolkit may hold (a long page of writing).
MAX_TEXT_CHARACTERS = 10_000


class ToolkitRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:  # never the member's words
        return f"{type(self).__name__} {self.pk}"
