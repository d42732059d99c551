"""Stepping back: one item, with its safety check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import Risk, SteppingBackItem
from kindred.toolkit.services.stepping_back import safety_check


@autosave("stepping-back")
class SteppingBackForm(ToolkitFormMixin, forms.ModelForm):
    required_text_fields = ("stop_doing",)

    risks = forms.MultipleChoiceField(
        label="Safety check: could any of these be part of it?",
        help_text="Tick any that could apply. We check your words too.",
        choices=Risk.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SteppingBackItem
        fields = ["stop_doing", "allow_instead", "risks"]
        labels = {
            "stop_doing": "What I will stop doing",
            "allow_instead": "What I will let happen instead",
        }
        help_texts = {
            "stop_doing": "Something that protects your loved one from the results of use: "
            "calling in sick for them, paying a fine, cleaning up, making excuses.",
            "allow_instead": "The natural consequence, for example: they call work themselves.",
        }
        widgets = {
            "stop_doing": forms.Textarea(attrs={"rows": 3}),
            "allow_instead": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_stop_doing(self) -> str:
        value: str = self.cleaned_data.get("stop_doing") or ""
        if not value.strip():
            raise ValidationError("Say in a few words what you will stop doing.")
        return value

    def record_values(self) -> dict[str, Any]:
        values = super().record_values()
        values["flags"] = safety_check(
            values.get("stop_doing") or "",
            values.get("allow_instead") or "",
            list(values.get("risks") or []),
        )
        return values
