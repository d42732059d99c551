"""The 0–100 score and the PIUS checklist.

Formula (documented in the README):

* empty or whitespace-only text scores 0;
* otherwise start at 50 (a neutral message);
* +9 for each distinct strength kind present, +2 for each further strength finding
  (at most +6 from repeats);
* −14 for each distinct pitfall kind present, −4 for each further pitfall finding;
* clamp to 0–100. A crisis does not change the score.
"""

from __future__ import annotations

from .results import PIUS_KEYS, Finding

BASE = 50
PER_STRENGTH_KIND = 9
PER_EXTRA_STRENGTH = 2
MAX_EXTRA_STRENGTH = 6
PER_PITFALL_KIND = 14
PER_EXTRA_PITFALL = 4


def score(text: str, pitfalls: list[Finding], strengths: list[Finding]) -> int:
    """Score a message from its findings (see the module docstring for the formula)."""
    if not text.strip():
        return 0
    s_kinds = {f.kind for f in strengths}
    p_kinds = {f.kind for f in pitfalls}
    value = BASE
    value += PER_STRENGTH_KIND * len(s_kinds)
    value += min(PER_EXTRA_STRENGTH * (len(strengths) - len(s_kinds)), MAX_EXTRA_STRENGTH)
    value -= PER_PITFALL_KIND * len(p_kinds)
    value -= PER_EXTRA_PITFALL * (len(pitfalls) - len(p_kinds))
    return max(0, min(100, value))


def pius(strengths: list[Finding]) -> dict[str, bool]:
    """The PIUS checklist: which of its five parts the message contains.

    ``i_statement`` is ticked by an I-statement or by the writer naming a feeling.
    """
    kinds = {f.kind for f in strengths}
    out = {key: key in kinds for key in PIUS_KEYS}
    out["i_statement"] = "i_statement" in kinds or "feeling" in kinds
    return out
