"""The one crisis check every part of Kindred runs on what a member submits.

``check_for_crisis(text)`` returns a :class:`CrisisAlert` with the help that matches the
danger (numbers from /get-help/, editable by staff), or ``None``. It never logs the text.
A low-confidence signal (danger words the engine could not confirm) is still an alert, with
``possible=True`` and a calmer heading ("If this is happening now…"): the help is shown
rather than nothing. Callers that only need ``alert.kind`` keep working unchanged.
Templates show an alert with ``{% include "coach/includes/crisis_panel.html" %}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kindred.coach.engine import detect_crisis
from kindred.core.get_help import GetHelpContent, Helpline, get_help_content

HEADINGS = {
    "overdose": "If someone may be overdosing right now",
    "suicide": "If you or your loved one may be thinking about suicide",
    "violence": "If you or someone at home is not safe",
}
#: Calmer words for a *possible* crisis: the coach is not sure, so it says so.
POSSIBLE_HEADINGS = {
    "overdose": "If this is happening now: someone may be overdosing",
    "suicide": "If this is happening now: thoughts of suicide",
    "violence": "If this is happening now: you or someone at home may not be safe",
}
POSSIBLE_MESSAGES = {
    "overdose": "We may have misread what you wrote. If someone is hard to wake, breathing "
    "slowly or turning blue, call emergency services now.",
    "suicide": "We may have misread what you wrote. If you or your loved one is thinking about "
    "ending their life, trained counsellors answer day and night, by phone or by text.",
    "violence": "We may have misread what you wrote. If you are in danger now, call emergency "
    "services; these lines can help you plan for your safety.",
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
    #: True for a low-confidence signal: shown calmly, not as an alarm.
    possible: bool = False

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


def alert_for(
    kind: str, content: GetHelpContent | None = None, *, possible: bool = False
) -> CrisisAlert:
    """The alert for one kind of crisis (overdose, suicide, violence); ``possible`` for a
    low-confidence signal, with calmer words."""
    content = content or get_help_content()
    return CrisisAlert(
        kind=kind,
        heading=(POSSIBLE_HEADINGS if possible else HEADINGS)[kind],
        message=(POSSIBLE_MESSAGES if possible else MESSAGES)[kind],
        possible=possible,
        emergency_number=content.emergency_number,
        emergency_href=content.emergency_href,
        overdose_steps=content.overdose_steps if kind == "overdose" else (),
        helplines=content.helplines_for(kind),
    )


def check_for_crisis(text: str | None) -> CrisisAlert | None:
    """Look for signs of an overdose, suicide risk or violence in what a member wrote.

    Returns an alert for a confirmed sign, an alert with ``possible=True`` when danger words
    are present but the engine is unsure, or ``None``.
    """
    if not text:
        return None
    finding = detect_crisis(text)
    return alert_for(finding.kind, possible=finding.possible) if finding else None
