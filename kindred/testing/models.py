"""Models that exist only in the test database."""

import uuid

from django.db import models

from kindred.core.fields import EncryptedTextField


class PrivateNote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=100, blank=True)
    body = EncryptedTextField(blank=True, null=True)
    extra = EncryptedTextField(blank=True, default="")

    def __str__(self) -> str:
        return self.title or str(self.pk)
