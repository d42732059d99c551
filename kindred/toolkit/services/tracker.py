"""The day tracker: reads (calendar month, patterns, frequent triggers) and writes.

Every read is the member's own rows, with a fixed number of queries whatever the amount of
data: the month is one query, the patterns one, the member's tags one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindred.coach.crisis import CrisisAlert, check_for_crisis
from kindred.toolkit.charts import Chart, Datum
from kindred.toolkit.exports import exporter
from kindred.toolkit.models import MAX_TEXT_CHARACTERS, TagKind, TrackerDay, TrackerTag, Used
from kindred.toolkit.services.records import ToolkitError
from kindred.toolkit.tags import BUILT_IN, BUILT_IN_BY_ID, Tag

EARLIEST = dt.date(1900, 1, 1)
MAX_TAG_LABEL = 60
MAX_OWN_TAGS = 60


# --- Dates ------------------------------------------------------------------------------------


def member_zone(member: Any) -> dt.tzinfo:
    from kindred.accounts.selectors import profile_for

    cached = getattr(member, "_toolkit_zone", None)
    if cached is not None:
        return cached
    name = profile_for(member).time_zone  # cached on the user for the rest of the request
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    member._toolkit_zone = zone
    return zone


def member_today(member: Any) -> dt.date:
    """Today in the member's own time zone."""
    return timezone.localdate(timezone=member_zone(member))


def check_day(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ToolkitError("That day has not happened yet. You can note a day once it has come.")
    if day < EARLIEST:
        raise ToolkitError("Please choose a date from 1900 onwards.")


def read_month(value: str | None, today: dt.date) -> tuple[dt.date, str]:
    """The month to show for ``?month=``, and a sentence when it is not the one asked for:
    a malformed value, a month before 1900 or one still to come shows this month instead."""
    this_month = today.replace(day=1)
    if not value:
        return this_month, ""
    try:
        first = dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return this_month, (
            "We could not read that month (it looks like 2026-11), so here is this month."
        )
    if first < EARLIEST:
        return this_month, "The tracker starts in January 1900, so here is this month."
    if first > this_month:
        return this_month, "That month has not come yet, so here is this month."
    return first, ""


def month_bounds(first: dt.date) -> tuple[dt.date, dt.date]:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# --- Tags -------------------------------------------------------------------------------------


def own_tags(member: Any) -> list[Tag]:
    return [
        Tag(str(row.pk), row.kind, row.label, own=True)
        for row in TrackerTag.objects.filter(member=member).order_by("created_at")
    ]


def tag_choices(member: Any, own: list[Tag] | None = None) -> dict[str, list[Tag]]:
    """The tags a member can put on a day, by kind: built-in first, then their own."""
    own = own_tags(member) if own is None else own
    grouped: dict[str, list[Tag]] = {kind: [] for kind in TagKind.values}
    for tag in [*BUILT_IN, *own]:
        grouped[tag.kind].append(tag)
    return grouped


def tag_lookup(own: Iterable[Tag]) -> dict[str, Tag]:
    return {**BUILT_IN_BY_ID, **{tag.id: tag for tag in own}}


def add_tag(*, member: Any, kind: str, label: str) -> TrackerTag:
    """Add one of the member's own tags (its label is encrypted)."""
    label = label.strip()
    if kind not in TagKind.values:
        raise ToolkitError("Choose whether the tag is a substance, a situation or a trigger.")
    if not label:
        raise ToolkitError("Type a name for the tag.")
    if len(label) > MAX_TAG_LABEL:
        raise ToolkitError(f"Keep a tag's name under {MAX_TAG_LABEL} characters.")
    if TrackerTag.objects.filter(member=member).count() >= MAX_OWN_TAGS:
        raise ToolkitError("You have reached the most tags you can add. Remove one first.")
    if any(tag.label.casefold() == label.casefold() for tag in tag_choices(member)[kind]):
        raise ToolkitError("You already have a tag with that name.")
    return TrackerTag.objects.create(member=member, kind=kind, label=label)


def clean_tag_ids(member: Any, ids: Iterable[str], own: list[Tag] | None = None) -> list[str]:
    """The ids, checked: raises ToolkitError naming an id that is not one of the member's."""
    known = tag_lookup(own_tags(member) if own is None else own)
    cleaned: list[str] = []
    for tag_id in ids:
        if tag_id not in known:
            raise ToolkitError(
                "One of the tags you chose no longer exists (it may have been removed in "
                "another window). Please choose again."
            )
        if tag_id not in cleaned:
            cleaned.append(tag_id)
    return cleaned


# --- Saving a day -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayValues:
    day: dt.date
    used: str
    tags: list[str]
    between_us: int | None
    note: str


def save_day(
    *, member: Any, values: DayValues, record_id: uuid.UUID | None = None, create_only: bool = False
) -> tuple[TrackerDay, CrisisAlert | None]:
    """Create or update the member's entry for ``values.day``.

    ``record_id`` is the id the form was shown with: an entry for that day with a different
    id means the day was recorded elsewhere meanwhile (another window, the phone app), and
    ``create_only`` means the caller wanted a new day: both refuse with a clear message
    rather than overwrite. Two identical requests at once leave one row.
    """
    check_day(values.day, member_today(member))
    if values.used not in Used.values:
        raise ToolkitError("Choose yes, no or I don't know.")
    if values.between_us is not None and not 1 <= values.between_us <= 5:
        raise ToolkitError("Choose how the day went from 1 to 5.")
    if len(values.note) > MAX_TEXT_CHARACTERS:
        raise ToolkitError(
            f"This note is {len(values.note):,} characters long; the most we can keep is "
            f"{MAX_TEXT_CHARACTERS:,}. Please shorten it: your text is still here."
        )
    fields = {
        "used": values.used,
        "tags": values.tags,
        "between_us": values.between_us,
        "note": values.note,
    }
    duplicate = ToolkitError(
        f"You have already noted {values.day:%A %-d %B %Y}. Open that day to change it; "
        "what you typed here is still below."
    )
    with transaction.atomic():
        entry = TrackerDay.objects.select_for_update().filter(member=member, day=values.day).first()
        if entry is not None:
            if create_only or (record_id is not None and entry.pk != record_id):
                raise duplicate
        else:
            entry = TrackerDay(member=member, day=values.day, pk=record_id or uuid.uuid4())
        for name, value in fields.items():
            setattr(entry, name, value)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            # The same day was created at the same moment by another request, or the form's
            # id is the member's entry for another day (its date cannot change).
            winner = (
                TrackerDay.objects.select_for_update().filter(member=member, day=values.day).first()
            )
            if winner is None:
                raise ToolkitError(
                    "This entry is for another day, and a day's date cannot change. Open "
                    f"{values.day:%A %-d %B %Y} in the calendar to note it; what you typed here "
                    "is still below."
                ) from None
            if create_only or (record_id is not None and winner.pk != record_id):
                raise duplicate from None
            for name, value in fields.items():
                setattr(winner, name, value)
            winner.save()
            entry = winner
    return entry, check_for_crisis(values.note)


def delete_day(*, member: Any, entry: TrackerDay) -> None:
    if entry.member_id != member.pk:
        raise PermissionError("a member can only delete their own days")
    entry.delete()


# --- Reads ------------------------------------------------------------------------------------


def days_between(member: Any, first: dt.date, last: dt.date) -> dict[dt.date, TrackerDay]:
    """The member's entries between two dates, by day (notes are not decrypted)."""
    rows = TrackerDay.objects.filter(member=member, day__gte=first, day__lte=last).defer("note")
    return {row.day: row for row in rows}


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    entry: TrackerDay | None
    in_month: bool
    is_future: bool
    is_today: bool


def calendar_weeks(first: dt.date, entries: dict[dt.date, TrackerDay], today: dt.date):  # type: ignore[no-untyped-def]
    """The month as weeks (Monday first) of CalendarDay."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                CalendarDay(
                    day=day,
                    entry=entries.get(day) if day.month == first.month else None,
                    in_month=day.month == first.month,
                    is_future=day > today,
                    is_today=day == today,
                )
                for day in week
            ]
        )
    return weeks


@dataclass(frozen=True)
class PatternRow:
    day: dt.date
    used: str
    tags: list[str]


def pattern_rows(member: Any, since: dt.date | None = None) -> list[PatternRow]:
    """The fields the patterns need, one query, no decryption."""
    rows = TrackerDay.objects.filter(member=member)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return [
        PatternRow(day, used, list(tags or []))
        for day, used, tags in rows.order_by("day").values_list("day", "used", "tags")
    ]


def frequent_triggers(
    rows: list[PatternRow], lookup: dict[str, Tag], limit: int = 6
) -> list[tuple[Tag, int]]:
    """The triggers noted most often on days with use (or, if none, on any day)."""
    counts: Counter[str] = Counter()
    for row in rows:
        if row.used == Used.YES:
            counts.update(
                t for t in row.tags if lookup.get(t) and lookup[t].kind == TagKind.TRIGGER
            )
    if not counts:
        for row in rows:
            counts.update(
                t for t in row.tags if lookup.get(t) and lookup[t].kind == TagKind.TRIGGER
            )
    ordered = sorted(counts.items(), key=lambda item: (-item[1], lookup[item[0]].label))
    return [(lookup[tag_id], count) for tag_id, count in ordered[:limit]]


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def charts(rows: list[PatternRow], lookup: dict[str, Tag]) -> list[Chart]:
    """The three pattern charts: non-using days per week, use by weekday, frequent triggers."""
    # 1. Non-using days per week, every week from the first noted day to the last.
    weekly: list[Datum] = []
    if rows:
        per_week: Counter[dt.date] = Counter()
        noted: Counter[dt.date] = Counter()
        for row in rows:
            week = _week_start(row.day)
            noted[week] += 1
            if row.used == Used.NO:
                per_week[week] += 1
        week = _week_start(rows[0].day)
        last = _week_start(rows[-1].day)
        while week <= last:
            weekly.append(
                Datum(
                    label=f"Week of {week:%-d %b %Y}",
                    value=per_week[week],
                    display=f"{per_week[week]} of {noted[week]} noted",
                    axis_label=f"{week:%-d %b}",
                )
            )
            week += dt.timedelta(days=7)
    # 2. Days with use, by weekday.
    by_weekday: list[Datum] = []
    if rows:
        used: Counter[int] = Counter()
        noted_day: Counter[int] = Counter()
        for row in rows:
            noted_day[row.day.weekday()] += 1
            if row.used == Used.YES:
                used[row.day.weekday()] += 1
        by_weekday = [
            Datum(
                label=name,
                value=used[i],
                display=f"{used[i]} of {noted_day[i]} noted",
                axis_label=name[:3],
            )
            for i, name in enumerate(WEEKDAYS)
        ]
    # 3. Most frequent triggers.
    triggers = [
        Datum(label=tag.label, value=count, display=f"{count} day{'s' if count != 1 else ''}")
        for tag, count in frequent_triggers(rows, lookup, limit=8)
    ]
    return [
        Chart(
            key="chart-weekly",
            title="Days without use, week by week",
            summary=f"{len(weekly)} week{'s' if len(weekly) != 1 else ''}: the number of days "
            "you noted as not using in each week.",
            category_label="Week",
            value_label="Days without use",
            data=weekly,
            kind="line" if len(weekly) > 1 else "bar",
            empty_message="Note a few days and your weeks will show here.",
        ),
        Chart(
            key="chart-weekday",
            title="Days with use, by day of the week",
            summary="How many of the days you noted as using fell on each day of the week.",
            category_label="Day of the week",
            value_label="Days with use",
            data=by_weekday,
            empty_message="Note a few days to see which days of the week are harder.",
        ),
        Chart(
            key="chart-triggers",
            title="Triggers you noted most often",
            summary="The triggers you noted most, counted on days with use (or on any day "
            "when no day with use has a trigger).",
            category_label="Trigger",
            value_label="Days",
            data=triggers,
            kind="hbar",
            empty_message="Add triggers to the days you note to see which come up most.",
        ),
    ]


def counts(rows: list[PatternRow]) -> dict[str, int]:
    counter = Counter(row.used for row in rows)
    return {"no": counter[Used.NO], "yes": counter[Used.YES], "unknown": counter[Used.UNKNOWN]}


# --- Export -----------------------------------------------------------------------------------


@exporter("tracker")
def export_tracker(member: Any) -> dict[str, Any]:
    own = own_tags(member)
    lookup = tag_lookup(own)
    return {
        "own_tags": [{"id": tag.id, "kind": tag.kind, "label": tag.label} for tag in own],
        "days": [
            {
                "day": entry.day.isoformat(),
                "used": entry.used,
                "tags": [lookup[t].label if t in lookup else t for t in entry.tags or []],
                "between_us": entry.between_us,
                "note": entry.note,
                "updated_at": entry.updated_at.isoformat(),
            }
            for entry in TrackerDay.objects.filter(member=member).order_by("day")
        ],
    }
