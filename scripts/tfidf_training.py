"""What the two TF-IDF reader trainers share (scikit-learn, a dev dependency).

``train_coach_crisis_reader.py`` and ``train_coach_kind_reader.py`` fit the same two
vectorisers (``engine/tfidf.py``'s gram functions), export them the same way and choose their
thresholds from the same 5-group out-of-fold loop; ``train_coach_stage.py`` shares the
budgeted threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from kindred.coach.engine.tfidf import Block, char_grams, word_grams

MIN_DF = 2  # a gram must be in two messages to enter the vocabulary


def int32(x: Any) -> csr_matrix:
    """``x`` as CSR with 32-bit indices (liblinear refuses 64-bit ones)."""
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return x


def fit_vectorisers(texts: list[str]) -> tuple[list[TfidfVectorizer], csr_matrix]:
    """The character and word TF-IDF vectorisers fitted on ``texts``, and their matrix."""
    vectorisers = [
        TfidfVectorizer(analyzer=char_grams, min_df=MIN_DF, sublinear_tf=True),
        TfidfVectorizer(analyzer=word_grams, min_df=MIN_DF, sublinear_tf=True),
    ]
    return vectorisers, int32(hstack([v.fit_transform(texts) for v in vectorisers]))


def transform(vectorisers: Sequence[TfidfVectorizer], texts: list[str]) -> csr_matrix:
    return int32(hstack([v.transform(texts) for v in vectorisers]))


def export_blocks(
    vectorisers: Sequence[TfidfVectorizer], weights: Callable[[int], Sequence[float]]
) -> tuple[Block, Block]:
    """The engine's two blocks: per gram its idf and ``weights(column)``, rounded to 5
    decimals (``column``: the gram's column in the stacked matrix)."""
    blocks = []
    offset = 0
    for vectoriser in vectorisers:
        entries: dict[str, tuple[float, ...]] = {}
        for gram, j in vectoriser.vocabulary_.items():
            row = (vectoriser.idf_[j], *weights(offset + j))
            entries[gram] = tuple(round(float(v), 5) for v in row)
        blocks.append(Block(entries))
        offset += len(vectoriser.vocabulary_)
    return blocks[0], blocks[1]


def out_of_fold(
    rows: list[dict[str, Any]],
    fit: Callable[[list[dict[str, Any]]], Any],
    key: str,
) -> np.ndarray:
    """Probabilities over ``rows``, each predicted by ``fit(the other rows)`` with the rows
    split into 5 groups of whole sets (``fit(...).probabilities(texts)``, ``row[key]`` the
    text)."""
    sets = np.array([r["set"] for r in rows])
    names = sorted(set(sets))
    out: np.ndarray | None = None
    for g in range(5):
        held = np.isin(sets, [n for i, n in enumerate(names) if i % 5 == g])
        model = fit([r for r, h in zip(rows, held, strict=True) if not h])
        p = model.probabilities([r[key] for r, h in zip(rows, held, strict=True) if h])
        if out is None:
            out = np.zeros((len(rows), *p.shape[1:]))
        out[held] = p
    assert out is not None
    return out


def threshold_for(p: np.ndarray, neg: np.ndarray, budget: float) -> float:
    """The lowest threshold at which ``p`` raises at most ``budget`` of ``neg``."""
    n = max(int(neg.sum()), 1)
    for t in np.arange(0.30, 1.0, 0.01):
        if ((p >= t) & neg).sum() / n <= budget:
            return round(float(t), 2)
    return 1.01
