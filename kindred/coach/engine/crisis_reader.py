"""The crisis reader (round 20): a learned crisis classifier that reads spelling, not phrases.

The crisis rules know the phrasings they were written from; on writers they had not seen they
found 71-74% of crises (``blind_voices4``, README). This reader scores a whole message from

* character n-grams (2 to 5 letters) of each whitespace-separated word, padded with a space on
  each side, so "overdosing", "0d'd", "od'ed" and "notes for evryone" share pieces with the
  spellings the training sets used;
* word unigrams and bigrams;

each block weighted by TF-IDF (``1 + log(count)`` times the word's inverse document frequency)
and scaled to unit length, as scikit-learn's ``TfidfVectorizer`` does. Two logistic
regressions read the same vector: ``crisis`` (is this message a current crisis, any kind?) and
``kind`` (overdose, suicide or violence, learned from the crises alone).

``scripts/train_coach_crisis_reader.py`` trains them with scikit-learn and writes
``lang/<code>/crisis_reader.json`` (the vocabulary with its idf and weights; the thresholds,
chosen out of fold). Inference here is standard library only.

How ``rules.find_crisis`` uses it: when the rules confirm nothing, a probability at or above
``thresholds["crisis"]`` raises a crisis, and one at or above ``thresholds["crisis_possible"]``
the calm "possible" panel. Its kind is the reader's, its span the danger concept of that kind
if the rules saw one, else the sentence the reader scores highest.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from .message_model import LANG_DIR

CRISIS_KINDS_ORDER = ("overdose", "suicide", "violence")

_TOKEN = re.compile(r"(?u)\b\w+\b")


def char_grams(low: str) -> list[str]:
    """Character 2- to 5-grams of each whitespace-separated word of ``low``, space-padded.

    The same grams as scikit-learn's ``analyzer="char_wb"`` with ``ngram_range=(2, 5)``.
    """
    grams: list[str] = []
    for word in low.split():
        grams.extend(_word_char_grams(word))
    return grams


@lru_cache(maxsize=65536)
def _word_char_grams(word: str) -> tuple[str, ...]:
    """One word's grams (cached: most words of a message have been seen before)."""
    padded = " " + word + " "
    size = len(padded)
    grams: list[str] = []
    for n in (2, 3, 4, 5):
        if size < n:
            break
        grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return tuple(grams)


def word_grams(low: str) -> list[str]:
    """Word unigrams and bigrams of ``low`` (``\\b\\w+\\b`` tokens)."""
    tokens = _TOKEN.findall(low)
    return tokens + [a + " " + b for a, b in pairwise(tokens)]


@dataclass(frozen=True)
class Block:
    """One TF-IDF block: ``entries[gram] = (idf, crisis weight, overdose, suicide, violence)``."""

    entries: dict[str, tuple[float, float, float, float, float]]

    def add(self, grams: Iterable[str], z: list[float]) -> None:
        """Add this block's unit-length TF-IDF vector of ``grams`` times the weights to ``z``.

        Grams outside the vocabulary count neither in the vector nor in its length, as in
        scikit-learn. Summed in the grams' order of first appearance: deterministic.
        """
        entries = self.entries
        square = a = b = c = d = 0.0
        for gram, count in Counter(grams).items():
            entry = entries.get(gram)
            if entry is None:
                continue
            value = entry[0] if count == 1 else (1.0 + math.log(count)) * entry[0]
            square += value * value
            a += value * entry[1]
            b += value * entry[2]
            c += value * entry[3]
            d += value * entry[4]
        if square:
            scale = 1.0 / math.sqrt(square)
            z[0] += a * scale
            z[1] += b * scale
            z[2] += c * scale
            z[3] += d * scale


@dataclass(frozen=True)
class CrisisReader:
    """``crisis`` (binary) and ``kind`` (three classes) over one TF-IDF vector.

    ``bias`` and each entry's weights are in the order: crisis, then :data:`CRISIS_KINDS_ORDER`.
    """

    chars: Block
    words: Block
    bias: tuple[float, ...]
    thresholds: dict[str, float]

    def scores(self, low: str) -> tuple[float, str]:
        """``(probability of a current crisis, the likeliest kind)`` for lower-cased text."""
        z = list(self.bias)
        self.chars.add(char_grams(low), z)
        self.words.add(word_grams(low), z)
        kinds = z[1:]
        kind = CRISIS_KINDS_ORDER[max(range(len(kinds)), key=kinds.__getitem__)]
        return _sigmoid(z[0]), kind

    def probability(self, low: str) -> float:
        return self.scores(low)[0]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def reader_to_json(reader: CrisisReader, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON form of ``reader`` (read by :func:`reader_from_json`)."""
    return {
        "_doc": "Crisis reader (TF-IDF n-grams); written by scripts/train_coach_crisis_reader.py",
        "meta": meta or {},
        "outputs": ["crisis", *CRISIS_KINDS_ORDER],
        "bias": list(reader.bias),
        "thresholds": reader.thresholds,
        "chars": {g: list(v) for g, v in sorted(reader.chars.entries.items())},
        "words": {g: list(v) for g, v in sorted(reader.words.entries.items())},
    }


def reader_from_json(data: dict[str, Any]) -> CrisisReader:
    """Build a :class:`CrisisReader` from its JSON form."""

    def block(raw: dict[str, list[float]]) -> Block:
        entries = {}
        for gram, values in raw.items():
            idf, crisis, overdose, suicide, violence = (float(v) for v in values)
            entries[str(gram)] = (idf, crisis, overdose, suicide, violence)
        return Block(entries)

    return CrisisReader(
        chars=block(data["chars"]),
        words=block(data["words"]),
        bias=tuple(float(b) for b in data["bias"]),
        thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
    )


@lru_cache(maxsize=8)
def load_crisis_reader(lang: str = "en") -> CrisisReader | None:
    """The language's reader (``lang/<code>/crisis_reader.json``), loaded once, or ``None``."""
    path = LANG_DIR / lang / "crisis_reader.json"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return reader_from_json(json.load(fh))
