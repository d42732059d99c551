"""A small per-kind logistic-regression model that backs up the rules (standard library only).

The rules are precise but only know the phrasings they were written for. The model adds
recall: for each of the 14 kinds it scores a message from

* the rule engine's own hits (``R:<kind>``),
* lower-cased word unigrams and bigrams after contractions and texting spellings are
  normalised ("you're"/"youre"/"ur" → "you are"/"your", "dont" → "do not", "u" → "you"),
* the first five letters of longer words (a crude stem, so "apologise"/"apologize" and
  "threatening"/"threatened" share a feature).

A kind is reported when the rules find it, or when the model's probability is at or above
the kind's threshold (both stored in the weights file). The weights are data: they live in
``lang/<code>/model.json`` next to the rules, written by ``scripts/train_coach_model.py``,
and are loaded once per process, lazily. A language without a ``model.json`` is rules-only.

For a kind only the model found, the reported span is the sentence (or, for a one-sentence
text, the clause) whose own features score highest for that kind.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .text import Layout

LANG_DIR = Path(__file__).resolve().parent / "lang"

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Texting spellings and contractions → expanded words (applied per token).
_EXPAND: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "yer": "your",
    "r": "are",
    "youre": "you are",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "ill": "i will",
    "dont": "do not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "havent": "have not",
    "hasnt": "has not",
    "thats": "that is",
    "whats": "what is",
    "theyre": "they are",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
    "lets": "let us",
    "thx": "thanks",
    "pls": "please",
    "plz": "please",
    "rn": "right now",
    "bc": "because",
    "cuz": "because",
    "cause": "because",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
}
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'d", " would"),
    ("'m", " am"),
    ("'s", ""),
)
_SPECIAL = {"won't": "will not", "can't": "can not", "ain't": "is not", "let's": "let us"}


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` with contractions and texting spellings expanded."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'")):
        if tok in _SPECIAL:
            out.extend(_SPECIAL[tok].split())
            continue
        if "'" in tok:
            for suf, rep in _SUFFIXES:
                if tok.endswith(suf):
                    tok = tok[: -len(suf)] + rep
                    break
            out.extend(tok.split())
            continue
        out.extend(_EXPAND.get(tok, tok).split())
    return out


def features(text: str, rule_kinds: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The binary features of ``text`` (rule hits, unigrams, bigrams, stems)."""
    ws = words(text)
    feats = {"R:" + k for k in rule_kinds}
    feats.add("BIAS")
    prev = "<s>"
    for w in ws:
        feats.add("w:" + w)
        feats.add("b:" + prev + " " + w)
        if len(w) > 5:
            feats.add("p:" + w[:5])
        prev = w
    feats.add("b:" + prev + " </s>")
    if "?" in text:
        feats.add("Q")
    return feats


@dataclass(frozen=True)
class Model:
    """Per-kind logistic regression: ``weights[feature] = {kind: weight}``."""

    kinds: tuple[str, ...]
    bias: dict[str, float]
    thresholds: dict[str, float]
    weights: dict[str, dict[str, float]]
    # The same weights as (kind index, weight) pairs, for fast scoring.
    _rows: dict[str, tuple[tuple[int, float], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {k: i for i, k in enumerate(self.kinds)}
        rows = {
            f: tuple((index[k], v) for k, v in sorted(row.items()) if k in index)
            for f, row in self.weights.items()
        }
        object.__setattr__(self, "_rows", rows)

    def scores(self, feats: set[str]) -> dict[str, float]:
        """Linear score (log-odds) per kind (summed in a fixed order: deterministic)."""
        s = [self.bias.get(k, 0.0) for k in self.kinds]
        rows = self._rows
        for f in sorted(feats):
            row = rows.get(f)
            if row:
                for i, v in row:
                    s[i] += v
        return dict(zip(self.kinds, s, strict=True))

    def probabilities(self, feats: set[str]) -> dict[str, float]:
        """Probability per kind."""
        return {k: _sigmoid(v) for k, v in self.scores(feats).items()}

    def predict(self, text: str, rule_kinds: set[str]) -> set[str]:
        """Kinds the model reports on its own (at or above each kind's threshold)."""
        probs = self.probabilities(features(text, rule_kinds))
        return {k for k, p in probs.items() if p >= self.thresholds.get(k, 1.1)}

    def to_json(self) -> dict[str, Any]:
        """Serialise (the format read by :func:`load_model`)."""
        return {
            "kinds": list(self.kinds),
            "bias": self.bias,
            "thresholds": self.thresholds,
            "weights": self.weights,
        }


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def from_json(data: dict[str, Any]) -> Model:
    """Build a :class:`Model` from its JSON form."""
    return Model(
        kinds=tuple(str(k) for k in data["kinds"]),
        bias={str(k): float(v) for k, v in data["bias"].items()},
        thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
        weights={
            str(f): {str(k): float(v) for k, v in row.items()} for f, row in data["weights"].items()
        },
    )


@lru_cache(maxsize=8)
def load_model(lang: str = "en") -> Model | None:
    """The model of ``lang`` (``lang/<code>/model.json``), or ``None`` if it has none."""
    path = LANG_DIR / lang / "model.json"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return from_json(json.load(fh))


#: Texts longer than this are scored in windows of ``WINDOW`` sentences (max per kind),
#: so a long letter does not add up evidence from unrelated sentences.
LONG_TEXT = 600
WINDOW = 3


def blank_quotes(text: str, lay: Layout) -> str:
    """``text`` with quoted words replaced by spaces (they are someone else's words)."""
    if not lay.quotes:
        return text
    chars = list(text)
    for qs, qe in lay.quotes:
        for i in range(qs, qe):
            chars[i] = " "
    return "".join(chars)


def _has_word(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def sentences(text: str, lay: Layout) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` that contain at least one letter or digit."""
    return [
        (s, e)
        for s, e in zip(lay.sentence_starts, lay.sentence_ends, strict=True)
        if _has_word(text, s, e)
    ]


def _clauses(text: str, lay: Layout, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start, *(c for c in lay.clause_starts if start < c < end), end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if _has_word(text, a, b)]


def _feats(plain: str, a: int, b: int, cache: dict[tuple[int, int], set[str]]) -> set[str]:
    got = cache.get((a, b))
    if got is None:
        got = cache[(a, b)] = features(plain[a:b])
    return got


def model_kinds(
    model: Model,
    text: str,
    lay: Layout,
    rule_hits: list[tuple[str, int]],
    cache: dict[tuple[int, int], set[str]] | None = None,
) -> set[str]:
    """Kinds the model reports that the rules did not (``rule_hits``: (kind, start) pairs).

    ``cache`` keeps the features of each sentence for :func:`spans_for`.
    """
    rule_kinds = {k for k, _ in rule_hits}
    plain = blank_quotes(text, lay)
    if cache is None:
        cache = {}
    if len(text) <= LONG_TEXT:
        probs = model.probabilities(features(plain, rule_kinds))
    else:
        sents = sentences(text, lay) or [(0, len(text))]
        probs = dict.fromkeys(model.kinds, 0.0)
        # Windows of WINDOW sentences, overlapping by one sentence.
        for i in range(0, max(len(sents) - 1, 1), WINDOW - 1):
            chunk = sents[i : i + WINDOW]
            a, b = chunk[0][0], chunk[-1][1]
            feats = {"R:" + k for k, pos in rule_hits if a <= pos < b}
            for sa, sb in chunk:
                feats |= _feats(plain, sa, sb, cache)
            for k, p in model.probabilities(feats).items():
                if p > probs[k]:
                    probs[k] = p
    return {
        k for k, p in probs.items() if k not in rule_kinds and p >= model.thresholds.get(k, 1.1)
    }


def spans_for(
    model: Model,
    text: str,
    lay: Layout,
    kinds: set[str],
    cache: dict[tuple[int, int], set[str]] | None = None,
) -> dict[str, tuple[int, int]]:
    """For each kind, the sentence (or, in a one-sentence text, the clause) that carries it.

    In a short text that is the span whose removal lowers the kind's score the most; in a
    long text (scored in windows) the span whose own words score highest.
    """
    if not kinds:
        return {}
    if cache is None:
        cache = {}
    plain = blank_quotes(text, lay)
    sents = sentences(plain, lay)
    if len(sents) >= 2:
        cands = sents
    elif sents:
        cands = _clauses(plain, lay, *sents[0]) or sents
    else:
        cands = [(0, len(text))]
    trimmed: list[tuple[int, int, set[str]]] = []
    for start, end in cands:
        feats = _feats(plain, start, end, cache)
        while start < end and plain[start].isspace():
            start += 1
        while end > start and plain[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end, feats))
    if not trimmed:
        return dict.fromkeys(kinds, (0, len(text)))
    out: dict[str, tuple[int, int]] = {}
    if len(text) <= LONG_TEXT and len(trimmed) > 1:
        # Short text: the span whose removal lowers the kind's score the most.
        full = features(plain)
        without = [features(plain[:a] + " " * (b - a) + plain[b:]) for a, b, _ in trimmed]
        for kind in sorted(kinds):
            base = _kind_score(model, full, kind)
            i = max(range(len(trimmed)), key=lambda n: base - _kind_score(model, without[n], kind))
            out[kind] = (trimmed[i][0], trimmed[i][1])
        return out
    for kind in sorted(kinds):
        best = max(trimmed, key=lambda c: _kind_score(model, c[2], kind))
        out[kind] = (best[0], best[1])
    return out


def _kind_score(model: Model, feats: set[str], kind: str) -> float:
    s = 0.0
    for f in sorted(feats):
        row = model.weights.get(f)
        if row:
            s += row.get(kind, 0.0)
    return s


@dataclass(frozen=True)
class CrisisModel:
    """Binary crisis classifier (is this text a crisis?) used only as a rules backstop."""

    bias: float
    threshold: float
    weights: dict[str, float]

    def probability(self, text: str) -> float:
        """Probability that ``text`` describes a current crisis (quotes included)."""
        z = self.bias
        for f in sorted(features(text)):  # fixed order: hash-seed independent sums
            z += self.weights.get(f, 0.0)
        return _sigmoid(z)


@lru_cache(maxsize=8)
def load_crisis_model(lang: str = "en") -> CrisisModel | None:
    """``lang/<code>/crisis_model.json``, or ``None`` if the language has none."""
    path = LANG_DIR / lang / "crisis_model.json"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return CrisisModel(float(data["bias"]), float(data["threshold"]), dict(data["weights"]))
