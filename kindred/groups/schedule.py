"""Expanding a group's recurrence into sessions, in the facilitator's time zone.

``dateutil.rrule`` runs on naive wall-clock datetimes (7 p.m. every Thursday); each occurrence
is then placed in the group's zone and converted to UTC. Expanding in UTC instead would move
the meeting by an hour at every daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil import rrule

if TYPE_CHECKING:
    from kindred.groups.models import SupportGroup

# How far ahead sessions exist as rows (members RSVP to rows). ``groups_tick`` extends it.
HORIZON = dt.timedelta(weeks=12)


def _rule(group: SupportGroup, dtstart: dt.datetime) -> rrule.rrule:
    from kindred.groups.models import Frequency

    weekday = rrule.weekday(group.weekday)
    if group.frequency == Frequency.MONTHLY:
        return rrule.rrule(
            rrule.MONTHLY, dtstart=dtstart, byweekday=weekday(group.week_of_month or 1)
        )
    interval = 2 if group.frequency == Frequency.FORTNIGHTLY else 1
    return rrule.rrule(rrule.WEEKLY, dtstart=dtstart, interval=interval, byweekday=weekday)


def occurrences(
    group: SupportGroup, after: dt.datetime, before: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """(start, end) in UTC of every occurrence starting in [after, before)."""
    zone = group.zone
    # The rule always starts on the group's first day, so "every other week" keeps its phase.
    dtstart = dt.datetime.combine(group.starts_on, group.start_time)
    last_day = group.ends_on
    # Compare in wall-clock time with a day of margin, then exactly in UTC.
    lo = after.astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    hi = before.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=1)
    found = []
    for naive in _rule(group, dtstart).between(max(lo, dtstart), hi, inc=True):
        if last_day is not None and naive.date() > last_day:
            break
        start = naive.replace(tzinfo=zone).astimezone(dt.UTC)
        if after <= start < before:
            found.append((start, start + dt.timedelta(minutes=group.duration_minutes)))
    return found
