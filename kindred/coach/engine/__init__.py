"""Kindred communication coach engine (pure Python, standard library only).

``analyze(text)`` finds what will help (strengths) and what will hurt (pitfalls) in a
message to a loved one, scores it and fills the PIUS checklist; ``detect_crisis(text)``
is the fast path that only looks for signs of an overdose, suicide risk or violence.
Neither function logs or prints the text.
"""

from __future__ import annotations

from .kind_reader import load_kind_reader
from .results import CRISIS_KINDS, KINDS, Analysis, CrisisFinding, Finding
from .rules import add_kind_reader_findings, find_all, find_crisis
from .scoring import pius, score
from .vocabulary import available_languages, load

__all__ = [
    "CRISIS_KINDS",
    "KINDS",
    "Analysis",
    "CrisisFinding",
    "Finding",
    "analyze",
    "available_languages",
    "detect_crisis",
]


def analyze(text: str, lang: str = "en", *, use_model: bool = True) -> Analysis:
    """Analyse a draft message and return an :class:`Analysis`.

    The rules find each kind; the language's kind reader (``lang/<code>/kind_reader.json``,
    if present) adds kinds the rules missed. ``use_model=False`` gives the rules alone for
    the 14 kinds (the crisis check always runs in full).

    Offsets in every finding index into ``text`` itself. Never raises on odd input
    (empty, very long, emoji, other scripts); raises ``ValueError`` for an unknown ``lang``.
    """
    vocab = load(lang)
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if not text.strip():
        return Analysis(score=0, pius=pius([]), pitfalls=[], strengths=[], crisis=None)
    pitfalls, strengths, lay, low = find_all(text, vocab)
    reader = load_kind_reader(lang) if use_model else None
    hurt = 0.0
    if reader is not None:
        pitfalls, strengths, hurt = add_kind_reader_findings(
            text, low, lay, vocab, reader, pitfalls, strengths
        )
    crisis = find_crisis(text, vocab, low, lay)
    return Analysis(
        score=score(text, pitfalls, strengths),
        pius=pius(strengths),
        pitfalls=pitfalls,
        strengths=strengths,
        crisis=crisis,
        may_hurt=bool(pitfalls),
        hurt_probability=round(hurt, 3),
    )


def detect_crisis(text: str, lang: str = "en") -> CrisisFinding | None:
    """Return the most urgent sign of crisis in ``text``, or ``None``.

    Priority: overdose, then suicide, then violence. Runs only the crisis rules, so it is
    cheap enough to call on every text a member submits.
    """
    if not text or not text.strip():
        return None
    return find_crisis(text, load(lang))
