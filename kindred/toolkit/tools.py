"""The toolkit's tools, as one declarative list: the home page (/toolkit/) shows them in order.

A new tool appends a ``Tool`` to ``TOOLS`` (or calls ``register``) with its one-line purpose,
its URL name, the slug of the lesson that teaches it, and a function that says what the
member last did in it with ONE query (the home page's query count stays fixed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Activity:
    """What the member last did in a tool: when, and a short description (never their words)."""

    when: datetime
    what: str


@dataclass(frozen=True)
class Tool:
    key: str
    title: str
    purpose: str
    url_name: str
    lesson_slug: str = ""  # the LessonPage that teaches the tool (its slug)
    # Other lessons whose "Try this week" is practised with this tool (they link to it too).
    also_taught_in: tuple[str, ...] = ()
    order: int = 100
    last_activity: Callable[[Any], Activity | None] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def lesson_slugs(self) -> tuple[str, ...]:
        return ((self.lesson_slug,) if self.lesson_slug else ()) + self.also_taught_in


def _last(model_path: str, what: Callable[[Any], str]) -> Callable[[Any], Activity | None]:
    def last_activity(member: Any) -> Activity | None:
        from django.apps import apps

        model = apps.get_model(model_path)
        row = model.objects.filter(member=member).order_by("-updated_at").first()
        return Activity(row.updated_at, what(row)) if row else None

    return last_activity


def _day_what(row: Any) -> str:
    return f"You last noted {row.day:%A %-d %B}."


TOOLS: list[Tool] = [
    Tool(
        key="safety-plan",
        title="Safety plan",
        purpose="What you will do, where you will go and who you will call if things become "
        "unsafe.",
        url_name="toolkit:safety_plan",
        lesson_slug="safety-plan",
        also_taught_in=("warning-signs", "overdose-response"),
        order=10,
        last_activity=_last("toolkit.SafetyPlan", lambda row: "You last changed your plan."),
    ),
    Tool(
        key="tracker",
        title="Day tracker",
        purpose="A few taps a day to notice patterns: which days go well and what comes "
        "before use.",
        url_name="toolkit:tracker",
        lesson_slug="triggers-and-patterns",
        also_taught_in=("why-rewards-work",),
        order=20,
        last_activity=_last("toolkit.TrackerDay", _day_what),
    ),
    Tool(
        key="analysis",
        title="Understanding the pattern",
        purpose="Map what leads to use and what it gives your loved one, and the same for "
        "something healthy they enjoy.",
        url_name="toolkit:analysis",
        lesson_slug="the-use-chain",
        also_taught_in=("healthy-activity-map",),
        order=30,
        last_activity=_last(
            "toolkit.FunctionalAnalysis", lambda row: "You last worked on a worksheet."
        ),
    ),
    Tool(
        key="rewards",
        title="Rewards",
        purpose="Small, free or cheap ways to make non-using time better, and how each went.",
        url_name="toolkit:rewards",
        lesson_slug="choosing-rewards",
        also_taught_in=("giving-rewards-well",),
        order=40,
        last_activity=_last("toolkit.RewardGiven", lambda row: "You last noted a reward."),
    ),
    Tool(
        key="stepping-back",
        title="Stepping back",
        purpose="What you will stop doing that makes using easier, checked for safety first.",
        url_name="toolkit:stepping_back",
        lesson_slug="stepping-back-safely",
        also_taught_in=("stepping-back-from-use", "natural-consequences"),
        order=50,
        last_activity=_last("toolkit.SteppingBackItem", lambda row: "You last changed your list."),
    ),
]


def register(tool: Tool) -> Tool:
    """Add a tool to the home page (for tools defined outside this module)."""
    if any(existing.key == tool.key for existing in TOOLS):
        raise ValueError(f"A toolkit tool with the key {tool.key!r} already exists.")
    TOOLS.append(tool)
    return tool


def tools() -> list[Tool]:
    return sorted(TOOLS, key=lambda tool: (tool.order, tool.key))


# Part 2: the member's own wellbeing (module 7).
def _self_care_last(member: Any) -> Activity | None:
    """The latest change to a goal or its log (one query)."""
    from django.db.models import Max

    from kindred.toolkit.models import SelfCareGoal

    latest = SelfCareGoal.objects.filter(member=member).aggregate(
        goal=Max("updated_at"), log=Max("log__updated_at")
    )
    if latest["log"] is not None and (latest["goal"] is None or latest["log"] >= latest["goal"]):
        return Activity(latest["log"], "You last noted a goal.")
    if latest["goal"] is not None:
        return Activity(latest["goal"], "You last changed your goals.")
    return None


TOOLS += [
    Tool(
        key="wellbeing",
        title="Wellbeing check-in",
        purpose="One minute to rate your stress, mood, sleep, hope and the areas of your "
        "life, and see how they change over the weeks.",
        url_name="toolkit:wellbeing",
        lesson_slug="rating-your-life",
        order=60,
        last_activity=_last("toolkit.CheckIn", lambda row: "You last checked in."),
    ),
    Tool(
        key="self-care",
        title="Self-care plan",
        purpose="Small goals for your own life, and a simple note of the days you did them.",
        url_name="toolkit:self_care",
        lesson_slug="your-life-counts",
        also_taught_in=("building-support",),
        order=70,
        last_activity=_self_care_last,
    ),
    Tool(
        key="journal",
        title="Journal",
        purpose="A private place to write how you are, with a mood for each day.",
        url_name="toolkit:journal",
        lesson_slug="",
        order=80,
        last_activity=_last("toolkit.JournalEntry", lambda row: "You last wrote an entry."),
    ),
]


# The treatment-invitation planner.
register(
    Tool(
        key="invitation",
        title="Inviting to treatment",
        purpose="Treatment options ready, the words you will say, who will help and a plan B, "
        "for the next window of opportunity.",
        url_name="toolkit:invitation",
        lesson_slug="making-the-invitation",
        also_taught_in=("preparing-options", "dips-and-wishes", "plan-b-and-after-yes"),
        order=90,  # CRAFT's procedure 8, after the member's own life (self-care, journal)
        last_activity=lambda member: _invitation_activity(member),
    )
)


INVITATION_WHAT = {
    "plan": "You last changed your plan.",
    "option": "You last changed a treatment option.",
    "answer": "You last changed a prepared answer.",
    "window": "You last noted a window of opportunity.",
}


def _invitation_activity(member: Any) -> Activity | None:
    """The latest change across the planner's four kinds of record, in ONE query (a union)."""
    from django.apps import apps
    from django.db.models import CharField, Value

    rows = [
        apps.get_model(model_path)
        .objects.filter(member=member)
        .order_by()  # no default ordering inside a union
        .annotate(what=Value(what, output_field=CharField()))
        .values_list("updated_at", "what")
        for model_path, what in (
            ("toolkit.InvitationPlan", "plan"),
            ("toolkit.TreatmentOption", "option"),
            ("toolkit.PreparedAnswer", "answer"),
            ("toolkit.OpportunityWindow", "window"),
        )
    ]
    latest = list(rows[0].union(*rows[1:], all=True).order_by("-updated_at")[:1])
    if not latest:
        return None
    when, what = latest[0]
    return Activity(when, INVITATION_WHAT[what])
