"""The demo member's toolkit (``manage.py load_demo``, order 60): six weeks of tracker days
with a realistic pattern, one worksheet, three rewards with a short log, a started plan.

The pattern: use clusters at the end of the week, around payday and after arguments, and
grows a little rarer over the six weeks as the member practises (erosion, not a tsunami).
Written in our own words. Idempotent: skipped once the demo member has tracker days.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kindred.toolkit.models import (
    AnalysisKind,
    Cost,
    Effort,
    FunctionalAnalysis,
    Outcome,
    Reward,
    RewardGiven,
    SafetyPlan,
    TrackerDay,
    Used,
)
from kindred.toolkit.services.tracker import member_today

NOTES = {
    Used.NO: [
        "We cooked together and watched a film. He laughed a lot.",
        "Quiet evening. He went to bed early.",
        "He helped his sister move boxes and stayed for dinner.",
        "",
        "",
    ],
    Used.YES: [
        "Came home late after drinks with people from work. I said I'd talk tomorrow and "
        "left the room.",
        "Argument about money in the morning; by evening he had been drinking.",
        "",
    ],
    Used.UNKNOWN: ["He was out all afternoon and I couldn't tell.", ""],
}


def _member() -> Any:
    from kindred.accounts.demo import demo_member

    return demo_member()


def is_loaded() -> bool:
    member = _member()
    return member is not None and TrackerDay.objects.filter(member=member).exists()


def _days(today: dt.date, rng: random.Random) -> list[dict[str, Any]]:
    start = today - dt.timedelta(days=41)
    days = []
    for offset in range(42):
        day = start + dt.timedelta(days=offset)
        week = offset // 7  # 0 (six weeks ago) … 5 (this week)
        risk = 0.12
        tags: list[str] = []
        if day.weekday() in (4, 5):
            risk += 0.45
            tags += ["situation:weekend", "trigger:certain-people"]
        if day.day in (1, 2, 15, 16):
            risk += 0.3
            tags.append("trigger:payday")
        if rng.random() < 0.2:
            tags.append("trigger:stress")
        if rng.random() < 0.12:
            tags.append("trigger:argument")
            risk += 0.25
        risk -= week * 0.06  # practice pays off, slowly
        roll = rng.random()
        used = Used.YES if roll < risk else Used.UNKNOWN if roll < risk + 0.06 else Used.NO
        if used == Used.YES:
            tags.append("substance:alcohol")
        if rng.random() < 0.1 and day.weekday() < 5:
            continue  # a few days are simply not noted
        days.append(
            {
                "day": day,
                "used": used,
                "tags": sorted(set(tags)),
                "between_us": (
                    rng.choice([4, 4, 5, 3]) if used == Used.NO else rng.choice([1, 2, 2, 3])
                ),
                "note": rng.choice(NOTES[used]),
            }
        )
    return days


def load_demo(stdout: Any = None) -> None:
    member = _member()
    if member is None or is_loaded():
        return
    rng = random.Random(42)  # noqa: S311  (the same demo every time; not security)
    today = member_today(member)
    days = _days(today, rng)
    for values in days:
        TrackerDay.objects.create(member=member, **values)
    FunctionalAnalysis.objects.create(
        member=member,
        kind=AnalysisKind.USING,
        title="Friday evenings",
        outer_triggers="Payday\nFriday after work\nThe same two friends from work",
        inner_thoughts='"I\'ve earned this." "Everyone else gets to unwind."',
        inner_feelings="Tired, stressed about money, a bit lonely at home",
        behaviour="Beers at the bar, then more at home; usually six or more",
        short_term="Relaxes, feels part of the group, forgets the week",
        long_term="Hungover weekends, arguments at home, money gone, missed his son's match",
    )
    rewards = [
        Reward.objects.create(
            member=member,
            what="Cooking his favourite curry together",
            effort=Effort.SOME,
            cost=Cost.LOW,
        ),
        Reward.objects.create(
            member=member,
            what="Watching the game with him, phones away",
            effort=Effort.LOW,
            cost=Cost.FREE,
        ),
        Reward.objects.create(
            member=member,
            what="A walk by the river on Sunday morning",
            effort=Effort.LOW,
            cost=Cost.FREE,
        ),
    ]
    non_using = [values["day"] for values in days if values["used"] == Used.NO][-6:]
    outcomes = [Outcome.WELL, Outcome.WELL, Outcome.MIXED]
    for index, day in enumerate(non_using[::2]):
        RewardGiven.objects.create(
            member=member,
            reward=rewards[index % 3],
            given_on=day,
            outcome=outcomes[index % 3],
            how_it_went="He said it was the best evening in a while." if index == 0 else "",
        )
    SafetyPlan.objects.create(
        member=member,
        their_warning_signs="Slurred speech, slamming doors, calling me names",
        safe_places="My sister's flat (ten minutes by bus)",
        person_1_name="My sister",
        person_1_phone="555-0142",
        things_ready=["keys", "phone", "naloxone"],
        naloxone_where="Kitchen drawer, left of the sink",
    )
    if stdout is not None:
        stdout.write(f"Toolkit: {len(days)} tracker days, 1 worksheet, 3 rewards, a safety plan.")


# --- Part 2: wellbeing check-ins, self-care goals and the journal (order 61) -----------------

# Eight weekly check-ins: a hard start that eases, with one harder week (week 5) on the way,
# as change usually goes. (stress, mood, sleep, hope, family, work, health, friends, money,
# free time)
CHECKINS = [
    (9, 3, 3, 3, 4, 5, 4, 2, 4, 1),
    (8, 3, 4, 4, 4, 5, 4, 3, 4, 2),
    (8, 4, 4, 4, 5, 5, 5, 3, 4, 2),
    (7, 5, 5, 5, 5, 6, 5, 4, 5, 3),
    (8, 4, 4, 4, 4, 5, 5, 4, 4, 3),
    (6, 5, 5, 5, 5, 6, 5, 5, 5, 4),
    (6, 6, 6, 6, 6, 6, 6, 5, 5, 5),
    (5, 6, 6, 6, 6, 6, 6, 6, 5, 5),
]
JOURNAL = [
    (
        49,
        2,
        "Couldn't sleep again, listening for the door. I keep going over the same "
        "conversation in my head. Tomorrow I'll try the module on taking care of myself.",
    ),
    (
        24,
        3,
        "Walked by the river at lunch. Twenty minutes, but it helped more than I expected. "
        "Told my sister a little about what's been happening; she just listened.",
    ),
    (
        3,
        4,
        "Choir again tonight. I noticed I hadn't checked my phone for two hours. Things at "
        "home aren't fixed, but I feel steadier.",
    ),
]


def wellbeing_demo_loaded() -> bool:
    from kindred.toolkit.models import CheckIn

    member = _member()
    return member is not None and CheckIn.objects.filter(member=member).exists()


def load_wellbeing_demo(stdout: Any = None) -> None:
    from kindred.toolkit.models import CheckIn, JournalEntry, SelfCareGoal, SelfCareLog
    from kindred.toolkit.models.wellbeing import SCORES

    member = _member()
    if member is None or wellbeing_demo_loaded():
        return
    today = member_today(member)
    for week, scores in enumerate(CHECKINS):
        day = today - dt.timedelta(weeks=len(CHECKINS) - 1 - week)
        CheckIn.objects.create(
            member=member,
            day=day,
            **{key: score for (key, _), score in zip(SCORES, scores, strict=True)},
        )
    for days_ago, mood, text in JOURNAL:
        JournalEntry.objects.create(
            member=member, day=today - dt.timedelta(days=days_ago), mood=mood, text=text
        )
    walk = SelfCareGoal.objects.create(
        member=member, goal="Walk for twenty minutes on Monday, Wednesday and Friday"
    )
    bedtime = SelfCareGoal.objects.create(
        member=member, goal="Go to bed by 11 on at least four nights this week"
    )
    for days_ago, walked, slept in [
        (1, True, True),
        (2, False, True),
        (3, True, False),
        (4, None, True),
        (5, True, True),
    ]:
        day = today - dt.timedelta(days=days_ago)
        if walked is not None:
            SelfCareLog.objects.create(member=member, goal=walk, day=day, done=walked)
        SelfCareLog.objects.create(member=member, goal=bedtime, day=day, done=slept)
    if stdout is not None:
        stdout.write("Toolkit: 8 wellbeing check-ins, 3 journal entries, 2 self-care goals.")


# --- The treatment-invitation planner (DemoData "toolkit-invitation", after the directory) ---


def invitation_is_loaded() -> bool:
    from kindred.toolkit.models import InvitationPlan

    member = _member()
    return member is not None and InvitationPlan.objects.filter(member=member).exists()


def _demo_directory_option(member: Any) -> Any:
    """A treatment provider from the demo directory (Columbus, Ohio), else any treatment
    entry; None when the directory has none."""
    from kindred.resources.selectors import treatment_options_for

    entries = treatment_options_for(member, "43215")
    providers = [entry for entry in entries if entry.kind == "treatment-provider"]
    return (providers or entries or [None])[0]


def load_invitation_demo(stdout: Any = None) -> None:
    from django.utils import timezone

    from kindred.toolkit.models import (
        InvitationPlan,
        OpportunityWindow,
        OptionKind,
        PreparedAnswer,
        StartsSoon,
        TreatmentOption,
        WindowKind,
    )
    from kindred.toolkit.services.invitation import option_from_resource

    member = _member()
    if member is None or invitation_is_loaded():
        return
    InvitationPlan.objects.create(
        member=member,
        words="I love you, and I've been worried since the morning you missed Leo's match. "
        "I know work has been really hard and the evenings are when you unwind. I haven't "
        "always made it easier. I found a place that can see you this week: would you come "
        "to one appointment with me? I'll drive.",
        answer_no_problem="I'm not saying you're a bad person. I'm saying I miss you on the "
        "weekends. One appointment, and we can decide together after.",
        answer_cut_down="That would mean a lot to me. Would you try it with some help, so "
        "you're not doing it alone?",
        answer_your_problem="You might be right that I've made things harder. I'm talking to "
        "someone too. Will you come with me once?",
        helper_drive="Me, or my sister Ana if I'm at work",
        helper_children="Ana can take Leo after school on Tuesdays and Thursdays",
        plan_b_try_again="After the next calm weekend morning, or in two weeks at the latest",
        plan_b_smaller_step="A visit to Dr. Okafor about his sleep and blood pressure",
        plan_b_other="His brother Marco, who he listens to, could ask him instead",
    )
    PreparedAnswer.objects.create(
        member=member,
        their_reply="We can't afford it.",
        answer="I checked: they take our insurance, and the helpline knows free programmes.",
    )
    entry = _demo_directory_option(member)
    if entry is not None:
        option = option_from_resource(member=member, resource=entry)
        option.starts_soon = StartsSoon.YES
        option.notes = "They said a new person can usually be seen within two days."
        option.save()
    TreatmentOption.objects.create(
        member=member,
        name="Dr. Okafor (our family doctor)",
        kind=OptionKind.MEDICAL,
        phone="(614) 555-0188",
        hours="Mon–Fri 8:00–17:00",
        cost_notes="Covered by our insurance; $20 copay",
        starts_soon=StartsSoon.YES,
        notes="Can talk about medication for alcohol and refer on.",
    )
    now = timezone.now()
    OpportunityWindow.objects.create(
        member=member,
        kind=WindowKind.DIP,
        what_happened='After the hangover on Sunday he said: "I can\'t keep doing this."',
        happened_at=now - dt.timedelta(days=3, hours=2),
    )
    OpportunityWindow.objects.create(
        member=member,
        kind=WindowKind.WISH,
        what_happened="He asked how my counselling is going and said he wishes he slept better.",
        happened_at=now - dt.timedelta(days=9, hours=5),
    )
    if stdout is not None:
        stdout.write("Toolkit: an invitation plan, two treatment options, two windows.")
