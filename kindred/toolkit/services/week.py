"""The "Week at a glance" card on /my/: non-using days this week (from the tracker), the last
check-in and how it compares with the first, and the next reward to offer (from the rewards
tool), and the windows of opportunity noted in the last two weeks (from the invitation
planner). Only the member's own rows, in a fixed number of queries whatever the amount of data:
the member's profile (time zone), then one query each for the tracker, the two check-ins, the
reward and the windows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Max

from kindred.toolkit.models import CheckIn, Reward, TrackerDay, Used
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.invitation import open_windows_for
from kindred.toolkit.services.tracker import member_today

WINDOW_DAYS = 14  # a window of opportunity is worth acting on soon after it opens


@dataclass(frozen=True)
class NextReward:
    reward: Reward
    last_given: dt.date | None


def next_reward(member: Any) -> NextReward | None:
    """The reward to offer next: one never given first, then the one given longest ago."""
    row = (
        Reward.objects.filter(member=member, archived=False)
        .annotate(last_given=Max("given__given_on"))
        .order_by(F("last_given").asc(nulls_first=True), "created_at")
        .first()
    )
    return NextReward(row, row.last_given) if row else None


def week_at_a_glance(member: Any) -> dict[str, Any]:
    today = member_today(member)
    monday = today - dt.timedelta(days=today.weekday())
    non_using = TrackerDay.objects.filter(
        member=member, day__gte=monday, day__lte=today, used=Used.NO
    ).count()
    checkins = CheckIn.objects.filter(member=member)
    first = checkins.order_by("day", "created_at").first()
    last = checkins.order_by("-day", "-created_at").first()
    changes = wellbeing.changes(first, last)
    windows = open_windows_for(member, since_days=WINDOW_DAYS)
    return {
        "today": today,
        "monday": monday,
        "days_so_far": (today - monday).days + 1,
        "non_using_days": non_using,
        "last_checkin": last,
        "checkin_changes": [c for c in changes if c.key in ("stress", "mood")],
        "next_reward": next_reward(member),
        "open_windows": len(windows),
        "latest_window": windows[0] if windows else None,
        "window_days": WINDOW_DAYS,
    }


def week_card_context(request: Any) -> dict[str, Any]:
    """The /my/ card's context (kindred.core.extensions.HomeSection)."""
    return week_at_a_glance(request.user)
