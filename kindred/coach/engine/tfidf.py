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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"(?u)\b\w+\b")
_WORDS_KEPT = 20000  # words whose entries a block keeps


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

    Stored compactly and by column (a gram → row dict, one array of idfs, one array of
    weights per output): a few MB per reader, and a message's dot products are one
    ``math.sumprod`` per output over the rows it has instead of a Python loop over every
    weight. The character block also keeps, per word it has read, that word's rows and
    weighted sums (:meth:`add_words`).
    """

    __slots__ = ("_words", "columns", "idf", "rows")

    def __init__(
        self, entries: dict[str, tuple[float, ...]] | None = None, outputs: int = 0
    ) -> None:
        entries = entries or {}
        widths = {len(v) for v in entries.values()}
        if len(widths) > 1:
            raise ValueError("every gram needs the same number of values")
        width = widths.pop() if widths else outputs + 1
        self.rows: dict[str, int] = {}
        self._words: dict[str, tuple[tuple[int, ...], array[float], float]] = {}
        self.idf = array("d")
        self.columns = [array("d") for _ in range(width - 1)]
        for gram, values in entries.items():
            self.rows[gram] = len(self.rows)
            self.idf.append(values[0])
            for column, weight in zip(self.columns, values[1:], strict=True):
                column.append(weight)

    def __len__(self) -> int:
        return len(self.rows)

    def items(self) -> list[tuple[str, tuple[float, ...]]]:
        """``(gram, (idf, weight of output 0, …))`` for every gram, in row order."""
        return [
            (gram, (self.idf[row], *(column[row] for column in self.columns)))
            for gram, row in self.rows.items()
        ]

    def add(self, counts: Mapping[str, int], z: list[float]) -> None:
        """Add this block's unit-length TF-IDF vector of the gram ``counts`` times the
        weights to ``z``. Grams outside the vocabulary count neither in the vector nor in its
        length.
        """
        get, idf = self.rows.get, self.idf
        known = [(row, count) for gram, count in counts.items() if (row := get(gram)) is not None]
        if not known:
            return
        found = [row for row, _ in known]
        values = [
            idf[row] if count == 1 else (1.0 + math.log(count)) * idf[row] for row, count in known
        ]
        scale = 1.0 / math.sqrt(math.sumprod(values, values))
        for i, column in enumerate(self.columns):
            z[i] += scale * math.sumprod(values, [column[row] for row in found])

    def _word_entry(self, word: str) -> tuple[tuple[int, ...], array[float], float]:
        """One word's known character-gram rows (repeats kept), the idf-weighted sum of
        their weights per output, and the sum of their squared idfs: a message's vector is
        mostly the sum of its words' entries. Cached per block (most words have been read
        before, and looking up a word's ~20 grams was most of a reader's time); single
        words are kept, never a message."""
        entry = self._words.get(word)
        if entry is None:
            rows = self.rows
            found = tuple(
                row for gram in _word_char_grams(word) if (row := rows.get(gram)) is not None
            )
            idfs = [self.idf[row] for row in found]
            sums = array(
                "d", (math.sumprod(idfs, [column[row] for row in found]) for column in self.columns)
            )
            entry = (found, sums, math.sumprod(idfs, idfs))
            if len(self._words) >= _WORDS_KEPT:
                self._words.clear()
            self._words[word] = entry
        return entry

    def add_words(self, words: list[str], z: list[float]) -> None:
        """:meth:`add` for the character grams of ``words``: the words' cached entries
        summed, then corrected for each gram found more than once (``1 + log(count)``, not
        ``count``, times its idf)."""
        known, read = self._words.get, self._word_entry
        entries = [entry for word in words if (entry := known(word) or read(word))[0]]
        if not entries:
            return
        every_row = list(chain.from_iterable(entry[0] for entry in entries))
        totals = [sum(part) for part in zip(*(entry[1] for entry in entries), strict=True)]
        squares = sum(entry[2] for entry in entries)
        counts = Counter(every_row)
        if len(counts) < len(every_row):
            repeated = [(row, count) for row, count in counts.items() if count > 1]
            idfs = [self.idf[row] for row, _ in repeated]
            factors = [
                (1.0 + math.log(count) - count) * idf
                for (_, count), idf in zip(repeated, idfs, strict=True)
            ]
            squares += math.sumprod(
                [((1.0 + math.log(count)) ** 2 - count) for _, count in repeated],
                [idf * idf for idf in idfs],
            )
            gather = [row for row, _ in repeated]
            for i, column in enumerate(self.columns):
                totals[i] += math.sumprod(factors, [column[row] for row in gather])
        scale = 1.0 / math.sqrt(squares)
        for i, total in enumerate(totals):
            z[i] += scale * total


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
        self.chars.add_words(low.split(), z)
        self.words.add(Counter(word_grams(low)), z)
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
