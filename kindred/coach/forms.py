from __future__ import annotations

from django import forms

from kindred.coach.analysis import MAX_CHARACTERS


class PracticeForm(forms.Form):
    title = forms.CharField(
        label="A name for this draft (optional, only you see it)",
        max_length=120,
        required=False,
    )
    text = forms.CharField(
        label="Your message",
        help_text="Write it as you would send it. Nothing leaves Kindred; only you can see it.",
        max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={
            "required": "Write a message first, then ask the coach to read it.",
            "max_length": "The coach reads up to %(limit_value)s characters; this draft has "
            "%(show_value)s. Try splitting it into shorter messages.",
        },
    )
