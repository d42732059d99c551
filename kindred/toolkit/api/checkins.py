"""Wellbeing check-ins in the JSON API: list the member's check-ins, and add one.

The same rules as the page: active members only, only the member's own check-ins, every score
a whole number from 0 to 10 and no date in the future. A refused value is a 422 with the
messages by field (the check-in form's own), never a 500.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest, QueryDict
from ninja import Field, Schema, Status

from kindred.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, IsoDate, responses
from kindred.toolkit.api.common import NOT_A_MEMBER, ToolkitErrorOut, is_member, router
from kindred.toolkit.forms.wellbeing import CheckInForm
from kindred.toolkit.models import CheckIn
from kindred.toolkit.models.wellbeing import SCORES
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError

SCORE = "A whole number from 0 to 10."


def score(description: str) -> Any:
    """A 0-10 score. The range is documented here and checked by the check-in form (its
    message names the question); ``strict`` refuses ``true``/``false`` and ``"7"``."""
    return Field(
        description=description, strict=True, json_schema_extra={"minimum": 0, "maximum": 10}
    )


class CheckInIn(Schema):
    day: IsoDate = Field(description="The date of the check-in; not in the future.")
    stress: int = score(SCORE + " Lower is better.")
    mood: int = score(SCORE)
    sleep: int = score(SCORE)
    hope: int = score(SCORE)
    family: int = score(SCORE)
    work: int = score(SCORE + " Work or study.")
    health: int = score(SCORE)
    friends: int = score(SCORE)
    money: int = score(SCORE)
    free_time: int = score(SCORE)


class CheckInOut(Schema):
    id: uuid.UUID
    day: dt.date
    stress: int
    mood: int
    sleep: int
    hope: int
    family: int
    work: int
    health: int
    friends: int
    money: int
    free_time: int


class CheckInListOut(Schema):
    checkins: list[CheckInOut]
    changes: list[str]  # since the first check-in, in words


def _out(row: CheckIn) -> dict[str, Any]:
    return {"id": row.pk, "day": row.day, **{key: getattr(row, key) for key, _ in SCORES}}


@router.get(
    "/wellbeing/checkins",
    response=responses({200: CheckInListOut, 403: ToolkitErrorOut}, SIGNED_IN_ERRORS),
    url_name="toolkit_checkins",
    summary="The member's wellbeing check-ins, oldest first",
)
def list_checkins(request: HttpRequest) -> Status[object]:
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    rows = wellbeing.checkins_for(request.user)
    changes = wellbeing.changes(rows[0] if rows else None, rows[-1] if rows else None)
    return Status(
        200,
        {
            "checkins": [_out(row) for row in rows],
            "changes": [change.sentence for change in changes]
            or [wellbeing.progress_message(len(rows))],
        },
    )


@router.post(
    "/wellbeing/checkins",
    response=responses(
        {201: CheckInOut, 403: ToolkitErrorOut, 409: ToolkitErrorOut, 422: ToolkitErrorOut},
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="toolkit_checkin_create",
    summary="Add a wellbeing check-in",
)
def create_checkin(request: HttpRequest, payload: CheckInIn) -> Status[object]:
    """422 with ``errors`` by field when a score is outside 0-10 or the date is in the
    future."""
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    data = QueryDict(mutable=True)
    data["record_id"] = str(uuid.uuid4())
    data["day"] = payload.day.isoformat()
    for key, _label in SCORES:
        data[key] = str(getattr(payload, key))
    form: Any = CheckInForm.bound_for(request.user, data)
    if not form.is_valid():
        return Status(
            422,
            {"error": "Not saved: " + form.first_error(), "errors": form.error_messages_flat()},
        )
    try:
        saved = form.save_for(request.user)
    except ToolkitError as error:
        return Status(409, {"error": str(error)})
    return Status(201, _out(saved.record))
