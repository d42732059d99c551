"""The crisis reader (round 20): a learned crisis classifier that reads spelling, not phrases.

The crisis rules know the phrasings they were written from; on writers they had not seen they
found 71-74% of crises (``blind_voices4``, README). This reader scores a whole message from its
TF-IDF character and word n-grams (``tfidf.py``) with two logistic regressions: ``crisis`` (is
this message a current crisis, any kind?) and ``kind`` (overdose, suicide or violence, learned
from the crises alone; three outputs, the highest wins).

``scripts/train_coach_crisis_reader.py`` trains them with scikit-learn and writes
``lang/<code>/crisis_reader.json`` (the vocabulary with its idf and weights; the thresholds,
chosen out of fold).

How ``rules.find_crisis`` uses it: when the rules confirm nothing, a probability at or above
``thresholds["crisis"]`` raises a crisis, and one at or above ``thresholds["crisis_possible"]``
the calm "possible" panel; never where the rules veto every danger word the text has, nor in a
sentence where a ``block`` of the kind or a ``reader_block`` (everyday senses) is in scope. Its
kind is the reader's, its span the danger concept of that kind if the rules saw one, else the
sentence the reader scores highest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .message_model import LANG_DIR
from .tfidf import TfidfModel, read_model, sigmoid

CRISIS_KINDS_ORDER = ("overdose", "suicide", "violence")
OUTPUTS = ("crisis", *CRISIS_KINDS_ORDER)


@dataclass(frozen=True)
class CrisisReader:
    model: TfidfModel

    def __post_init__(self) -> None:
        if self.model.outputs != OUTPUTS:
            raise ValueError(f"a crisis reader has the outputs {OUTPUTS}")

    @property
    def thresholds(self) -> dict[str, float]:
        return self.model.thresholds

    def scores(self, low: str) -> tuple[float, str]:
        """``(probability of a current crisis, the likeliest kind)`` for lower-cased text."""
        z = self.model.raw(low)
        kinds = z[1:]
        kind = CRISIS_KINDS_ORDER[max(range(len(kinds)), key=kinds.__getitem__)]
        return sigmoid(z[0]), kind

    def probability(self, low: str) -> float:
        return self.scores(low)[0]


@lru_cache(maxsize=8)
def load_crisis_reader(lang: str = "en") -> CrisisReader | None:
    """The language's reader (``lang/<code>/crisis_reader.json``), loaded once, or ``None``."""
    model = read_model(LANG_DIR / lang / "crisis_reader.json")
    return CrisisReader(model) if model is not None else None
