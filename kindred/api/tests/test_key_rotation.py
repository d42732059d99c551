"""rotate_encryption_keys re-seals 100% of the encrypted values of every model.

Rows are made for every model that has an EncryptedTextField (found through the app
registry, so a model added later is covered); after rotation the old key is removed and every
value must still open, with the number re-encrypted per model matching what was there.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from wagtail.models import Page

from kindred.core.encryption import KeyRing, generate_key, keyring
from kindred.core.fields import EncryptedChoiceListField, EncryptedTextField
from kindred.testing.factories import UserFactory

ROWS_PER_MODEL = 3


def encrypted_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and any(isinstance(f, EncryptedTextField) for f in model._meta.concrete_fields)
    ]


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def secret(model: type[models.Model], field: str, n: int) -> str:
    return f"private words in {model._meta.label}.{field} #{n} 🌱"


class RowMaker:
    """Makes a valid row of any model: every required field filled, relations made too."""

    def __init__(self) -> None:
        self.page: Page | None = None
        self.serial = 0

    def make(self, model: type[models.Model], n: int) -> models.Model:
        self.serial += 1
        obj = model()
        for field in model._meta.concrete_fields:
            if field.primary_key and not field.is_relation:
                continue
            if isinstance(field, EncryptedChoiceListField):  # a list, stored as one JSON array
                setattr(obj, field.attname, [secret(model, field.name, n)])
            elif isinstance(field, EncryptedTextField):
                setattr(obj, field.attname, secret(model, field.name, n))
            elif field.null or field.has_default() or getattr(field, "auto_now_add", False):
                continue
            elif field.is_relation:
                setattr(obj, field.name, self._related(field.related_model, n))
            elif field.choices:
                setattr(obj, field.attname, field.choices[0][0])
            elif isinstance(field, models.DateTimeField):
                setattr(obj, field.attname, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
            elif isinstance(field, models.DateField):
                setattr(obj, field.attname, dt.date(2026, 1, 1) + dt.timedelta(self.serial))
            elif isinstance(field, models.CharField | models.TextField):
                setattr(obj, field.attname, f"x{self.serial}")
            elif isinstance(field, models.BooleanField):
                setattr(obj, field.attname, False)
            elif isinstance(field, models.IntegerField):
                setattr(obj, field.attname, 0)
        obj.save()
        return obj

    def _related(self, target: Any, n: int) -> models.Model:
        if target._meta.label == "accounts.User":
            return UserFactory.create()
        if issubclass(target, Page):
            if self.page is None:
                root = Page.get_first_root_node()
                self.page = root.add_child(instance=target(title="Lesson", slug="rotation"))
            return self.page
        return self.make(target, n)


@pytest.mark.django_db
def test_every_encrypted_value_of_every_model_moves_to_the_new_key(settings, capsys) -> None:
    models_ = encrypted_models()
    labels = {model._meta.label for model in models_}
    # The models this walks today; a new one is picked up without editing the test.
    assert {"accounts.Profile", "coach.PracticeDraft", "questions.Message"} <= labels
    assert {"toolkit.SafetyPlan", "learning.Reflection", "testing.PrivateNote"} <= labels

    maker = RowMaker()
    for model in models_:
        for n in range(ROWS_PER_MODEL):
            maker.make(model, n)
    expected = {}
    for model in models_:
        columns = [f.attname for f in encrypted_fields(model)]
        values = model._base_manager.values_list(*columns)
        expected[model._meta.label] = sum(v is not None for row in values for v in row)
        assert model._base_manager.count() >= ROWS_PER_MODEL
    old_key = settings.KINDRED_ENCRYPTION_KEYS[0]
    new_key = generate_key()
    settings.KINDRED_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("rotate_encryption_keys")
    out = capsys.readouterr().out
    reported = {
        label: int(count)
        for label, count in re.findall(r"^(\S+): (\d+) value\(s\) re-encrypted$", out, re.M)
    }
    assert reported == expected
    total = sum(expected.values())
    assert total >= len(models_) * ROWS_PER_MODEL
    assert f"Done: {total} value(s)" in out
    with capsys.disabled():
        print(f"re-encrypted {total} values in {len(models_)} models: {reported}")

    settings.KINDRED_ENCRYPTION_KEYS = [new_key]  # only the new key from here on
    newest = keyring().newest_id
    for model in models_:
        fields = encrypted_fields(model)
        tokens = model._base_manager.values_list(*[f.attname for f in fields])
        assert {KeyRing.key_id_of(t) for row in tokens for t in row if t is not None} == {newest}
        for row in model._base_manager.all():
            for field in fields:
                value = getattr(row, field.attname)  # raises DecryptionError if not re-sealed
                if isinstance(field, EncryptedChoiceListField):
                    assert isinstance(value, list) and len(value) == 1
                    value = value[0]
                assert isinstance(value, str)
                if value.startswith("private words"):
                    assert value.startswith(f"private words in {model._meta.label}.{field.name}")

    call_command("rotate_encryption_keys")
    assert "Done: 0 value(s)" in capsys.readouterr().out
