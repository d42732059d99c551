"""The safety plan's form (one per member)."""

from __future__ import annotations

from typing import Any

from django import forms

from kindred.toolkit.forms.base import Saved, ToolkitFormMixin, autosave
from kindred.toolkit.models import SafetyPlan
from kindred.toolkit.models.safety_plan import PLAN_TEXT_FIELDS, READY_ITEMS
from kindred.toolkit.services.records import save_record


@autosave("safety-plan")
class SafetyPlanForm(ToolkitFormMixin, forms.ModelForm):
    things_ready = forms.MultipleChoiceField(
        label="Things to keep ready, in one place you can reach quickly",
        choices=READY_ITEMS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SafetyPlan
        fields = [*PLAN_TEXT_FIELDS, "things_ready"]
        labels = {
            "my_warning_signs": "Signs that I am not safe (what I notice in myself)",
            "their_warning_signs": "Signs that my loved one may become unsafe",
            "safe_places": "Safe places I can go",
            "getting_there": "How I will get there (and where the keys are)",
            "person_1_name": "Name",
            "person_1_phone": "Phone",
            "person_2_name": "Name",
            "person_2_phone": "Phone",
            "person_3_name": "Name",
            "person_3_phone": "Phone",
            "naloxone_where": "Where the naloxone is",
            "things_ready_other": "Anything else to keep ready",
            "if_violent": "If my loved one becomes violent or threatening, I will",
            "if_overdose": "If my loved one may be overdosing, I will",
            "if_suicide": "If my loved one talks about suicide or not wanting to live, I will",
            "children_plan": "The children's part of the plan",
        }
        help_texts = {
            "their_warning_signs": "For example: how they talk or move when things are about "
            "to get worse, times of day, certain people.",
            "children_plan": "Where they go, who they call, a code word, what they should "
            "never do (step in, for example).",
        }
        widgets: dict[str, Any] = {
            name: forms.Textarea(attrs={"rows": 3}) for name in PLAN_TEXT_FIELDS
        }
        widgets.update(
            {
                f"person_{n}_{part}": forms.TextInput(
                    attrs={
                        "autocomplete": "off",
                        **({"inputmode": "tel"} if part == "phone" else {}),
                    }
                )
                for n in (1, 2, 3)
                for part in ("name", "phone")
            }
        )

    def save_for(self, member: Any) -> Saved:
        # One plan per member: whatever id the page had, save into the member's plan.
        existing = SafetyPlan.objects.filter(member=member).values_list("pk", flat=True).first()
        if existing is not None:
            self.cleaned_data["record_id"] = existing
        record = save_record(
            SafetyPlan,
            member=member,
            record_id=self.cleaned_data["record_id"],
            values=self.record_values(),
        )
        return Saved(record, self.crisis_alert())
