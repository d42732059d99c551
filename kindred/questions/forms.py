from __future__ import annotations

from typing import Any

from django import forms

from kindred.accounts.models import Relationship, Substance
from kindred.questions.models.private import Duration
from kindred.questions.services import QuestionFields

TITLE_MAX = 150
BODY_MAX = 6000
CONTEXT_MAX = 3000
REPLY_MAX = 12000


def _choices_with_blank(choices: Any, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *choices]


class KindredForm(forms.Form):
    label_suffix = ""


class AskForm(KindredForm):
    """The member's question. Nothing is required to save a draft; sending checks more."""

    title = forms.CharField(
        label="A short title",
        max_length=TITLE_MAX,
        required=False,
        help_text="Only you and the coaches see it.",
    )
    body = forms.CharField(
        label="Your question",
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What is happening, and what would you like help with?",
    )
    context = forms.CharField(
        label="Anything else the coach should know (optional)",
        max_length=CONTEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    relationship = forms.ChoiceField(
        label="Your loved one is your…",
        choices=_choices_with_blank(
            [(v, lab) for v, lab in Relationship.choices], "Prefer not to say"
        ),
        required=False,
    )
    substances = forms.MultipleChoiceField(
        label="Substances involved (optional)",
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    duration = forms.ChoiceField(
        label="For how long?",
        choices=_choices_with_blank(Duration.choices, "Prefer not to say"),
        required=False,
    )
    category = forms.TypedChoiceField(
        label="Topic (optional)", required=False, coerce=int, empty_value=None
    )
    publish = forms.ChoiceField(
        label="Once a coach has answered…",
        choices=[
            ("private", "Keep it private: only the coaches and I see it"),
            ("anonymous", 'Kindred may publish it anonymised, as "A member"'),
            ("pseudonym", "Kindred may publish it anonymised, under my pseudonym"),
        ],
        initial="private",
        required=False,
        widget=forms.RadioSelect,
        help_text="A coach removes names, places and details first. You can withdraw it at "
        "any time.",
    )

    def __init__(self, *args: Any, categories: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Not sure"), *[(c.pk, c.name) for c in categories]]  # type: ignore[attr-defined]

    def check_ready_to_send(self) -> bool:
        """Sending needs a title and a question (a draft needs nothing)."""
        if not self.is_valid():
            return False
        if not self.cleaned_data["title"].strip():
            self.add_error("title", "Give your question a short title.")
        if not self.cleaned_data["body"].strip():
            self.add_error("body", "Write your question before sending it.")
        return not self.errors

    def question_fields(self) -> QuestionFields:
        """The cleaned answers, as the services take them."""
        data = self.cleaned_data
        publish = data.get("publish") or "private"
        return QuestionFields(
            title=data.get("title") or "",
            body=data.get("body") or "",
            context=data.get("context") or "",
            relationship=data.get("relationship") or "",
            substances=tuple(data.get("substances") or ()),
            duration=data.get("duration") or "",
            category_id=data.get("category"),
            allow_publish=publish != "private",
            show_pseudonym=publish == "pseudonym",
        )


class MemberReplyForm(KindredForm):
    text = forms.CharField(
        label="Your reply",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write your reply before sending it."},
    )


class CoachReplyForm(KindredForm):
    text = forms.CharField(
        label="Your reply",
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown: **bold**, *italic*, - lists, > quotes, [links](/get-help/).",
        error_messages={"required": "Write a reply before sending it."},
    )
    asks_for_detail = forms.BooleanField(
        label="This asks the member for more detail (the question waits for them)",
        required=False,
    )
    suggested = forms.TypedMultipleChoiceField(
        label="Suggest articles or lessons (optional)", coerce=int, required=False
    )
    template = forms.CharField(required=False)

    def __init__(self, *args: Any, pages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suggested"].choices = [(p.pk, p.title) for p in pages]  # type: ignore[attr-defined]


class NoteForm(KindredForm):
    note = forms.CharField(
        label="Internal note (coaches only; the member never sees it)",
        max_length=CONTEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the note first."},
    )


class PublishForm(KindredForm):
    title = forms.CharField(label="Public title", max_length=TITLE_MAX)
    question = forms.CharField(
        label="The question, anonymised",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Remove names, places, employers, ages that identify, dates and anything "
        "else that could point at the family.",
    )
    answer = forms.CharField(
        label="The answer",
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown, prefilled from your reply. Remove anything identifying here too.",
    )
    categories = forms.TypedMultipleChoiceField(
        label="Categories", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    tags = forms.CharField(label="Tags (comma-separated)", max_length=300, required=False)
    anonymised = forms.BooleanField(
        label="I have removed names, places and identifying details",
        error_messages={"required": "Check the text once more, then tick this box."},
    )

    def __init__(self, *args: Any, categories: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c.pk, c.name) for c in categories]  # type: ignore[attr-defined]
