"""EncryptedTextField: a TextField whose values are encrypted at rest, bound to their row.

Use it for anything a member writes about themselves or their loved one. The model needs a
primary key that exists before the first save (a UUID with a default, or a one-to-one key),
because the row's key is part of what each value is bound to; a system check enforces it.

Values are opened lazily, on first attribute access, so listing rows costs no decryption.
Encrypted columns cannot be filtered or searched: filter on metadata instead.
"""

from __future__ import annotations

import json
from typing import Any

from django.core import checks
from django.db import models

from kindred.core.encryption import keyring


class Sealed(str):
    """A value read from the database and not yet opened (never shown as plain text)."""

    __slots__ = ()


def binding(model: type[models.Model], column: str | None, pk: Any) -> str:
    return f"{model._meta.db_table}.{column}.{pk}"


class EncryptedDescriptor:
    def __init__(self, field: EncryptedTextField) -> None:
        self.field = field

    def __get__(self, instance: models.Model | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        if self.field.attname not in instance.__dict__:  # a deferred field: load it now
            instance.refresh_from_db(fields=[self.field.attname])
        value = instance.__dict__.get(self.field.attname)
        if isinstance(value, Sealed):
            value = keyring().open(value, binding(type(instance), self.field.column, instance.pk))
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest (AES-GCM), bound to its table, column and row"

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, EncryptedDescriptor(self))

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        pk = self.model._meta.pk
        if pk is not None and isinstance(pk, models.AutoField | models.BigAutoField):
            errors.append(
                checks.Error(
                    "A model with an EncryptedTextField needs a primary key that exists "
                    "before saving (e.g. a UUIDField with default=uuid.uuid4).",
                    obj=self,
                    id="kindred.E001",
                )
            )
        return errors

    def get_lookup(self, lookup_name: str) -> Any:
        # Ciphertext cannot be compared; only "is it empty?" makes sense.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else Sealed(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if value is None or isinstance(value, Sealed):
            return value  # unchanged since it was read: store it as it is
        if model_instance.pk is None:
            raise ValueError(f"{type(model_instance).__name__} needs a primary key before saving")
        return Sealed(
            keyring().seal(
                str(value), binding(type(model_instance), self.column, model_instance.pk)
            )
        )

    def get_prep_value(self, value: Any) -> Any:
        """Only sealed values reach the database: fail closed on anything else.

        save() seals in pre_save(). QuerySet.update() and bulk_update() skip pre_save(), so
        they would store plain text: they are refused (save each row, or pass a value that
        was sealed for that row with kindred.core.fields.Sealed). Nothing, and "", carry no
        text (migrations' defaults).
        """
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        if hasattr(value, "resolve_expression"):
            return value
        raise ValueError(
            f"{self.model.__name__}.{self.name} is encrypted: save() the row instead of "
            "update() or bulk_update(), which would store plain text."
        )

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> str:
        value = getattr(obj, self.attname)
        return "" if value is None else str(value)


class EncryptedListDescriptor(EncryptedDescriptor):
    """Opens the value, then reads the JSON list it holds (cached on the instance)."""

    def __get__(self, instance: models.Model | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        raw = instance.__dict__.get(self.field.attname)
        if isinstance(raw, Sealed) and raw == "":
            value: Any = []  # a column never written (nothing to open)
        else:
            value = super().__get__(instance, owner)
        if isinstance(value, str):
            value = json.loads(value) if value else []
        instance.__dict__[self.field.attname] = value
        return value


class EncryptedChoiceListField(EncryptedTextField):
    """A list of short strings (choice keys), stored as one encrypted JSON array.

    For answers such as "which substances": the model sees a list, the column holds only
    ciphertext. Like every encrypted field it cannot be filtered on.
    """

    description = "A list of strings, encrypted at rest as one JSON array"
    # What django-stubs' plugin reads for the attribute's type (a list, not a string).
    _pyi_private_set_type: list[str] | tuple[str, ...]  # type: ignore[assignment]
    _pyi_private_get_type: list[str]  # type: ignore[assignment]

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, EncryptedListDescriptor(self))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, list | tuple):
            model_instance.__dict__[self.attname] = json.dumps(list(value))
            try:
                return super().pre_save(model_instance, add)
            finally:
                model_instance.__dict__[self.attname] = list(value)
        return super().pre_save(model_instance, add)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and not value:
            return ""  # an empty default (migrations) carries no text
        return super().get_prep_value(value)

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(getattr(obj, self.attname) or [])
