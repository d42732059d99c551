"""The day tracker's forms: one day, and a new tag."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kindred.toolkit.forms.base import Saved, ToolkitFormMixin, autosave
from kindred.toolkit.models import TagKind, TrackerDay, Used
from kindred.toolkit.services import tracker
from kindred.toolkit.services.records import ToolkitError

BETWEEN_US = [
    ("1", "1 – very hard"),
    ("2", "2 – hard"),
    ("3", "3 – so-so"),
    ("4", "4 – good"),
    ("5", "5 – very good"),
]


@autosave("tracker-day")
class TrackerDayForm(ToolkitFormMixin, forms.ModelForm):
    day = forms.DateField(widget=forms.HiddenInput)
    used = forms.ChoiceField(
        label="Did your loved one use?",
        choices=Used.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes, no or I don't know."},
    )
    tags = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "One of the tags you chose no longer exists (it may have been "
            "removed in another window). Please choose again."
        },
    )
    between_us = forms.TypedChoiceField(
        label="How did the day go between the two of you?",
        choices=BETWEEN_US,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = TrackerDay
        fields = ["day", "used", "tags", "between_us", "note"]
        labels = {"note": "A note for yourself (optional)"}
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = tracker.own_tags(self.member) if self.member is not None else []
        self.tag_groups = tracker.tag_choices(self.member, own) if self.member else {}
        tags_field: Any = self.fields["tags"]
        tags_field.choices = [
            (tag.id, tag.label) for group in self.tag_groups.values() for tag in group
        ]

    def grouped_tags(self) -> list[tuple[str, list[Any]]]:
        """(heading, [(tag, checked)]) for the template, one fieldset per kind."""
        if self.is_bound:
            chosen = set(self.data.getlist("tags")) if hasattr(self.data, "getlist") else set()
        else:
            chosen = set(self.initial.get("tags") or [])
        labels = dict(TagKind.choices)
        return [
            (str(labels[kind]), [(tag, tag.id in chosen) for tag in tags])
            for kind, tags in self.tag_groups.items()
        ]

    def clean_day(self) -> dt.date:
        day: dt.date = self.cleaned_data["day"]
        try:
            tracker.check_day(day, tracker.member_today(self.member))
        except ToolkitError as error:
            raise ValidationError(str(error)) from None
        return day

    def save_for(self, member: Any) -> Saved:
        data = self.cleaned_data
        entry, crisis = tracker.save_day(
            member=member,
            values=tracker.DayValues(
                day=data["day"],
                used=data["used"],
                tags=list(data.get("tags") or []),
                between_us=data.get("between_us"),
                note=data.get("note") or "",
            ),
            record_id=data["record_id"],
        )
        return Saved(entry, crisis)

    @classmethod
    def bound_for(cls, member: Any, data: Any) -> ToolkitFormMixin:
        # A day's form edits the member's entry for that date, whatever its id.
        instance = None
        try:
            day = dt.date.fromisoformat(str(data.get("day")))
        except ValueError:
            day = None
        if day is not None:
            instance = TrackerDay.objects.filter(member=member, day=day).first()
        return cls(data=data, instance=instance or TrackerDay(member=member), member=member)


class TagForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of tag", choices=TagKind.choices)
    label = forms.CharField(label="Name", max_length=tracker.MAX_TAG_LABEL, strip=True)
