"""The member's private safety plan: one per member."""

from __future__ import annotations

from django.db import models

from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import ToolkitRecord

# Things to keep ready, ticked off on the plan (the labels are ours, not the member's).
READY_ITEMS = [
    ("keys", "Spare keys"),
    ("documents", "Important papers (ID, bank cards, prescriptions)"),
    ("phone", "A charged phone and a charger"),
    ("money", "Some money for a taxi or a night away"),
    ("medicines", "Medicines you or the children need"),
    ("naloxone", "Naloxone"),
]

PLAN_TEXT_FIELDS = [
    "my_warning_signs",
    "their_warning_signs",
    "safe_places",
    "getting_there",
    "person_1_name",
    "person_1_phone",
    "person_2_name",
    "person_2_phone",
    "person_3_name",
    "person_3_phone",
    "naloxone_where",
    "things_ready_other",
    "if_violent",
    "if_overdose",
    "if_suicide",
    "children_plan",
]


class SafetyPlan(ToolkitRecord):
    my_warning_signs = EncryptedTextField(blank=True, default="")
    their_warning_signs = EncryptedTextField(blank=True, default="")
    safe_places = EncryptedTextField(blank=True, default="")
    getting_there = EncryptedTextField(blank=True, default="")
    person_1_name = EncryptedTextField(blank=True, default="")
    person_1_phone = EncryptedTextField(blank=True, default="")
    person_2_name = EncryptedTextField(blank=True, default="")
    person_2_phone = EncryptedTextField(blank=True, default="")
    person_3_name = EncryptedTextField(blank=True, default="")
    person_3_phone = EncryptedTextField(blank=True, default="")
    things_ready = models.JSONField(default=list, blank=True)
    naloxone_where = EncryptedTextField(blank=True, default="")
    things_ready_other = EncryptedTextField(blank=True, default="")
    if_violent = EncryptedTextField(blank=True, default="")
    if_overdose = EncryptedTextField(blank=True, default="")
    if_suicide = EncryptedTextField(blank=True, default="")
    children_plan = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member"], name="toolkit_safety_plan_once"),
        ]

    def people(self) -> list[tuple[str, str]]:
        found = []
        for n in (1, 2, 3):
            name, phone = getattr(self, f"person_{n}_name"), getattr(self, f"person_{n}_phone")
            if name or phone:
                found.append((name, phone))
        return found

    def filled_count(self) -> int:
        return sum(1 for name in PLAN_TEXT_FIELDS if getattr(self, name)) + len(
            self.things_ready or []
        )
