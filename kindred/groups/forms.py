"""Forms for members (RSVP with consent, calendar settings) and facilitators (message, move)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms

from kindred.groups.models import Session

MAX_MESSAGE = 1000


class RsvpForm(forms.Form):
    consent = forms.BooleanField(
        required=False,
        label="I understand this session is recorded, and I agree to take part in a recorded "
        "session.",
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        if not session.is_recorded:
            del self.fields["consent"]

    def clean_consent(self) -> bool:
        value = bool(self.cleaned_data.get("consent"))
        if self.session.is_recorded and not value:
            raise forms.ValidationError(
                "This session is recorded. Tick the box to agree, or choose a session that is "
                "not recorded."
            )
        return value


class FeedSettingsForm(forms.Form):
    show_titles = forms.BooleanField(
        required=False,
        label='Show group names in my calendar (otherwise every event is called "Online session")',
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label="Message to everyone going and waiting",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown in Kindred; the email only says there is an update. Do not include "
        "anyone's details.",
        error_messages={"required": "Write a message."},
    )

    def clean_message(self) -> str:
        text = self.cleaned_data["message"].strip()
        if not text:
            raise forms.ValidationError("Write a message.")
        if len(text) > MAX_MESSAGE:
            raise forms.ValidationError(
                f"Please keep it under {MAX_MESSAGE} characters (it has {len(text)})."
            )
        return text


class MoveForm(forms.Form):
    date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="New start time", widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args: Any, session: Session, now: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.now = now
        self.zone = zoneinfo.ZoneInfo(session.group.time_zone)
        self.fields[
            "time"
        ].help_text = f"In the group's time zone, {session.group.time_zone.replace('_', ' ')}."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "date" in data and "time" in data:
            starts_at = dt.datetime.combine(data["date"], data["time"]).replace(tzinfo=self.zone)
            if starts_at <= self.now:
                raise forms.ValidationError("Choose a time in the future.")
            data["starts_at"] = starts_at.astimezone(dt.UTC)
        return data
