"""Text helpers: length-preserving normalisation, sentence/clause spans, quotes, negation.

Every helper keeps string offsets aligned with the original text, so a match found in
the normalised text can be reported with the same ``start``/``end`` in the input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def normalise(text: str) -> str:
    """Lower-case and straighten apostrophes without changing the length of ``text``."""
    if text.isascii():  # fast path: only the backtick needs straightening
        low = text.lower()
        return low.replace("`", "'") if "`" in low else low
    t = text.translate(_APOSTROPHES)
    low = t.lower()
    if len(low) == len(t):
        return low
    # A few characters (e.g. "İ") lower-case to two code points: keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


@dataclass(frozen=True)
class Layout:
    """Sentence and clause boundaries plus quoted regions of one text."""

    sentence_starts: list[int]
    sentence_ends: list[int]
    clause_starts: list[int]
    quotes: list[tuple[int, int]]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """Return the ``(start, end)`` of the sentence containing ``pos``."""
        i = max(bisect_right(self.sentence_starts, pos) - 1, 0)
        return self.sentence_starts[i], self.sentence_ends[i]

    def clause_start(self, pos: int) -> int:
        """Return where the clause containing ``pos`` starts."""
        i = bisect_right(self.clause_starts, pos) - 1
        return self.clause_starts[i] if i >= 0 else 0

    def in_quote(self, start: int, end: int) -> bool:
        """True when the span ``[start, end)`` lies inside a quoted region."""
        return any(qs <= start and end <= qe for qs, qe in self.quotes)


def find_quotes(text: str, pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Find quoted regions (content only, between the marks) for the given mark pairs.

    A single curly quote only opens a quotation at the start of a word, so apostrophes
    ("don’t") are not mistaken for quotation marks.
    """
    spans: list[tuple[int, int]] = []
    for open_mark, close_mark in pairs:
        pos = 0
        while True:
            i = text.find(open_mark, pos)
            if i < 0:
                break
            if open_mark == "\u2018" and i > 0 and text[i - 1].isalnum():
                pos = i + 1
                continue
            j = text.find(close_mark, i + 1)
            if close_mark == "\u2019":
                while j >= 0 and j + 1 < len(text) and text[j + 1].isalnum():
                    j = text.find(close_mark, j + 1)
            if j < 0:
                break
            spans.append((i + 1, j))
            pos = j + 1
    return spans


def layout(
    low: str,
    original: str,
    sentence_re: re.Pattern[str],
    clause_re: re.Pattern[str],
    quote_pairs: list[tuple[str, str]],
) -> Layout:
    """Split ``low`` (normalised text) into sentences and clauses; find quotes in ``original``."""
    s_starts = [0]
    s_ends: list[int] = []
    for m in sentence_re.finditer(low):
        s_ends.append(m.end())
        s_starts.append(m.end())
    s_ends.append(len(low))
    c_starts = sorted(set(s_starts) | {m.end() for m in clause_re.finditer(low)})
    return Layout(s_starts, s_ends, c_starts, find_quotes(original, quote_pairs))


_WORD = re.compile(r"[\w']+")


def negated(
    low: str,
    lay: Layout,
    start: int,
    negation_re: re.Pattern[str],
    window: int,
    scope_re: re.Pattern[str] | None = None,
) -> bool:
    """True when the phrase at ``start`` is negated within its clause.

    Negated means: the word just before ``start`` is a negation cue ("not your fault",
    "not an addict"), or a cue in the ``window`` words before is followed by a verb of
    saying/thinking/being from ``scope_re`` ("I would never *call* you …", "I'm not
    *saying* you're …"). "I won't have an addict …" is therefore not negated.
    """
    prefix = low[lay.clause_start(start) : start]
    words = _WORD.findall(prefix)[-window:]
    if not words:
        return False
    if negation_re.search(words[-1]):
        return True
    joined = " ".join(words)
    cue = negation_re.search(joined)
    if cue is None:
        return False
    if scope_re is None:
        return True
    return scope_re.search(joined, cue.end()) is not None


def units(text: str, lay: Layout) -> list[tuple[int, int]]:
    """The sentences of ``text`` that contain a word or symbol, trimmed of outer spaces."""
    out: list[tuple[int, int]] = []
    for s, e in zip(lay.sentence_starts, lay.sentence_ends, strict=False):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(not c.isspace() and c not in ".!?" for c in text[s:e]):
            out.append((s, e))
    return out or [(0, len(text))]
