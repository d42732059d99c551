"""The day tracker's JSON API: list a month, create a day, update a day.

The same rules as the pages: active members only, a day that is not the member's own is
"not found", the same checks on dates, tags and note length.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from kindred.core.api import (
    BODY_ERRORS,
    PARAMETER_ERRORS,
    SIGNED_IN_ERRORS,
    IsoDate,
    responses,
)
from kindred.toolkit.api.common import (
    NOT_A_MEMBER,
    ToolkitCrisisOut,
    ToolkitErrorOut,
    crisis_out,
    is_member,
    router,
)
from kindred.toolkit.models import TrackerDay
from kindred.toolkit.services import tracker
from kindred.toolkit.services.records import ToolkitError


class DayIn(Schema):
    # The allowed values are documented here and checked by tracker.save_day (a 400 in words).
    day: IsoDate
    used: str = Field(json_schema_extra={"enum": ["no", "yes", "unknown"]})
    tags: list[str] = []
    between_us: int | None = Field(
        None, strict=True, json_schema_extra={"minimum": 1, "maximum": 5}
    )
    note: str = ""


class DayOut(Schema):
    id: uuid.UUID
    day: dt.date
    used: str
    tags: list[str]
    between_us: int | None
    note: str


class SavedDayOut(Schema):
    day: DayOut
    crisis: ToolkitCrisisOut | None = None


class MonthOut(Schema):
    month: str
    days: list[DayOut]


def _out(entry: TrackerDay) -> dict[str, object]:
    return {
        "id": entry.pk,
        "day": entry.day,
        "used": entry.used,
        "tags": list(entry.tags or []),
        "between_us": entry.between_us,
        "note": entry.note,
    }


def _values(request: HttpRequest, payload: DayIn) -> tracker.DayValues:
    tags = tracker.clean_tag_ids(request.user, payload.tags)
    return tracker.DayValues(payload.day, payload.used, tags, payload.between_us, payload.note)


@router.get(
    "/tracker/days",
    response=responses(
        {200: MonthOut, 400: ToolkitErrorOut, 403: ToolkitErrorOut},
        SIGNED_IN_ERRORS,
        PARAMETER_ERRORS,
    ),
    url_name="toolkit_tracker_days",
    summary="The member's tracker days in one month",
)
def list_days(
    request: HttpRequest,
    month: str = Query(..., description="The month as YYYY-MM, for example 2026-11."),
) -> Status[object]:
    """``month`` is ``YYYY-MM``."""
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    try:
        first = dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        return Status(400, {"error": "Give the month as YYYY-MM, for example 2026-11."})
    first, last = tracker.month_bounds(first)
    member: Any = request.user
    entries = tracker.TrackerDay.objects.filter(
        member=member, day__gte=first, day__lte=last
    ).order_by("day")
    return Status(200, {"month": f"{first:%Y-%m}", "days": [_out(e) for e in entries]})


@router.post(
    "/tracker/days",
    response=responses(
        {201: SavedDayOut, 400: ToolkitErrorOut, 403: ToolkitErrorOut, 409: ToolkitErrorOut},
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="toolkit_tracker_day_create",
    summary="Note a new day",
)
def create_day(request: HttpRequest, payload: DayIn) -> Status[object]:
    """409 when the day is already noted: update it instead."""
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    try:
        entry, crisis = tracker.save_day(
            member=request.user, values=_values(request, payload), create_only=True
        )
    except ToolkitError as error:
        status = 409 if "already noted" in str(error) else 400
        return Status(status, {"error": str(error)})
    return Status(201, {"day": _out(entry), "crisis": crisis_out(crisis, request)})


@router.put(
    "/tracker/days/{day_id}",
    response=responses(
        {
            200: SavedDayOut,
            400: ToolkitErrorOut,
            403: ToolkitErrorOut,
            404: ToolkitErrorOut,
            409: ToolkitErrorOut,
        },
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="toolkit_tracker_day_update",
    summary="Change a day",
)
def update_day(request: HttpRequest, day_id: uuid.UUID, payload: DayIn) -> Status[object]:
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    member: Any = request.user
    entry = TrackerDay.objects.filter(pk=day_id, member=member).first()
    if entry is None:
        return Status(404, {"error": "We could not find that day."})
    if payload.day != entry.day:
        return Status(400, {"error": "A day's date cannot change; note the other day instead."})
    try:
        entry, crisis = tracker.save_day(
            member=request.user, values=_values(request, payload), record_id=entry.pk
        )
    except ToolkitError as error:
        return Status(400, {"error": str(error)})
    return Status(200, {"day": _out(entry), "crisis": crisis_out(crisis, request)})
