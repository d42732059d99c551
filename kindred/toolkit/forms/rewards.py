"""Rewards: a reward, and a note that one was given."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import ToolkitFormMixin, autosave
from kindred.toolkit.models import Reward, RewardGiven
from kindred.toolkit.services import rewards, tracker
from kindred.toolkit.services.records import ToolkitError


@autosave("reward")
class RewardForm(ToolkitFormMixin, forms.ModelForm):
    required_text_fields = ("what",)

    class Meta:
        model = Reward
        fields = ["what", "effort", "cost"]
        labels = {
            "what": "The reward",
            "effort": "Effort for you",
            "cost": "Cost",
        }
        help_texts = {
            "what": "Something your loved one enjoys that you can offer soon after a non-using "
            "time: an hour together, a favourite meal, a walk, watching the game.",
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "effort": forms.RadioSelect,
            "cost": forms.RadioSelect,
        }

    def clean_what(self) -> str:
        what: str = self.cleaned_data.get("what") or ""
        if not what.strip():
            raise ValidationError("Describe the reward in a few words.")
        if rewards.looks_like_cash(what):
            raise ValidationError(rewards.CASH_MESSAGE)
        return what


@autosave("reward-given")
class RewardGivenForm(ToolkitFormMixin, forms.ModelForm):
    reward = forms.ModelChoiceField(
        queryset=Reward.objects.none(),
        label="Which reward?",
        empty_label=None,
        error_messages={
            "invalid_choice": "That reward no longer exists (it may have been deleted in "
            "another window). Please choose again."
        },
    )
    given_on = forms.DateField(
        label="When?",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date like 2026-11-03."},
    )

    class Meta:
        model = RewardGiven
        fields = ["reward", "given_on", "outcome", "how_it_went"]
        labels = {"outcome": "How did it go?", "how_it_went": "Anything to remember (optional)"}
        widgets = {
            "outcome": forms.RadioSelect,
            "how_it_went": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.member is not None:
            reward_field: Any = self.fields["reward"]
            reward_field.queryset = Reward.objects.filter(member=self.member)
        self.fields["outcome"].required = False
        if not self.is_bound and self.member is not None:
            self.initial.setdefault("given_on", tracker.member_today(self.member))

    def clean_given_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["given_on"]
        try:
            tracker.check_day(day, tracker.member_today(self.member))
        except ToolkitError as error:
            raise ValidationError(str(error)) from None
        return day
