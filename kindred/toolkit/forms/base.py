"""The form mixin every toolkit form uses, and the registry of forms the autosave endpoint
accepts.

``ToolkitFormMixin`` (on a ModelForm for a ``ToolkitRecord``):

- a hidden ``record_id``: chosen when the form is first shown, so autosaves, the final
  submit and a double submit all write one row (``services.records.save_record``);
- every encrypted text field is optional and limited to ``MAX_TEXT_CHARACTERS`` with a
  message that says how long it is; the browser never truncates (no ``maxlength``) so
  nothing the member typed is cut off;
- ``save_for(member)`` saves and returns the record and the crisis alert its words raise.

``@autosave("kind")`` makes a form reachable at ``POST /api/toolkit/autosave/{kind}``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError

from kindred.coach.crisis import CrisisAlert, check_for_crisis
from kindred.core.fields import EncryptedTextField
from kindred.toolkit.models.base import MAX_TEXT_CHARACTERS
from kindred.toolkit.services.records import save_record

AUTOSAVE_FORMS: dict[str, type[ToolkitFormMixin]] = {}


def autosave[F: type[ToolkitFormMixin]](kind: str) -> Any:
    """Class decorator: the form may be saved through the autosave endpoint as ``kind``."""

    def register(form_class: F) -> F:
        if kind in AUTOSAVE_FORMS and AUTOSAVE_FORMS[kind] is not form_class:
            raise ValueError(f"Two toolkit forms autosave as {kind!r}")
        form_class.autosave_kind = kind
        AUTOSAVE_FORMS[kind] = form_class
        return form_class

    return register


def validate_length(value: str) -> None:
    if value and len(value) > MAX_TEXT_CHARACTERS:
        raise ValidationError(
            f"This is {len(value):,} characters long; the most we can keep in one box is "
            f"{MAX_TEXT_CHARACTERS:,}. Please shorten it: your text is still here.",
            code="too_long",
        )


@dataclass(frozen=True)
class Saved:
    record: Any
    crisis: CrisisAlert | None


class ToolkitFormMixin(forms.Form):
    """Put it first: ``class MyForm(ToolkitFormMixin, forms.ModelForm)``."""

    autosave_kind: ClassVar[str] = ""
    # Encrypted fields the member may leave empty (every one, unless a form says otherwise).
    required_text_fields: ClassVar[tuple[str, ...]] = ()

    record_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, member: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        instance = getattr(self, "instance", None)
        if not self.is_bound:
            existing = instance.pk if instance is not None and not instance._state.adding else None
            self.initial.setdefault("record_id", existing or uuid.uuid4())
        for name in self.text_field_names():
            field: Any = self.fields[name]
            field.required = name in self.required_text_fields
            field.max_length = None
            field.widget.attrs.pop("maxlength", None)
            field.validators.append(validate_length)
            field.strip = False  # keep exactly what was typed

    @classmethod
    def bound_for(cls, member: Any, data: Any) -> ToolkitFormMixin:
        """The form bound to ``data``, on the member's record ``data["record_id"]`` if they
        have one (a new record otherwise: an id that is someone else's fails on save)."""
        model = cls.model_class()
        instance = None
        try:
            record_id = uuid.UUID(str(data.get("record_id")))
        except ValueError:
            record_id = None
        if record_id is not None:
            instance = model.objects.filter(pk=record_id, member=member).first()
        if instance is None:
            instance = model(member=member)
        return cls(data=data, instance=instance, member=member)  # type: ignore[call-arg]

    @classmethod
    def model_class(cls) -> Any:
        return cls._meta.model  # type: ignore[attr-defined]

    def text_field_names(self) -> list[str]:
        """The form's fields that hold the member's own words (encrypted on the model)."""
        meta = self.model_class()._meta
        names = []
        for name in self.fields:
            try:
                field = meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, EncryptedTextField):
                names.append(name)
        return names

    def record_values(self) -> dict[str, Any]:
        """The model values to save (the cleaned fields of the model, by default)."""
        model_fields = {f.name for f in self.model_class()._meta.get_fields()}
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in model_fields and name != "record_id"
        }

    def crisis_alert(self) -> CrisisAlert | None:
        for name in self.text_field_names():
            alert = check_for_crisis(self.cleaned_data.get(name) or "")
            if alert is not None:
                return alert
        return None

    def save_for(self, member: Any) -> Saved:
        """Save the member's record (create or update by ``record_id``); see save_record."""
        record = save_record(
            self.model_class(),
            member=member,
            record_id=self.cleaned_data["record_id"],
            values=self.record_values(),
        )
        return Saved(record, self.crisis_alert())

    def first_error(self) -> str:
        for errors in self.errors.values():
            for message in errors:
                return str(message)
        return "please check what you entered."

    def error_messages_flat(self) -> dict[str, list[str]]:
        return {name: [str(m) for m in errors] for name, errors in self.errors.items()}
