"""A journal entry: a date, a mood and the member's own words (encrypted)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import JournalEntry
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError
from kindred.toolkit.services.tracker import member_today


@autosave("journal")
class JournalEntryForm(ToolkitFormMixin, forms.ModelForm):
    day = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the date of this entry, like 2026-11-03.",
            "invalid": "Enter a date like 2026-11-03.",
        },
    )

    class Meta:
        model = JournalEntry
        fields = ["day", "mood", "text"]
        labels = {"mood": "Your mood (optional)", "text": "What would you like to write?"}
        help_texts = {"text": "Only you can see this. It is kept encrypted."}
        widgets = {
            "mood": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mood: Any = self.fields["mood"]
        mood.required = False
        mood.choices = [choice for choice in mood.choices if choice[0] != ""]
        mood.error_messages["invalid_choice"] = "Choose one of the moods, or none."
        if not self.is_bound and self.member is not None:
            self.initial.setdefault("day", member_today(self.member))

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        try:
            wellbeing.check_date(day, member_today(self.member))
        except ToolkitError as error:
            raise ValidationError(str(error)) from None
        return day

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text") or ""
        if not text.strip():
            raise ValidationError("Write something before saving: even a line is enough.")
        return text
