"""Words and features for the crisis backstop model and the word-count stage (standard library).

``features(text)``: lower-cased word unigrams and bigrams after contractions and texting
spellings are normalised ("you're"/"youre"/"ur" → "you are"/"your", "dont" → "do not",
"u" → "you"), and the first five letters of longer words (a crude stem, so "apologise" /
"apologize" share a feature). ``CrisisModel`` is the binary crisis backstop
(``lang/<code>/crisis_model.json``, ``scripts/train_coach_crisis_model.py``); the stage
(``stage.py``) reads the same features. Until round 20 this module also held a per-kind model
(``model.json``), replaced by the kind reader (``kind_reader.py``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def features(text: str) -> set[str]:
    """The binary features of ``text`` (unigrams, bigrams, stems)."""
    ws = words(text)
    feats = {"BIAS"}
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


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def blank_quotes(text: str, lay: Layout) -> str:
    """``text`` with quoted words replaced by spaces (they are someone else's words)."""
    if not lay.quotes:
        return text
    chars = list(text)
    for qs, qe in lay.quotes:
        for i in range(qs, qe):
            chars[i] = " "
    return "".join(chars)


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
