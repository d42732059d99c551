"""The member's safety plan (one per member) and the numbers from Get help."""

from __future__ import annotations

from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import SafetyPlan
from kindred.toolkit.models.safety_plan import PLAN_TEXT_FIELDS, READY_ITEMS


def plan_for(member: Any) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(member=member).first()


def ready_labels(plan: SafetyPlan | None) -> list[tuple[str, str, bool]]:
    chosen = set(plan.things_ready or []) if plan else set()
    return [(key, label, key in chosen) for key, label in READY_ITEMS]


@exporter("safety_plan")
def export_safety_plan(member: Any) -> dict[str, Any] | None:
    plan = plan_for(member)
    if plan is None:
        return None
    data: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_TEXT_FIELDS}
    data["things_ready"] = list(plan.things_ready or [])
    data["updated_at"] = plan.updated_at.isoformat()
    return data
