"""Re-encrypts every EncryptedTextField value under the newest key.

Add a new key at the front of KINDRED_ENCRYPTION_KEYS, deploy, run this command, then remove
the old key. ``--new-key`` prints a fresh key to add.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kindred.core.encryption import generate_key, keyring
from kindred.core.fields import EncryptedTextField, Sealed, binding

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value under the newest key in KINDRED_ENCRYPTION_KEYS."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--new-key", action="store_true", help="Print a new key and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(generate_key())
            return
        ring = keyring()
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            changed = self._rotate_model(model, fields, ring)
            total += changed
            self.stdout.write(f"{model._meta.label}: {changed} value(s) re-encrypted")
        self.stdout.write(
            self.style.SUCCESS(f"Done: {total} value(s) now under key {ring.newest_id}.")
        )

    def _rotate_model(self, model: Any, fields: list[EncryptedTextField], ring: Any) -> int:
        changed = 0
        columns = [field.attname for field in fields]
        rows = model._base_manager.values_list("pk", *columns).iterator(chunk_size=BATCH)
        for pk, *values in rows:
            updates = {}
            for field, token in zip(fields, values, strict=True):
                if token is None or ring.key_id_of(token) == ring.newest_id:
                    continue
                context = binding(model, field.column, pk)
                updates[field.attname] = Sealed(ring.seal(ring.open(token, context), context))
            if updates:
                with transaction.atomic():
                    model._base_manager.filter(pk=pk).update(**updates)
                changed += len(updates)
        return changed
