"""Data migrations that move plain-text columns into encrypted fields, and back.

``encrypt_columns(app, model, fields)`` returns a ``RunPython`` pair for a migration whose
previous operations turned ``fields`` into ``EncryptedTextField`` (or
``EncryptedChoiceListField``): forwards, every row's plain value is sealed for its row (rows
already sealed are left alone, so it can run twice); backwards, every value is opened and
written back as plain text, before the schema change is undone.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import migrations

from kindred.core.encryption import PREFIX
from kindred.core.fields import EncryptedChoiceListField

BATCH = 500


def _is_sealed(raw: str) -> bool:
    return raw.startswith(f"{PREFIX}$")


def _plain(field: Any, raw: str) -> Any:
    if isinstance(field, EncryptedChoiceListField):
        value = json.loads(raw) if raw else []
        return list(value) if isinstance(value, list) else []
    return raw


def encrypt_columns(app_label: str, model_name: str, fields: list[str]) -> migrations.RunPython:
    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        names = [model._meta.get_field(name) for name in fields]
        for row in model.objects.using(schema_editor.connection.alias).iterator(BATCH):
            changed = []
            for field in names:
                raw = str(row.__dict__.get(field.attname) or "")
                if not _is_sealed(raw):
                    row.__dict__[field.attname] = _plain(field, raw)  # sealed by save()
                    changed.append(field.attname)
            if changed:
                row.save(update_fields=changed)

    def backwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        connection = schema_editor.connection
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        for row in model.objects.using(connection.alias).iterator(BATCH):
            for name in fields:
                field = model._meta.get_field(name)
                value = getattr(row, name)  # opened
                if isinstance(field, EncryptedChoiceListField):
                    value = json.dumps(list(value or []))
                empty = "[]" if isinstance(field, EncryptedChoiceListField) else ""
                column = connection.ops.quote_name(field.column)
                # Names come from the model's own metadata, quoted; values are parameters.
                sql = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"  # noqa: S608  # nosec B608
                with connection.cursor() as cursor:
                    cursor.execute(sql, [value or empty, row.pk])

    return migrations.RunPython(forwards, backwards)
