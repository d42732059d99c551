"""The one crisis check every part of Kindred runs on what a member submits.

``check_for_crisis(text)`` returns a :class:`CrisisAlert` with the help that matches the
danger (numbers from /get-help/, editable by staff), or ``None``. It never logs the text.
Templates show an alert with ``{% include "coach/includes/crisis_panel.html" %}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kindred.coach.engine import detect_crisis
from kindred.core.crisis import GetHelpContent, Helpline, get_help_content

HEADINGS = {
    "overdose": "If someone may be overdosing right now",
    "suicide": "If you or your loved one may be thinking about suicide",
    "violence": "If you or someone at home is not safe",
}
MESSAGES = {
    "overdose": "Call emergency services now. You do not have to be sure: it is always right "
    "to call.",
    "suicide": "You do not have to handle this alone. Trained counsellors answer day and "
    "night, by phone or by text.",
    "violence": "Your safety comes first, before anything else in this program. If you are in "
    "danger now, call emergency services.",
}


@dataclass(frozen=True)
class CrisisAlert:
    kind: str
    heading: str
    message: str
    emergency_number: str
    emergency_href: str
    overdose_steps: tuple[str, ...]
    helplines: tuple[Helpline, ...]

    def resources(self) -> list[dict[str, object]]:
        """The help as plain data, for the API and the command line."""
        emergency: dict[str, object] = {
            "name": "Emergency services",
            "description": "If someone is in danger now.",
            "phone": self.emergency_number,
            "sms_number": "",
            "sms_body": "",
            "hours": "24/7",
            "tel": self.emergency_href,
            "sms": "",
        }
        return [emergency, *(line.as_dict() for line in self.helplines)]


def alert_for(kind: str, content: GetHelpContent | None = None) -> CrisisAlert:
    """The alert for one kind of crisis (overdose, suicide, violence)."""
    content = content or get_help_content()
    return CrisisAlert(
        kind=kind,
        heading=HEADINGS[kind],
        message=MESSAGES[kind],
        emergency_number=content.emergency_number,
        emergency_href=content.emergency_href,
        overdose_steps=content.overdose_steps if kind == "overdose" else (),
        helplines=content.helplines_for(kind),
    )


def check_for_crisis(text: str | None) -> CrisisAlert | None:
    """Look for signs of an overdose, suicide risk or violence in what a member wrote."""
    if not text:
        return None
    finding = detect_crisis(text)
    return alert_for(finding.kind) if finding else None
