"""The self-care plan: a goal, and a done / not yet answer for one day."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import SelfCareGoal
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError


@autosave("self-care-goal")
class SelfCareGoalForm(ToolkitFormMixin, forms.ModelForm):
    class Meta:
        model = SelfCareGoal
        fields = ["goal"]
        labels = {"goal": "Your goal"}
        help_texts = {
            "goal": "Small, specific, positive and in your control: something you will do "
            "for yourself, like “Walk for twenty minutes on Monday, Wednesday and Friday”.",
        }
        widgets = {"goal": forms.Textarea(attrs={"rows": 2})}

    def clean_goal(self) -> str:
        goal: str = self.cleaned_data.get("goal") or ""
        if not goal.strip():
            raise ValidationError("Write your goal in a few words.")
        return goal


class LogForm(forms.Form):
    """``done`` comes from the button pressed: "yes" (done) or "no" (not yet)."""

    day = forms.DateField(
        label="Day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter a date like 2026-11-03.",
            "invalid": "Enter a date like 2026-11-03.",
        },
    )
    done = forms.TypedChoiceField(
        choices=[("yes", "Done"), ("no", "Not yet")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": "Choose done or not yet.",
            "invalid_choice": "Choose done or not yet.",
        },
    )

    def __init__(self, *args: object, today: dt.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.today = today

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        try:
            wellbeing.check_date(day, self.today)
        except ToolkitError as error:
            raise ValidationError(str(error)) from None
        return day
