"""The treatment-invitation planner: the plan (the words, the prepared answers, who will
help, plan B), the member's own prepared answers, the treatment options ready before the
moment, and the windows of opportunity they noticed (a dip or a wish)."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord


class InvitationPlan(ToolkitRecord):
    """One per member (the planner page reads and saves the member's only plan)."""

    words = EncryptedTextField(blank=True, default="")
    # What the member will answer to the replies families hear most often.
    answer_no_problem = EncryptedTextField(blank=True, default="")
    answer_cut_down = EncryptedTextField(blank=True, default="")
    answer_your_problem = EncryptedTextField(blank=True, default="")
    # Who will help on the day.
    helper_drive = EncryptedTextField(blank=True, default="")
    helper_children = EncryptedTextField(blank=True, default="")
    helper_other = EncryptedTextField(blank=True, default="")
    # Plan B, if the answer is no.
    plan_b_try_again = EncryptedTextField(blank=True, default="")
    plan_b_smaller_step = EncryptedTextField(blank=True, default="")
    plan_b_other = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member"], name="toolkit_one_invitation_plan")
        ]


class PreparedAnswer(ToolkitRecord):
    """A reply the member expects (in their own words) and what they will answer."""

    their_reply = EncryptedTextField()
    answer = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["created_at"]


class OptionKind(models.TextChoices):
    PROGRAMME = "programme", "Treatment programme (outpatient or residential)"
    COUNSELLOR = "counsellor", "Counsellor or therapist"
    MEDICAL = "medical", "Doctor or medication for addiction"
    DETOX = "detox", "Withdrawal care (detox)"
    HELPLINE = "helpline", "Helpline or treatment locator"
    PEER = "peer", "Peer support or mutual help"
    OTHER = "other", "Something else"


class StartsSoon(models.TextChoices):
    YES = "yes", "Yes, within a day or two"
    NO = "no", "No, there is a wait"
    UNKNOWN = "unknown", "I don't know yet"


class TreatmentOption(ToolkitRecord):
    name = EncryptedTextField()
    kind = models.CharField(max_length=12, choices=OptionKind.choices, default=OptionKind.PROGRAMME)
    phone = EncryptedTextField(blank=True, default="")
    website = EncryptedTextField(blank=True, default="")
    address = EncryptedTextField(blank=True, default="")
    hours = EncryptedTextField(blank=True, default="")
    cost_notes = EncryptedTextField(blank=True, default="")
    starts_soon = models.CharField(
        max_length=8, choices=StartsSoon.choices, default=StartsSoon.UNKNOWN
    )
    notes = EncryptedTextField(blank=True, default="")
    # The directory entry its details were copied from (kept if the entry is unpublished).
    resource = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]


class WindowKind(models.TextChoices):
    DIP = "dip", "A dip: a low moment (regret, a consequence that hurt)"
    WISH = "wish", "A wish: they said life should be different"
    OTHER = "other", "Something else that felt like an opening"


class OpportunityWindow(ToolkitRecord):
    kind = models.CharField(max_length=8, choices=WindowKind.choices, default=WindowKind.DIP)
    what_happened = EncryptedTextField()
    happened_at = models.DateTimeField()

    class Meta:
        ordering = ["-happened_at", "-created_at"]
        indexes = [models.Index(fields=["member", "happened_at"])]

    @property
    def short_kind(self) -> str:
        return {"dip": "A dip", "wish": "A wish"}.get(self.kind, "An opening")
