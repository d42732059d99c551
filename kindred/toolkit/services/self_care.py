"""The self-care plan: the member's goals, the done / not yet log, and suggestions that come
from the lessons of module 7 ("Taking care of yourself")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import SelfCareGoal, SelfCareLog

DAYS_SHOWN = 7  # the log shows the last week for each goal


@dataclass(frozen=True)
class Suggestion:
    text: str
    lesson_slug: str  # the module 7 lesson it comes from


# Written from what the module 7 lessons teach (kindred/learning/demo/07-*.yaml).
SUGGESTIONS: list[Suggestion] = [
    Suggestion("Go to bed by 11 on at least four nights this week.", "your-life-counts"),
    Suggestion("Take a ten-minute walk after lunch on weekdays.", "your-life-counts"),
    Suggestion("Book the doctor's appointment I have been putting off.", "your-life-counts"),
    Suggestion("Five minutes with a cup of tea and no phone, every evening.", "your-life-counts"),
    Suggestion("Call my sister on Tuesday evening for a chat.", "rating-your-life"),
    Suggestion("Email the choir director on Monday to ask about rejoining.", "rating-your-life"),
    Suggestion("Text one friend this week just to connect.", "building-support"),
    Suggestion("Look up one family support group and go to a meeting.", "building-support"),
]
LESSON_SLUGS = sorted({s.lesson_slug for s in SUGGESTIONS})


def goals_for(member: Any, *, include_archived: bool = False) -> list[SelfCareGoal]:
    rows = SelfCareGoal.objects.filter(member=member)
    if not include_archived:
        rows = rows.filter(archived=False)
    return list(rows.order_by("created_at"))


@dataclass
class GoalWeek:
    goal: SelfCareGoal
    days: list[tuple[dt.date, bool | None]] = field(default_factory=list)  # None: not noted

    @property
    def done_count(self) -> int:
        return sum(1 for _day, done in self.days if done)


def goal_weeks(member: Any, goals: list[SelfCareGoal], today: dt.date) -> list[GoalWeek]:
    """Each goal with its done / not yet answers for the last week (one query)."""
    since = today - dt.timedelta(days=DAYS_SHOWN - 1)
    answers: dict[tuple[Any, dt.date], bool] = {
        (goal_id, day): done
        for goal_id, day, done in SelfCareLog.objects.filter(
            member=member, goal__in=[g.pk for g in goals], day__gte=since, day__lte=today
        ).values_list("goal_id", "day", "done")
    }
    days = [today - dt.timedelta(days=offset) for offset in range(DAYS_SHOWN)]
    return [GoalWeek(goal, [(day, answers.get((goal.pk, day))) for day in days]) for goal in goals]


def note_day(*, member: Any, goal: SelfCareGoal, day: dt.date, done: bool) -> SelfCareLog:
    """Note whether the member did ``goal`` on ``day`` (the last answer for a day counts)."""
    if goal.member_id != member.pk:
        raise PermissionError("a member can only log their own goals")
    row, _ = SelfCareLog.objects.update_or_create(
        goal=goal, day=day, defaults={"member": member, "done": done}
    )
    return row


def delete_goal(*, member: Any, goal: SelfCareGoal) -> None:
    if goal.member_id != member.pk:
        raise PermissionError("a member can only delete their own goals")
    goal.delete()


@exporter("self_care")
def export_self_care(member: Any) -> dict[str, Any]:
    goals = goals_for(member, include_archived=True)
    log = SelfCareLog.objects.filter(member=member).order_by("day")
    by_goal: dict[Any, list[dict[str, Any]]] = {}
    for row in log:
        by_goal.setdefault(row.goal_id, []).append({"day": row.day.isoformat(), "done": row.done})
    return {
        "goals": [
            {
                "goal": goal.goal,
                "archived": goal.archived,
                "created_at": goal.created_at.isoformat(),
                "log": by_goal.get(goal.pk, []),
            }
            for goal in goals
        ]
    }
