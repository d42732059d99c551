"""Functional analysis worksheets, and the suggestions the tracker offers for them."""

from __future__ import annotations

from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import FunctionalAnalysis
from kindred.toolkit.services import tracker

# The worksheet's boxes, by kind: (field, label, help).
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "using": [
        ("title", "A name for this worksheet", "For example: Friday nights after work."),
        (
            "outer_triggers",
            "Outer triggers",
            "Who they were with, where, when, money, what had just happened.",
        ),
        ("inner_thoughts", "Inner triggers: what they may have been thinking", ""),
        ("inner_feelings", "Inner triggers: what they may have been feeling", ""),
        ("behaviour", "The use", "What they used, how much, for how long."),
        (
            "short_term",
            "What it gives them in the short run",
            "Relief, fun, fitting in, sleep, forgetting a worry.",
        ),
        (
            "long_term",
            "What it costs them in the long run",
            "Health, work, family, money, the law.",
        ),
    ],
    "healthy": [
        ("title", "A name for this worksheet", "For example: fishing with his brother."),
        ("outer_triggers", "What comes before it", "Who, where, when."),
        ("inner_thoughts", "What they may be thinking", ""),
        ("inner_feelings", "What they may be feeling", ""),
        ("behaviour", "The activity", "What they do, and for how long."),
        ("short_term", "What gets in the way", "Cost, effort, time, who else is there."),
        ("long_term", "What it gives them in the long run", "Health, friends, pride, calm."),
    ],
}


def worksheets_for(member: Any) -> list[FunctionalAnalysis]:
    return list(FunctionalAnalysis.objects.filter(member=member).order_by("-updated_at"))


def suggested_triggers(member: Any) -> list[str]:
    """The tracker's most frequent triggers, as words to start the outer-triggers box."""
    own = tracker.own_tags(member)
    rows = tracker.pattern_rows(member)
    return [tag.label for tag, _ in tracker.frequent_triggers(rows, tracker.tag_lookup(own))]


def delete_worksheet(*, member: Any, worksheet: FunctionalAnalysis) -> None:
    if worksheet.member_id != member.pk:
        raise PermissionError("a member can only delete their own worksheets")
    worksheet.delete()


@exporter("functional_analysis")
def export_analysis(member: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": sheet.kind,
            **{name: getattr(sheet, name) for name, _, _ in FIELDS[sheet.kind]},
            "updated_at": sheet.updated_at.isoformat(),
        }
        for sheet in worksheets_for(member)
    ]
