"""TF-IDF n-gram models (round 20): what the crisis reader and the kind reader read.

A message (lower-cased, ``text.normalise``) becomes two blocks of features:

* character n-grams (2 to 5 letters) of each whitespace-separated word, padded with a space on
  each side, so "overdosing", "od'd" and "evry singel time" share pieces with the spellings the
  training sets used;
* word unigrams and bigrams;

each weighted by TF-IDF (``1 + log(count)`` times the gram's inverse document frequency) and
scaled to unit length, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` does; grams
outside the vocabulary count neither in the vector nor in its length. Logistic regressions
read the vector: ``bias[i] + Σ x_g · w_g[i]`` for output ``i``.

The scripts that train them (``scripts/train_coach_crisis_reader.py``,
``scripts/train_coach_kind_reader.py``) use scikit-learn with these same gram functions and
write ``lang/<code>/<name>.json``: per gram its idf and one weight per output. Inference here
is standard library only.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

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


class Block:
    """One TF-IDF block: per gram its idf and one weight per output.

    Stored compactly (a gram → row dict and one flat array of doubles, ``1 + outputs``
    values per row: a few MB per reader instead of tens of MB of tuples).
    """

    __slots__ = ("rows", "table", "width")

    def __init__(self, entries: dict[str, tuple[float, ...]] | None = None, width: int = 0) -> None:
        entries = entries or {}
        widths = {len(v) for v in entries.values()}
        if len(widths) > 1:
            raise ValueError("every gram needs the same number of values")
        self.width = widths.pop() if widths else width
        self.rows: dict[str, int] = {}
        self.table = array("d")
        for gram, values in entries.items():
            self.rows[gram] = len(self.rows)
            self.table.extend(values)

    def __len__(self) -> int:
        return len(self.rows)

    def entry(self, gram: str) -> tuple[float, ...] | None:
        """``(idf, weight of output 0, …)`` of ``gram``, or ``None`` outside the vocabulary."""
        row = self.rows.get(gram)
        if row is None:
            return None
        start = row * self.width
        return tuple(self.table[start : start + self.width])

    def items(self) -> list[tuple[str, tuple[float, ...]]]:
        found = (self.entry(gram) for gram in self.rows)
        return [(g, e) for g, e in zip(self.rows, found, strict=True) if e is not None]

    def add(self, grams: Iterable[str], z: list[float]) -> None:
        """Add this block's unit-length TF-IDF vector of ``grams`` times the weights to ``z``.

        Summed in the grams' order of first appearance: deterministic for a given text.
        """
        rows, table, width = self.rows, self.table, self.width
        found: list[tuple[float, int]] = []
        square = 0.0
        for gram, count in Counter(grams).items():
            row = rows.get(gram)
            if row is None:
                continue
            start = row * width
            idf = table[start]
            value = idf if count == 1 else (1.0 + math.log(count)) * idf
            square += value * value
            found.append((value, start))
        if not found:
            return
        scale = 1.0 / math.sqrt(square)
        if len(z) == 4:  # the crisis reader, on every message: unrolled
            a = b = c = d = 0.0
            for value, start in found:
                a += value * table[start + 1]
                b += value * table[start + 2]
                c += value * table[start + 3]
                d += value * table[start + 4]
            z[0] += a * scale
            z[1] += b * scale
            z[2] += c * scale
            z[3] += d * scale
            return
        for value, start in found:
            x = value * scale
            for i in range(len(z)):
                z[i] += x * table[start + 1 + i]


@dataclass(frozen=True)
class TfidfModel:
    """Linear outputs over the two blocks; ``thresholds`` are the trainer's, by name."""

    outputs: tuple[str, ...]
    chars: Block
    words: Block
    bias: tuple[float, ...]
    thresholds: dict[str, float]

    def raw(self, low: str) -> list[float]:
        """Each output's linear score (before the sigmoid or the arg-max) for ``low``."""
        z = list(self.bias)
        self.chars.add(char_grams(low), z)
        self.words.add(word_grams(low), z)
        return z


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def model_to_json(
    model: TfidfModel, doc: str, meta: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON form of ``model`` (read by :func:`model_from_json`)."""
    return {
        "_doc": doc,
        "meta": meta or {},
        "outputs": list(model.outputs),
        "bias": list(model.bias),
        "thresholds": model.thresholds,
        "chars": {g: list(v) for g, v in sorted(model.chars.items())},
        "words": {g: list(v) for g, v in sorted(model.words.items())},
    }


def model_from_json(data: dict[str, Any]) -> TfidfModel:
    """Build a :class:`TfidfModel` from its JSON form."""
    width = 1 + len(data["outputs"])

    def block(raw: dict[str, list[float]]) -> Block:
        entries: dict[str, tuple[float, ...]] = {}
        for gram, values in raw.items():
            entry = tuple(float(v) for v in values)
            if len(entry) != width:
                raise ValueError(f"gram {gram!r}: {len(entry)} values, expected {width}")
            entries[str(gram)] = entry
        return Block(entries)

    return TfidfModel(
        outputs=tuple(str(o) for o in data["outputs"]),
        chars=block(data["chars"]),
        words=block(data["words"]),
        bias=tuple(float(b) for b in data["bias"]),
        thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
    )


def read_model(path: Path) -> TfidfModel | None:
    """The model stored at ``path``, or ``None`` when the language has none."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return model_from_json(json.load(fh))
