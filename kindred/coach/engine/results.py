"""Result types of the communication coach (frozen dataclasses, no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PITFALL_KINDS: tuple[str, ...] = (
    "blame",
    "absolute",
    "label",
    "threat",
    "lecture",
    "past",
    "contempt",
    "interrogation",
)
STRENGTH_KINDS: tuple[str, ...] = (
    "i_statement",
    "feeling",
    "understanding",
    "shared_responsibility",
    "offer_help",
    "positive",
)
#: The 14 message kinds the coach reports (8 pitfalls, then 6 strengths).
KINDS: tuple[str, ...] = PITFALL_KINDS + STRENGTH_KINDS
#: Crisis kinds, most urgent first.
CRISIS_KINDS: tuple[str, ...] = ("overdose", "suicide", "violence")
#: The PIUS checklist keys, in display order.
PIUS_KEYS: tuple[str, ...] = (
    "positive",
    "i_statement",
    "understanding",
    "shared_responsibility",
    "offer_help",
)


@dataclass(frozen=True)
class Finding:
    """One phrase that helps (strength) or hurts (pitfall).

    ``start``/``end`` are Python string indices into the analysed text and
    ``text[start:end] == excerpt``. ``why`` and ``try_instead`` are empty for strengths.
    """

    kind: str
    start: int
    end: int
    excerpt: str
    why: str = ""
    try_instead: str = ""

    def to_dict(self, *, pitfall: bool) -> dict[str, Any]:
        """Serialise; pitfalls carry ``why`` and ``try_instead``, strengths do not."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }
        if pitfall:
            out["why"] = self.why
            out["try_instead"] = self.try_instead
        return out


@dataclass(frozen=True)
class CrisisFinding:
    """A sign of crisis: ``kind`` is one of :data:`CRISIS_KINDS`; the span is the trigger.

    ``possible`` is True for a low-confidence signal: danger words are there but no rule
    confirmed a crisis and the crisis model is unsure. The help is then shown calmly ("If
    this is happening now…") rather than not at all.
    """

    kind: str
    start: int
    end: int
    possible: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Serialise to ``{"kind", "start", "end", "possible"}``."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "possible": self.possible}


@dataclass(frozen=True)
class Analysis:
    """Everything the coach found in one message."""

    score: int
    pius: dict[str, bool]
    pitfalls: list[Finding] = field(default_factory=list)
    strengths: list[Finding] = field(default_factory=list)
    crisis: CrisisFinding | None = None
    #: The message-level decision shown first: True when any pitfall was found (by the
    #: rules or the kind reader), so a "may hurt" always points at words with an alternative.
    may_hurt: bool = False
    #: The kind reader's highest pitfall probability for the message (0 without a reader).
    hurt_probability: float = 0.0

    @property
    def kinds(self) -> set[str]:
        """The set of kinds present in the message (message-level labels)."""
        return {f.kind for f in self.pitfalls} | {f.kind for f in self.strengths}

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the JSON shape documented in ``kindred/coach/README.md``."""
        return {
            "may_hurt": self.may_hurt,
            "score": self.score,
            "pius": dict(self.pius),
            "pitfalls": [f.to_dict(pitfall=True) for f in self.pitfalls],
            "strengths": [f.to_dict(pitfall=False) for f in self.strengths],
            "crisis": self.crisis.to_dict() if self.crisis else None,
        }
