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

from kindred.toolkit.api.common import NOT_A_MEMBER, ErrorOut, is_member, router
from kindred.toolkit.forms.wellbeing import CheckInForm
from kindred.toolkit.models import CheckIn
from kindred.toolkit.models.wellbeing import SCORES
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError

SCORE = "A whole number from 0 to 10."


class CheckInIn(Schema):
    day: dt.date = Field(description="The date of the check-in; not in the future.")
    stress: int = Field(description=SCORE + " Lower is better.")
    mood: int = Field(description=SCORE)
    sleep: int = Field(description=SCORE)
    hope: int = Field(description=SCORE)
    family: int = Field(description=SCORE)
    work: int = Field(description=SCORE + " Work or study.")
    health: int = Field(description=SCORE)
    friends: int = Field(description=SCORE)
    money: int = Field(description=SCORE)
    free_time: int = Field(description=SCORE)


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
    response={200: CheckInListOut, 403: ErrorOut},
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
    response={201: CheckInOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
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
