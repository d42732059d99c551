"""The kind reader (round 20): which of the 14 kinds a message carries, from its spelling.

One logistic regression per kind (one-vs-rest, balanced classes) over the message's TF-IDF
character and word n-grams (``tfidf.py``), quoted words blanked first (they are someone
else's). ``scripts/train_coach_kind_reader.py`` trains it with scikit-learn and writes
``lang/<code>/kind_reader.json``; each kind's threshold is chosen out of fold (pitfalls: the
best F0.5, a wrong "you threatened" costing more than a missed one; strengths: the best F1).

How ``rules.add_kind_reader_findings`` uses it: a kind the rules did not find is reported when
the message's probability reaches the kind's threshold, on the sentence the reader scores
highest for it; a pitfall never in a sentence with a benign construction (any pitfall kind's
``exclude``) nor in one where a pitfall the rules found suppresses it. Every "may hurt" still
points at words and offers an alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .message_model import LANG_DIR
from .tfidf import TfidfModel, read_model, sigmoid


@dataclass(frozen=True)
class KindReader:
    model: TfidfModel

    @property
    def thresholds(self) -> dict[str, float]:
        return self.model.thresholds

    def probabilities(self, plain: str) -> dict[str, float]:
        """Each kind's probability for lower-cased text with quotes blanked."""
        z = self.model.raw(plain)
        return {kind: sigmoid(v) for kind, v in zip(self.model.outputs, z, strict=True)}


@lru_cache(maxsize=8)
def load_kind_reader(lang: str = "en") -> KindReader | None:
    """The language's reader (``lang/<code>/kind_reader.json``), loaded once, or ``None``."""
    model = read_model(LANG_DIR / lang / "kind_reader.json")
    return KindReader(model) if model is not None else None
