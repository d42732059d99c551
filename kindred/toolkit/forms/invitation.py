"""The treatment-invitation planner's forms: the plan, a prepared answer of the member's
own, a treatment option, and a window of opportunity."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import (
    InvitationPlan,
    OpportunityWindow,
    OptionKind,
    PreparedAnswer,
    StartsSoon,
    TreatmentOption,
)
from kindred.toolkit.services import invitation


def _box(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


@autosave("invitation-plan")
class InvitationPlanForm(ToolkitFormMixin, forms.ModelForm):
    class Meta:
        model = InvitationPlan
        fields = list(invitation.PLAN_FIELDS)
        labels = {
            "words": "What you will say",
            "answer_no_problem": "Your answer",
            "answer_cut_down": "Your answer",
            "answer_your_problem": "Your answer",
            "helper_drive": "Who could drive them, or go with them, to a first visit?",
            "helper_children": "Who could look after the children (or pets) that day?",
            "helper_other": "Anyone else who could help (a friend, a doctor, a relative they "
            "listen to)",
            "plan_b_try_again": "When you could try again",
            "plan_b_smaller_step": "A smaller step you could offer",
            "plan_b_other": "A different option or a different messenger",
        }
        help_texts = {
            "words": "Brief, warm and specific: how you feel, something you understand about "
            "them, a share of responsibility, and an offer (“Would you come to one session "
            "with me?”). Tie it to what they want for themselves.",
            "plan_b_try_again": "After the next window, or in a week or two. A no today is "
            "not a no forever.",
            "plan_b_smaller_step": "One phone call together, a visit to the doctor, reading "
            "about an option, a single session.",
            "plan_b_other": "Another option from your list, or someone else they trust who "
            "could ask.",
        }
        widgets = {name: _box() for name in invitation.PLAN_FIELDS} | {"words": _box(6)}


@autosave("invitation-answer")
class PreparedAnswerForm(ToolkitFormMixin, forms.ModelForm):
    required_text_fields = ("their_reply",)

    class Meta:
        model = PreparedAnswer
        fields = ["their_reply", "answer"]
        labels = {"their_reply": "What they might say", "answer": "What you will answer"}
        widgets = {"their_reply": _box(2), "answer": _box(3)}
        error_messages = {
            "their_reply": {"required": "Write the reply you expect, in a few words."}
        }


@autosave("treatment-option")
class TreatmentOptionForm(ToolkitFormMixin, forms.ModelForm):
    required_text_fields = ("name",)

    class Meta:
        model = TreatmentOption
        fields = [
            "name",
            "kind",
            "phone",
            "website",
            "address",
            "hours",
            "cost_notes",
            "starts_soon",
            "notes",
        ]
        labels = {
            "name": "Name",
            "kind": "What kind of help",
            "phone": "Phone",
            "website": "Website",
            "address": "Address",
            "hours": "Opening hours",
            "cost_notes": "Cost and insurance",
            "starts_soon": "Can they see someone new within a day or two?",
            "notes": "Notes (what the first visit is like, who you spoke to)",
        }
        help_texts = {
            "cost_notes": "Free, sliding scale, which insurance they take, what Medicaid covers.",
            "starts_soon": "Ask when you call: a quick start matters, since a window may close.",
        }
        error_messages = {"name": {"required": "Give this option a name."}}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "kind": forms.Select,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "website": forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
            "address": _box(2),
            "hours": forms.TextInput(attrs={"autocomplete": "off"}),
            "cost_notes": _box(2),
            "starts_soon": forms.RadioSelect,
            "notes": _box(3),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices the member may skip (an autosave of a half-typed option, say): the defaults.
        self.fields["kind"].required = False
        self.fields["starts_soon"].required = False

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or OptionKind.OTHER

    def clean_starts_soon(self) -> str:
        return self.cleaned_data.get("starts_soon") or StartsSoon.UNKNOWN

    def clean_phone(self) -> str:
        return invitation.check_phone(self.cleaned_data.get("phone") or "")

    def clean_website(self) -> str:
        return invitation.check_website(self.cleaned_data.get("website") or "")


WINDOW_TIME_FORMAT = "%Y-%m-%dT%H:%M"


@autosave("opportunity-window")
class WindowForm(ToolkitFormMixin, forms.ModelForm):
    required_text_fields = ("what_happened",)

    happened_at = forms.DateTimeField(
        label="When",
        input_formats=[WINDOW_TIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WINDOW_TIME_FORMAT),
        error_messages={
            "invalid": "Enter a date and time like 2026-11-03 21:30.",
            "required": "When did it happen? Leave the time as it is for “just now”.",
        },
    )

    class Meta:
        model = OpportunityWindow
        fields = ["kind", "what_happened", "happened_at"]
        labels = {"kind": "What kind of window", "what_happened": "What they said or did"}
        help_texts = {
            "what_happened": "Their words, as close as you remember them: “I can’t keep living "
            "like this.”"
        }
        widgets = {"kind": forms.RadioSelect, "what_happened": _box(3)}
        error_messages = {
            "what_happened": {"required": "Write what they said or did, in a few words."}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("happened_at"):
            # "Just now", in the member's own time zone (activated by the middleware).
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_happened_at(self) -> dt.datetime:
        return invitation.check_window_time(self.cleaned_data["happened_at"])
