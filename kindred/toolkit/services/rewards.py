"""Rewards for non-using days: the member's list, the log of when each was given, and the
tracker's non-using days beside it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import Reward, RewardGiven, TrackerDay, Used

# Money, or what converts to it, can pay for substances: CRAFT rewards are never these.
CASH = re.compile(r"\b(cash|gift ?cards?|vouchers?)\b|[$£€]\s?\d", re.IGNORECASE)
CASH_MESSAGE = (
    "Rewards work best as time, attention or something small you do together. Cash, gift "
    "cards and anything that can be swapped for money can end up paying for substances, so "
    "please choose something else."
)


def looks_like_cash(text: str) -> bool:
    return bool(CASH.search(text or ""))


def rewards_for(member: Any, *, include_archived: bool = False) -> list[Reward]:
    rows = Reward.objects.filter(member=member)
    if not include_archived:
        rows = rows.filter(archived=False)
    return list(rows.order_by("created_at"))


def given_by_day(member: Any, first: dt.date, last: dt.date) -> set[dt.date]:
    """The days in [first, last] on which the member noted giving a reward (one query)."""
    return set(
        RewardGiven.objects.filter(
            member=member, given_on__gte=first, given_on__lte=last
        ).values_list("given_on", flat=True)
    )


@dataclass(frozen=True)
class LogRow:
    given: RewardGiven
    used: str  # the tracker's answer for that day ("" when not noted)


def log_for(member: Any, limit: int = 50) -> list[LogRow]:
    """The latest rewards given, each with the tracker's answer for its day (two queries)."""
    given = list(
        RewardGiven.objects.filter(member=member)
        .select_related("reward")
        .order_by("-given_on", "-created_at")[:limit]
    )
    days = {row.given_on for row in given}
    used = dict(TrackerDay.objects.filter(member=member, day__in=days).values_list("day", "used"))
    return [LogRow(row, used.get(row.given_on, "")) for row in given]


@dataclass(frozen=True)
class NonUsingDay:
    day: dt.date
    rewarded: bool


def recent_non_using_days(member: Any, today: dt.date, days: int = 14) -> list[NonUsingDay]:
    """The non-using days of the last ``days`` days, and whether a reward was noted on each."""
    since = today - dt.timedelta(days=days - 1)
    non_using = TrackerDay.objects.filter(
        member=member, day__gte=since, day__lte=today, used=Used.NO
    ).values_list("day", flat=True)
    rewarded = given_by_day(member, since, today)
    return [NonUsingDay(day, day in rewarded) for day in sorted(non_using, reverse=True)]


def delete_reward(*, member: Any, reward: Reward) -> None:
    """Delete a reward and the log of its uses."""
    if reward.member_id != member.pk:
        raise PermissionError("a member can only delete their own rewards")
    reward.delete()


def delete_given(*, member: Any, given: RewardGiven) -> None:
    if given.member_id != member.pk:
        raise PermissionError("a member can only delete their own log")
    given.delete()


@exporter("rewards")
def export_rewards(member: Any) -> dict[str, Any]:
    return {
        "rewards": [
            {
                "what": reward.what,
                "effort": reward.effort,
                "cost": reward.cost,
                "archived": reward.archived,
                "created_at": reward.created_at.isoformat(),
            }
            for reward in rewards_for(member, include_archived=True)
        ],
        "given": [
            {
                "reward": row.reward.what,
                "given_on": row.given_on.isoformat(),
                "outcome": row.outcome,
                "how_it_went": row.how_it_went,
            }
            for row in RewardGiven.objects.filter(member=member)
            .select_related("reward")
            .order_by("given_on")
        ],
    }
