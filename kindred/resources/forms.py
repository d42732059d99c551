"""The public "Report a problem with this listing" form."""

from __future__ import annotations

from django import forms

from kindred.resources.models import ProblemReport


class ProblemReportForm(forms.Form):
    problem = forms.ChoiceField(
        label="What is wrong?",
        choices=ProblemReport.Problem.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label="What should it say? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please leave out names and contact details: we don't need them.",
    )
    # A honeypot: hidden from people (and from screen readers), filled in by form-filling bots.
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())
