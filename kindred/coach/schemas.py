"""The crisis panel as JSON, for endpoints that save what a member writes (autosave)."""

from __future__ import annotations

from ninja import Schema

from kindred.coach.crisis import CrisisAlert


class HelpResourceOut(Schema):
    name: str
    description: str
    phone: str
    sms_number: str
    sms_body: str
    hours: str
    tel: str
    sms: str


class CrisisPanelOut(Schema):
    kind: str
    heading: str
    message: str
    resources: list[HelpResourceOut]
    overdose_steps: list[str]


def crisis_panel_payload(crisis: CrisisAlert | None) -> dict[str, object] | None:
    """What the page's script needs to show the crisis panel first (None: no danger seen)."""
    if crisis is None:
        return None
    return {
        "kind": crisis.kind,
        "heading": crisis.heading,
        "message": crisis.message,
        "resources": crisis.resources(),
        "overdose_steps": list(crisis.overdose_steps),
    }
