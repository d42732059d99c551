"""Saving a toolkit record: the one upsert every tool uses.

A record's id is chosen when its form is first shown (see ``forms.base``). Saving by that id
makes the autosave, the final submit and a form sent twice at once all write ONE row: the
first insert wins and the others update it. A record that belongs to someone else is
"not found", exactly like a missing one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.http import Http404

from kindred.toolkit.models.base import ToolkitRecord

R = TypeVar("R", bound=ToolkitRecord)


class ToolkitError(ValueError):
    """A save the toolkit cannot make; the message is shown to the member as it is."""


def owned_or_404[T: ToolkitRecord](model: type[T], member: Any, record_id: Any) -> T:
    """The member's own record, or 404 — the same 404 whether it is missing or someone else's."""
    try:
        record_id = uuid.UUID(str(record_id))
    except ValueError:
        raise Http404("No such record") from None
    record = model._default_manager.filter(pk=record_id, member=member).first()
    if record is None:
        raise Http404("No such record")
    return record


def _apply(record: ToolkitRecord, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(record, name, value)


def save_record[T: ToolkitRecord](
    model: type[T], *, member: Any, record_id: uuid.UUID, values: Mapping[str, Any]
) -> T:
    """Create or update the member's record ``record_id`` with ``values``.

    Raises Http404 when the id belongs to another member, ToolkitError when another unique
    rule (one day per date, say) refuses the row.
    """
    with transaction.atomic():
        record = model._default_manager.select_for_update().filter(pk=record_id).first()
        if record is not None and record.member_id != member.pk:
            raise Http404("No such record")
        if record is None:
            record = model(pk=record_id, member=member)
        _apply(record, values)
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            # Another request inserted a row first: with our id (a double submit), update it;
            # otherwise a different unique rule refused us.
            winner = model._default_manager.select_for_update().filter(pk=record_id).first()
            if winner is None:
                raise ToolkitError(
                    "This could not be saved because it would duplicate something you "
                    "already saved."
                ) from None
            if winner.member_id != member.pk:
                raise Http404("No such record") from None
            _apply(winner, values)
            winner.save()
            record = winner
    return record
