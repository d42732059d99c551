"""Stepping back: what the member will stop doing, the natural consequence they will allow
instead, and the safety check every item gets on every save."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import Risk, SteppingBackItem

NEVER_ABOUT_DANGER = (
    "Natural consequences are about letting use cost what it costs: a missed shift, an "
    "uncomfortable conversation, a bill. They are never about danger to anyone's life or "
    "safety. When there is danger, safety comes first, every time."
)

# What the words of an item may suggest, by risk. Deliberately broad: a false alarm costs a
# moment's reading; a missed one could cost a life.
WORDS: dict[str, re.Pattern[str]] = {
    Risk.OPIOIDS: re.compile(
        r"opioid|opiate|heroin|fentanyl|\boxy(\b|cod|cont)|percocet|vicodin|morphine|methadone|nodding|"
        r"\bpills?\b|overdos",
        re.I,
    ),
    Risk.BENZOS: re.compile(r"benzo|xanax|valium|klonopin|ativan|sleeping (pill|tablet)", re.I),
    Risk.DRINKING: re.compile(
        r"drunk|heavy drinking|drinking (heavily|all (day|night)|too much|a lot)|binge|"
        r"alcohol poisoning|passed out|pass out|blackout|black out|sleep it off|"
        r"can'?t wake|unconscious|vomit|throwing up",
        re.I,
    ),
    Risk.DRIVING: re.compile(r"\bdriv|\bcar\b|car keys|\bkeys\b|behind the wheel|ride home", re.I),
    Risk.VIOLENCE: re.compile(
        r"violen|\bhit(s|ting)?\b|hurt (me|us|someone)|threat|\brag(e|es|ing)\b|weapon|"
        r"\bguns?\b|knife|"
        r"push(ed|es)? me|angry|\btemper\b|break(s|ing)? things",
        re.I,
    ),
    Risk.CHILDREN: re.compile(
        r"\bchild|\bkids?\b|\bson\b|\bdaughter|\bbaby|toddler|grandchild|school run|pick(ing)? up "
        r"the (kids|children)|babysit",
        re.I,
    ),
    Risk.SELF_HARM: re.compile(
        r"suicid|kill (him|her|them)sel|\bend (it|his life|her life)\b|not want to live|"
        r"don'?t want to live|self[- ]harm",
        re.I,
    ),
}

WHY: dict[str, str] = {
    Risk.OPIOIDS: "After opioids, sleep can turn into an overdose. Never leave someone to "
    "sleep it off alone: check their breathing, keep naloxone close, and call emergency "
    "services if they do not respond.",
    Risk.BENZOS: "Benzodiazepines and sleeping pills, especially with alcohol or opioids, can "
    "stop someone's breathing. Stay close, check on them, and call emergency services if "
    "they do not respond.",
    Risk.DRINKING: "After heavy drinking, someone who cannot be woken, or is vomiting, is in "
    "danger. Lay them on their side, stay with them, and call emergency services.",
    Risk.DRIVING: "Driving after using puts them and everyone on the road in danger. Stepping "
    "back never means letting someone drive: keep the keys, offer a lift or a taxi.",
    Risk.VIOLENCE: "If stepping back could make your loved one angry or violent, plan it with "
    "your safety plan first, or do not take this step.",
    Risk.CHILDREN: "Children must never be left in the care of someone who has used. Make "
    "sure they are safe and looked after before you step back.",
    Risk.SELF_HARM: "If your loved one talks about not wanting to live, this is not a time to "
    "step back: stay with them and call or text a crisis line.",
}


def safety_check(stop_doing: str, allow_instead: str, ticked: list[str]) -> list[str]:
    """The risks of an item: those the member ticked and those its words suggest, in a fixed
    order."""
    text = f"{stop_doing}\n{allow_instead}"
    found = set(ticked) | {risk for risk, pattern in WORDS.items() if pattern.search(text)}
    return [risk for risk in Risk.values if risk in found]


@dataclass(frozen=True)
class Flag:
    risk: str
    label: str
    why: str


def flags_of(item: SteppingBackItem) -> list[Flag]:
    labels = dict(Risk.choices)
    return [Flag(risk, str(labels[risk]), WHY[risk]) for risk in item.flags or [] if risk in WHY]


def items_for(member: Any) -> list[SteppingBackItem]:
    return list(SteppingBackItem.objects.filter(member=member).order_by("created_at"))


def delete_item(*, member: Any, item: SteppingBackItem) -> None:
    if item.member_id != member.pk:
        raise PermissionError("a member can only delete their own items")
    item.delete()


@exporter("stepping_back")
def export_stepping_back(member: Any) -> list[dict[str, Any]]:
    return [
        {
            "stop_doing": item.stop_doing,
            "allow_instead": item.allow_instead,
            "risks_ticked": item.risks,
            "safety_flags": item.flags,
            "updated_at": item.updated_at.isoformat(),
        }
        for item in items_for(member)
    ]
