"""Train and measure the coach's word-count stage (round 18): a crisis classifier.

A message-level logistic regression (scikit-learn, balanced classes) on the bag of words the
crisis model already uses (``message_model.features``: unigrams, bigrams, 5-letter stems): is
this message a current crisis (any kind)? Its kind is the rules' danger concept (the stage only
raises the calm "possible" panel where an unvetoed danger concept anchors it). Round 18 also
gave it a "may hurt" output; round 20's kind reader replaced that (``train_coach_kind_reader.py``).

Usage (from the repo root; scikit-learn is a dev dependency)::

    python scripts/train_coach_stage.py --cv      # leave-one-set-out figures
    python scripts/train_coach_stage.py           # write lang/en/stage.json

Every threshold is chosen **out of fold**: for a held-out set, the training sets are split
into 5 groups of whole sets, the inner out-of-fold probabilities give the threshold (the
lowest whose false alarms on the training sets fit the budget), and only then is the
held-out set scored. The exported threshold is chosen the same way on all sets. The weights
are exported rounded, largest kept; inference (``kindred/coach/engine/stage.py``) needs no
third-party package.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tfidf_training import threshold_for  # noqa: E402

from kindred.coach.engine.message_model import features  # noqa: E402
from kindred.coach.engine.rules import crisis_anchor, find_crisis  # noqa: E402
from kindred.coach.engine.stage import Stage, stage_to_json  # noqa: E402
from kindred.coach.engine.text import layout, normalise  # noqa: E402
from kindred.coach.engine.vocabulary import load  # noqa: E402

DATA = ROOT / "kindred" / "coach" / "engine" / "data"
OUT = ROOT / "kindred" / "coach" / "engine" / "lang" / "en" / "stage.json"
C = 4.0
KEEP = 6000  # largest weights kept
CRISIS_BUDGET = 0.02  # false positives of the classifier alone on the training sets
# The stage never raises a full crisis on its own: on hand-written look-alikes
# (tests/test_crisis_concepts.py) it gives 0.6-0.97 to a rifle locked in a safe, a naloxone
# kit in the car, a pill organiser. What it finds is the calm "possible" panel.
FULL_CRISIS = 1.01
VOCAB = load("en")


def load_rows() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            if not text.strip():
                continue
            low = normalise(text)
            lay = layout(low, text, VOCAB.sentence_breaks, VOCAB.clause_breaks, [])
            rows.append(
                {
                    "set": path.stem,
                    "text": text,
                    "crisis": obj.get("crisis"),
                    "lookalike": bool(obj.get("lookalike")),
                    "feats": features(text),
                    "rule_crisis": find_crisis(text, VOCAB, use_model=False) is not None,
                    "anchor": crisis_anchor(VOCAB, low, lay) is not None,
                }
            )
    return rows


def fit(x: Any, y: np.ndarray) -> LogisticRegression:
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced", solver="liblinear").fit(
        x, y
    )


def inner_oof(x: Any, y: np.ndarray, sets: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities over ``idx`` with 5 groups of whole sets."""
    names = sorted(set(sets[idx]))
    out = np.zeros(len(idx))
    for g in range(5):
        held = [n for i, n in enumerate(names) if i % 5 == g]
        te = np.isin(sets[idx], held)
        out[te] = fit(x[idx[~te]], y[idx[~te]]).predict_proba(x[idx[te]])[:, 1]
    return out


def _matrix(rows: list[dict[str, Any]]) -> tuple[DictVectorizer, Any]:
    vec = DictVectorizer()
    return vec, vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows]).tocsr()


def _labels(rows: list[dict[str, Any]]) -> np.ndarray:
    return np.array([1 if r["crisis"] else 0 for r in rows])


def cross_validate(rows: list[dict[str, Any]]) -> None:
    """Each set held out: the stage trained on the others, its threshold out of fold, gated
    by an unvetoed danger concept and OR-ed with the rules (in-sample)."""
    sets = np.array([r["set"] for r in rows])
    _, x = _matrix(rows)
    y = _labels(rows)
    rule = np.array([r["rule_crisis"] for r in rows])
    anchor = np.array([r["anchor"] for r in rows])
    look = np.array([r["lookalike"] for r in rows])
    shown = np.zeros(len(rows), dtype=bool)
    for name in sorted(set(sets)):
        test, train = np.flatnonzero(sets == name), np.flatnonzero(sets != name)
        t = threshold_for(inner_oof(x, y, sets, train), y[train] == 0, CRISIS_BUDGET)
        p = fit(x[train], y[train]).predict_proba(x[test])[:, 1]
        shown[test] = rule[test] | (anchor[test] & (p >= t))
    header = f"{'held-out set':<22}{'n':>5}{'cris':>5}  {'rules R/FP':>12}"
    print(header, f"{'+possible R/FP':>14}  look")
    for n in [*sorted(set(sets)), "ALL"]:
        m = np.ones(len(rows), dtype=bool) if n == "ALL" else sets == n
        pos, neg = (y == 1) & m, (y == 0) & m
        print(
            f"{n:<22}{m.sum():>5}{pos.sum():>5}  {_rate(rule, pos)}/{_rate(rule, neg)}"
            f"  {_rate(shown, pos)}/{_rate(shown, neg)}  {(shown & look & m).sum()}"
        )


def _rate(d: np.ndarray, mask: np.ndarray) -> str:
    return f"{(d & mask).sum() / mask.sum():.3f}" if mask.sum() else "  -  "


def train_export(rows: list[dict[str, Any]]) -> Stage:
    """Train on every set; the threshold from inner out-of-fold probabilities over every set."""
    sets = np.array([r["set"] for r in rows])
    vec, x = _matrix(rows)
    y = _labels(rows)
    everything = np.arange(len(rows))
    possible = threshold_for(inner_oof(x, y, sets, everything), y == 0, CRISIS_BUDGET)
    return export(vec, fit(x, y), {"crisis": FULL_CRISIS, "crisis_possible": possible})


def export(
    vec: DictVectorizer, model: LogisticRegression, thresholds: dict[str, float], keep: int = KEEP
) -> Stage:
    """The pure-Python :class:`Stage` of a fitted regression (``keep`` largest weights,
    rounded to 4 decimals)."""
    names = vec.get_feature_names_out()
    coef = model.coef_[0]
    weights: dict[str, tuple[tuple[int, float], ...]] = {}
    for j in np.argsort(-np.abs(coef))[:keep]:
        v = round(float(coef[j]), 4)
        if v != 0.0:
            weights[str(names[j])] = ((0, v),)
    return Stage(
        outputs=("crisis",),
        bias=(round(float(model.intercept_[0]), 4),),
        weights=dict(sorted(weights.items())),
        thresholds=thresholds,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cv", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    rows = load_rows()
    if args.cv:
        cross_validate(rows)
    else:
        stage = train_export(rows)
        meta = {"messages": len(rows), "sets": sorted({r["set"] for r in rows}), "C": C}
        OUT.write_text(json.dumps(stage_to_json(stage, meta), separators=(",", ":")) + "\n")
        print(
            f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1024:.0f} KB, "
            f"{len(stage.weights)} features, thresholds {stage.thresholds}"
        )
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
