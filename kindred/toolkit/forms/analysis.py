"""A functional analysis worksheet."""

from __future__ import annotations

from typing import Any

from django import forms

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import AnalysisKind, FunctionalAnalysis
from kindred.toolkit.models.analysis import ANALYSIS_TEXT_FIELDS
from kindred.toolkit.services.analysis import FIELDS


@autosave("analysis")
class AnalysisForm(ToolkitFormMixin, forms.ModelForm):
    kind = forms.ChoiceField(choices=AnalysisKind.choices, widget=forms.HiddenInput)

    class Meta:
        model = FunctionalAnalysis
        fields = ["kind", *ANALYSIS_TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ANALYSIS_TEXT_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.data.get("kind") if self.is_bound else None
        chosen = chosen or self.initial.get("kind") or getattr(self.instance, "kind", "")
        if chosen not in FIELDS:
            chosen = "using"
        self.sheet_kind: str = chosen
        for name, label, help_text in FIELDS[chosen]:
            self.fields[name].label = label
            self.fields[name].help_text = help_text
        self.fields["title"].widget = forms.TextInput()
