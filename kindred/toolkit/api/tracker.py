"""The day tracker's JSON API: list a month, create a day, update a day.

The same rules as the pages: active members only, a day that is not the member's own is
"not found", the same checks on dates, tags and note length.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Schema, Status

from kindred.toolkit.api.common import (
    NOT_A_MEMBER,
    CrisisOut,
    ErrorOut,
    crisis_out,
    is_member,
    router,
)
from kindred.toolkit.models import TrackerDay
from kindred.toolkit.services import tracker
from kindred.toolkit.services.records import ToolkitError


class DayIn(Schema):
    day: dt.date
    used: str  # "no", "yes" or "unknown"
    tags: list[str] = []
    between_us: int | None = None
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
    crisis: CrisisOut | None = None


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
    response={200: MonthOut, 400: ErrorOut, 403: ErrorOut},
    url_name="toolkit_tracker_days",
    summary="The member's tracker days in one month",
)
def list_days(request: HttpRequest, month: str) -> Status[object]:
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
    response={201: SavedDayOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
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
    response={200: SavedDayOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
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
