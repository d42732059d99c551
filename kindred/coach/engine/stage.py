"""The word-count stage (round 18): message-level crisis and may-hurt classifiers.

Two logistic regressions over the bag of words of ``message_model.features`` (unigrams,
bigrams, 5-letter stems of the whole message), trained by ``scripts/train_coach_stage.py``
with scikit-learn and exported to ``lang/<code>/stage.json``; inference here is standard
library only, one feature extraction and two sparse dot products per message.

They are a second stage after the rules, never on their own: a crisis is raised only where
an unvetoed danger concept of the rules anchors it (``rules.find_crisis``), and a may-hurt
finding only in a sentence without a benign construction (``rules.add_stage_finding``).
The thresholds in the file were chosen out of fold (see the script and the coach README).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .message_model import LANG_DIR, features


@dataclass(frozen=True)
class Stage:
    """Binary logistic regressions sharing features: ``weights[f] = ((output index, w), …)``."""

    outputs: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    thresholds: dict[str, float]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {o: i for i, o in enumerate(self.outputs)})

    def probabilities(self, text: str) -> dict[str, float]:
        """Probability of each output for ``text`` (summed in a fixed order: deterministic)."""
        z = list(self.bias)
        weights = self.weights
        for f in sorted(features(text)):
            row = weights.get(f)
            if row:
                for i, v in row:
                    z[i] += v
        return {o: _sigmoid(v) for o, v in zip(self.outputs, z, strict=True)}

    def probability(self, text: str, output: str) -> float:
        """Probability of one output (0 when the stage has no such output)."""
        if output not in self._index:
            return 0.0
        return self.probabilities(text)[output]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def stage_to_json(stage: Stage, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON form of ``stage`` (read by :func:`stage_from_json`)."""
    return {
        "_doc": "Word-count stage weights; written by scripts/train_coach_stage.py.",
        "meta": meta or {},
        "outputs": list(stage.outputs),
        "bias": list(stage.bias),
        "thresholds": stage.thresholds,
        "weights": {f: [[i, v] for i, v in pairs] for f, pairs in sorted(stage.weights.items())},
    }


def stage_from_json(data: dict[str, Any]) -> Stage:
    """Build a :class:`Stage` from its JSON form."""
    return Stage(
        outputs=tuple(str(o) for o in data["outputs"]),
        bias=tuple(float(b) for b in data["bias"]),
        weights={
            str(f): tuple((int(i), float(v)) for i, v in pairs)
            for f, pairs in data["weights"].items()
        },
        thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
    )


@lru_cache(maxsize=8)
def load_stage(lang: str = "en") -> Stage | None:
    """The language's stage (``lang/<code>/stage.json``), loaded once, or ``None``."""
    path = LANG_DIR / lang / "stage.json"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        return stage_from_json(json.load(fh))
