"""The one-minute wellbeing check-in, and the weekly reminder setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import ToolkitFormMixin
from kindred.toolkit.models import CheckIn
from kindred.toolkit.models.wellbeing import SCORE_MAX, SCORE_MIN
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError
from kindred.toolkit.services.tracker import member_today

SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]

# The questions, in our own words: (field, label, what 0 and 10 mean).
QUESTIONS: dict[str, tuple[str, str]] = {
    "stress": ("How stressed have you felt lately?", "0 is not at all, 10 is extremely."),
    "mood": ("How has your mood been?", "0 is very low, 10 is very good."),
    "sleep": ("How well have you been sleeping?", "0 is very badly, 10 is very well."),
    "hope": ("How hopeful do you feel about the future?", "0 is not at all, 10 is very."),
    "family": ("Family", ""),
    "work": ("Work or study", ""),
    "health": ("Your health", ""),
    "friends": ("Friends", ""),
    "money": ("Money", ""),
    "free_time": ("Free time", ""),
}
AREA_HELP = "0 is not at all satisfied, 10 is completely satisfied."


def score_field(name: str) -> forms.TypedChoiceField:
    label, help_text = QUESTIONS[name]
    message = f"Choose a number from {SCORE_MIN} to {SCORE_MAX} for “{label.rstrip('?')}”."
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text or AREA_HELP,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "score-scale"}),
        error_messages={"required": message, "invalid_choice": message},
    )


class CheckInForm(ToolkitFormMixin, forms.ModelForm):
    day = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the date of this check-in, like 2026-11-03.",
            "invalid": "Enter a date like 2026-11-03.",
        },
    )
    stress = score_field("stress")
    mood = score_field("mood")
    sleep = score_field("sleep")
    hope = score_field("hope")
    family = score_field("family")
    work = score_field("work")
    health = score_field("health")
    friends = score_field("friends")
    money = score_field("money")
    free_time = score_field("free_time")

    class Meta:
        model = CheckIn
        fields = ["day", *QUESTIONS]

    FEELING_FIELDS = ("stress", "mood", "sleep", "hope")
    AREA_FIELDS = ("family", "work", "health", "friends", "money", "free_time")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.member is not None:
            self.initial.setdefault("day", member_today(self.member))

    def feelings(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FEELING_FIELDS]

    def areas(self) -> list[forms.BoundField]:
        return [self[name] for name in self.AREA_FIELDS]

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        try:
            wellbeing.check_date(day, member_today(self.member))
        except ToolkitError as error:
            raise ValidationError(str(error)) from None
        return day


class ReminderForm(forms.Form):
    weekly = forms.TypedChoiceField(
        label="A weekly reminder by email",
        choices=[("on", "Yes, remind me once a week"), ("off", "No reminders")],
        coerce=lambda value: value == "on",
        widget=forms.RadioSelect,
        help_text="A short email once a week that links to this page. It says only “Your "
        "weekly check-in”, nothing more.",
        error_messages={"required": "Choose whether you would like the reminder."},
    )
