"""The coach's reader: a sentence-level linear model over word and character n-grams.

The rules know the phrasings they were written for; the reader learns the rest from the
labelled sets (sarcasm, guilt trips, accusations from evidence, "I told you so", labels in
other grammatical forms…). It scores every **sentence** of a message for each of the 14
kinds and for ``hurt`` (any pitfall), using

* the sentence's own words: unigrams and bigrams after contractions and texting spellings are
  expanded (``model.words``), a 5-letter stem, and character 4-grams of each word (typos,
  "addict"/"addicted"/"addiction"),
* **negation scope**: a word within three words after a negation cue in the same clause is
  a different feature (``not your fault`` → ``n:your``, ``n:fault``),
* **quotation scope**: words inside quotation marks are someone else's (``q:`` features only),
* **context**: the words of the previous and next sentence (``c:`` features), so "Thanks a
  lot." after "You ruined my birthday." can be read as sarcasm,
* the rules' own findings in the sentence (``R:<kind>``), emoji, question and exclamation
  marks, shouting in capitals, and whether the sentence is the first or last.

A message's probability for a kind is the highest of its sentences'; the sentence that
scores highest is the span the coach points at. Weights are data (``lang/<code>/reader.json``,
written by ``scripts/train_coach_model.py`` with scikit-learn); inference is plain Python.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .message_model import _EXPAND, _SPECIAL, _SUFFIXES, LANG_DIR
from .text import Layout

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[^\w\s.,;:!?\"'()\-]")
_NEGATION = frozenset({"not", "never", "no", "nobody", "nothing", "without", "nor", "neither"})
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
NEG_WINDOW = 3


def _expand(tok: str) -> list[str]:
    if tok in _SPECIAL:
        return _SPECIAL[tok].split()
    if "'" in tok:
        for suf, rep in _SUFFIXES:
            if tok.endswith(suf):
                tok = tok[: -len(suf)] + rep
                break
        return tok.split()
    return _EXPAND.get(tok, tok).split()


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


def _tokens(low: str, start: int, end: int, lay: Layout) -> list[tuple[str, str]]:
    """``(prefix, word)`` pairs: prefix ``w`` plain, ``n`` in negation scope, ``q`` quoted."""
    out: list[tuple[str, str]] = []
    neg_left = 0
    prev_end = start
    quotes = [(a, b) for a, b in lay.quotes if a < end and b > start]
    for m in _TOKEN.finditer(low, start, end):
        if neg_left and _CLAUSE_BREAK.search(low, prev_end, m.start()):
            neg_left = 0
        prev_end = m.end()
        tok = m.group(0)
        if not tok[0].isalnum():
            out.append(("e", tok))
            continue
        quoted = any(a <= m.start() and m.end() <= b for a, b in quotes)
        for w in _expand(tok):
            if quoted:
                out.append(("q", w))
                continue
            if w in _NEGATION:
                out.append(("w", w))
                neg_left = NEG_WINDOW
                continue
            if neg_left:
                out.append(("n", w))
                neg_left -= 1
            else:
                out.append(("w", w))
    return out


_CAPS = re.compile(r"\b[A-Z]{3,}\b")


@lru_cache(maxsize=20000)
def _word_features(prefix: str, w: str) -> tuple[str, ...]:
    """A word's own features (the word, its stem, its character 4-grams), computed once."""
    feats = [prefix + ":" + w]
    if len(w) > 5:
        feats.append("s:" + w[:5])
    if len(w) > 3:
        padded = "<" + w + ">"
        feats.extend("g:" + padded[i : i + 4] for i in range(len(padded) - 3))
    return tuple(feats)


def _own_features(text: str, start: int, end: int, toks: list[tuple[str, str]]) -> list[str]:
    feats: list[str] = []
    prev = "<s>"
    for prefix, w in toks:
        if prefix == "e":
            feats.append("e:" + w)
            continue
        if prefix == "q":
            feats.append("q:" + w)
            continue
        feats.extend(_word_features(prefix, w))
        feats.append("b:" + prev + "_" + w)
        prev = w
    feats.append("b:" + prev + "_</s>")
    seg = text[start:end]
    if "?" in seg:
        feats.append("P:?")
    if "!" in seg:
        feats.append("P:!")
    if "..." in seg or "\u2026" in seg:
        feats.append("P:...")
    if _CAPS.search(seg) and not seg.isupper():
        feats.append("P:CAPS")
    return feats


def unit_features(
    text: str,
    low: str,
    lay: Layout,
    spans: list[tuple[int, int]],
    rule_hits: Iterable[tuple[str, int]] = (),
) -> list[list[str]]:
    """The features of every sentence in ``spans`` (own words, context, rule hits)."""
    toks = [_tokens(low, s, e, lay) for s, e in spans]
    own = [_own_features(text, s, e, t) for (s, e), t in zip(spans, toks, strict=True)]
    ctx = [["c:" + w for p, w in t if p != "q"] for t in toks]
    hits: list[set[str]] = [set() for _ in spans]
    for kind, pos in rule_hits:
        for i, (s, e) in enumerate(spans):
            if s <= pos < e or (i == len(spans) - 1 and pos >= s):
                hits[i].add("R:" + kind)
                break
        else:
            if spans:
                hits[0].add("R:" + kind)
    out: list[list[str]] = []
    n = len(spans)
    for i in range(n):
        feats = ["BIAS", *own[i], *sorted(hits[i])]
        if i > 0:
            feats.extend(ctx[i - 1])
        else:
            feats.append("P:first")
        if i < n - 1:
            feats.extend(ctx[i + 1])
        else:
            feats.append("P:last")
        if n == 1:
            feats.append("P:only")
        out.append(feats)
    return out


@dataclass(frozen=True)
class Reader:
    """Weights of one language's reader: ``outputs`` are the 14 kinds plus ``hurt``."""

    outputs: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    thresholds: dict[str, float]

    def unit_scores(self, feats: list[str]) -> list[float]:
        """Raw scores (log-odds) of one sentence for every output."""
        scores = list(self.bias)
        w = self.weights
        # Binary features: each counts once (dict.fromkeys keeps the order, so the sums
        # do not depend on the hash seed).
        for f in dict.fromkeys(feats):
            pairs = w.get(f)
            if pairs:
                for idx, val in pairs:
                    scores[idx] += val
        return scores

    def probabilities(self, units_feats: list[list[str]]) -> list[dict[str, float]]:
        """Per sentence, the probability of every output."""
        out = []
        for feats in units_feats:
            scores = self.unit_scores(feats)
            out.append({k: _sigmoid(s) for k, s in zip(self.outputs, scores, strict=True)})
        return out


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def reader_from_json(data: dict[str, Any]) -> Reader:
    """Build a :class:`Reader` from its JSON form (see ``to_json``)."""
    outputs = tuple(data["outputs"])
    weights = {
        f: tuple((int(i), float(v)) for i, v in pairs) for f, pairs in data["weights"].items()
    }
    return Reader(
        outputs=outputs,
        bias=tuple(float(b) for b in data["bias"]),
        weights=weights,
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
    )


def reader_to_json(reader: Reader, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON form of ``reader`` (weights as ``feature: [[output_index, weight], …]``)."""
    return {
        "_doc": "Sentence-level reader weights; written by scripts/train_coach_model.py.",
        "meta": meta or {},
        "outputs": list(reader.outputs),
        "bias": [round(b, 4) for b in reader.bias],
        "thresholds": reader.thresholds,
        "weights": {
            f: [[i, round(v, 3)] for i, v in pairs] for f, pairs in sorted(reader.weights.items())
        },
    }


@lru_cache(maxsize=8)
def load_reader(lang: str = "en") -> Reader | None:
    """The language's reader (``lang/<code>/reader.json``), loaded once, or ``None``."""
    path = LANG_DIR / lang / "reader.json"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        return reader_from_json(json.load(fh))
