"""The coach's answer for one draft: the engine's analysis plus the matching crisis help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kindred.coach.crisis import CrisisAlert, alert_for
from kindred.coach.engine import Analysis, analyze

MAX_CHARACTERS = 5_000

PIUS_LABELS = {
    "positive": "Positive and specific",
    "i_statement": "I-statements with your feelings",
    "understanding": "An understanding statement",
    "shared_responsibility": "Sharing responsibility",
    "offer_help": "An offer to help",
}
KIND_LABELS = {
    "blame": "Blame",
    "absolute": "Always / never",
    "label": "A label",
    "threat": "A threat",
    "lecture": "A lecture",
    "past": "Raking up the past",
    "contempt": "Contempt",
    "interrogation": "An accusing question",
    "i_statement": "I-statement",
    "feeling": "Names a feeling",
    "understanding": "Understanding",
    "shared_responsibility": "Shares responsibility",
    "offer_help": "Offers help",
    "positive": "Positive",
}


@dataclass(frozen=True)
class CoachResult:
    text: str
    analysis: Analysis
    crisis: CrisisAlert | None

    def as_payload(self) -> dict[str, Any]:
        """The JSON the API and the `coach` command return."""
        payload = self.analysis.to_dict()
        if self.crisis is not None:
            payload["crisis"] = {
                "kind": self.crisis.kind,
                "possible": self.crisis.possible,
                "resources": self.crisis.resources(),
            }
        return payload

    def pius_items(self) -> list[tuple[str, str, bool]]:
        return [(key, PIUS_LABELS[key], done) for key, done in self.analysis.pius.items()]

    def highlighted(self) -> SafeString:
        """The draft as HTML, each pitfall and strength wrapped in a <mark> (text escaped)."""
        spans = sorted(
            [(f.start, f.end, f.kind, "pitfall") for f in self.analysis.pitfalls]
            + [(f.start, f.end, f.kind, "strength") for f in self.analysis.strengths]
        )
        parts: list[str] = []
        cursor = 0
        for start, end, kind, group in spans:
            if start < cursor:  # overlapping spans: keep the first, the list shows the rest
                continue
            parts.append(escape(self.text[cursor:start]))
            parts.append(
                f'<mark class="coach-mark coach-mark--{group}" data-kind="{kind}">'
                f"{escape(self.text[start:end])}"
                f'<span class="visually-hidden"> ({escape(KIND_LABELS[kind])})</span></mark>'
            )
            cursor = end
        parts.append(escape(self.text[cursor:]))
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every piece of text is escaped above


def coach_message(text: str) -> CoachResult:
    """Analyse a draft; the text is neither stored nor logged here."""
    analysis = analyze(text)
    found = analysis.crisis
    crisis = alert_for(found.kind, possible=found.possible) if found else None
    return CoachResult(text=text, analysis=analysis, crisis=crisis)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def client_labels() -> dict[str, Any]:
    """The words the live page needs, from the same source as the server-rendered page."""
    from kindred.coach.crisis import HEADINGS, MESSAGES, POSSIBLE_HEADINGS, POSSIBLE_MESSAGES

    return {
        "kinds": KIND_LABELS,
        "pius": PIUS_LABELS,
        "crisis": {
            kind: {
                "heading": HEADINGS[kind],
                "message": MESSAGES[kind],
                "possible_heading": POSSIBLE_HEADINGS[kind],
                "possible_message": POSSIBLE_MESSAGES[kind],
            }
            for kind in HEADINGS
        },
    }
