"""Stepping back: what the member will stop doing, what they will allow instead, and the
safety check each item gets."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class Risk(models.TextChoices):
    OPIOIDS = "opioids", "They may have used opioids (heroin, fentanyl, pills)"
    BENZOS = "benzodiazepines", "They may have taken benzodiazepines or sleeping pills"
    DRINKING = "drinking", "They may have been drinking heavily"
    DRIVING = "driving", "Driving or operating machinery"
    VIOLENCE = "violence", "Anger, threats or violence"
    CHILDREN = "children", "Children who depend on them"
    SELF_HARM = "self_harm", "Talk of not wanting to live"


class SteppingBackItem(ToolkitRecord):
    stop_doing = EncryptedTextField()
    allow_instead = EncryptedTextField(blank=True, default="")
    risks = models.JSONField(default=list, blank=True, help_text="Risk keys the member ticked.")
    # Set on every save by kindred.toolkit.services.stepping_back.safety_check: the ticked
    # risks plus the ones its words suggest.
    flags = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["created_at"]

    @property
    def flagged(self) -> bool:
        return bool(self.flags)
