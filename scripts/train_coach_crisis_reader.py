"""Train and measure the coach's crisis reader (round 20): TF-IDF character and word n-grams.

Two logistic regressions (scikit-learn) over one TF-IDF vector of the message
(``kindred/coach/engine/crisis_reader.py``: character 2-5-grams of each word and word uni- and
bigrams, two blocks of unit length): ``crisis`` (any current crisis; balanced classes) and
``kind`` (overdose / suicide / violence, from the crises alone).

Usage (from the repo root; scikit-learn is a dev dependency)::

    python scripts/train_coach_crisis_reader.py --cv     # leave-one-set-out, every set
    python scripts/train_coach_crisis_reader.py --score kindred/coach/engine/blind/X.jsonl
    python scripts/train_coach_crisis_reader.py          # write lang/en/crisis_reader.json

Thresholds are chosen **out of fold**: the training sets are split into 5 groups of whole
sets; on the inner out-of-fold probabilities, ``crisis`` is the lowest threshold at which the
reader alone raises at most ``FIRM_BUDGET`` of the safe messages, ``crisis_possible`` the
lowest at ``POSSIBLE_BUDGET``. Only then is a held-out set scored. ``--cv`` retrains the
reader without the held-out set and runs the whole engine (rules, backstop, stage, reader) on
it; the rules are in-sample on every set (they were written from those sets' errors), so the
rules' columns show fit and the reader's show generalisation.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tfidf_training import (  # noqa: E402
    MIN_DF,
    export_blocks,
    fit_vectorisers,
    out_of_fold,
    threshold_for,
    transform,
)

from kindred.coach.engine import crisis_reader as reader_module  # noqa: E402
from kindred.coach.engine import rules as engine_rules  # noqa: E402
from kindred.coach.engine.crisis_reader import (  # noqa: E402
    CRISIS_KINDS_ORDER,
    OUTPUTS,
    CrisisReader,
)
from kindred.coach.engine.text import normalise  # noqa: E402
from kindred.coach.engine.tfidf import TfidfModel, model_to_json  # noqa: E402
from kindred.coach.engine.vocabulary import load  # noqa: E402

DATA = ROOT / "kindred" / "coach" / "engine" / "data"
OUT = ROOT / "kindred" / "coach" / "engine" / "lang" / "en" / "crisis_reader.json"
# Chosen on the training sets' leave-one-set-out figures (README, round 20), never on a blind set.
C = 30.0
FIRM_BUDGET = 0.01  # the reader alone may raise a firm crisis on 1% of safe messages
POSSIBLE_BUDGET = 0.02  # and the calm "possible" panel on 2%
VOCAB = load("en")


def read_set(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            if obj["text"].strip():
                rows.append(
                    {
                        "set": path.stem,
                        "text": obj["text"],
                        "low": normalise(obj["text"]),
                        "crisis": obj.get("crisis") or "",
                        "lookalike": bool(obj.get("lookalike")),
                    }
                )
    return rows


def load_rows() -> list[dict[str, Any]]:
    return [row for path in sorted(DATA.glob("*.jsonl")) for row in read_set(path)]


class Trained:
    """The two regressions and their vectorisers, fitted on some rows."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.vectorisers, x = fit_vectorisers([r["low"] for r in rows])
        y = np.array([1 if r["crisis"] else 0 for r in rows])
        self.crisis = LogisticRegression(
            C=C, max_iter=3000, class_weight="balanced", solver="liblinear", random_state=0
        ).fit(x, y)
        kinds = np.array([r["crisis"] for r in rows])
        self.kind = LogisticRegression(C=C, max_iter=3000).fit(x[y == 1], kinds[y == 1])
        assert tuple(self.kind.classes_) == CRISIS_KINDS_ORDER

    def probabilities(self, lows: list[str]) -> np.ndarray:
        return self.crisis.predict_proba(transform(self.vectorisers, lows))[:, 1]

    def to_reader(self, thresholds: dict[str, float]) -> CrisisReader:
        def weights(col: int) -> tuple[float, ...]:
            return (self.crisis.coef_[0][col], *(self.kind.coef_[k][col] for k in range(3)))

        chars, words = export_blocks(self.vectorisers, weights)
        bias = (float(self.crisis.intercept_[0]), *(float(b) for b in self.kind.intercept_))
        return CrisisReader(
            TfidfModel(
                outputs=OUTPUTS,
                chars=chars,
                words=words,
                bias=tuple(round(b, 5) for b in bias),
                thresholds=thresholds,
            )
        )


def thresholds_out_of_fold(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Thresholds from inner out-of-fold probabilities over 5 groups of whole sets."""
    q = out_of_fold(rows, Trained, "low")
    neg = np.array([not r["crisis"] for r in rows])
    return {
        "crisis": threshold_for(q, neg, FIRM_BUDGET),
        "crisis_possible": threshold_for(q, neg, POSSIBLE_BUDGET),
    }


def train(rows: list[dict[str, Any]]) -> CrisisReader:
    return Trained(rows).to_reader(thresholds_out_of_fold(rows))


def engine_decisions(
    rows: list[dict[str, Any]], reader: CrisisReader | None
) -> list[tuple[bool, bool, str]]:
    """(firm crisis, any panel, kind) of the engine as shipped, with ``reader`` in it."""
    original = reader_module.load_crisis_reader
    engine_rules.load_crisis_reader = lambda lang: reader  # type: ignore[assignment]
    try:
        found = [engine_rules.find_crisis(r["text"], VOCAB) for r in rows]
    finally:
        engine_rules.load_crisis_reader = original  # type: ignore[assignment]
    return [(f is not None and not f.possible, f is not None, f.kind if f else "") for f in found]


def summary(rows: list[dict[str, Any]], decisions: list[tuple[bool, bool, str]]) -> str:
    pos = [r["crisis"] != "" for r in rows]
    npos, nneg = sum(pos), len(rows) - sum(pos)
    firm = sum(d[0] and p for d, p in zip(decisions, pos, strict=True))
    firm_fp = sum(d[0] and not p for d, p in zip(decisions, pos, strict=True))
    shown = sum(d[1] and p for d, p in zip(decisions, pos, strict=True))
    shown_fp = sum(d[1] and not p for d, p in zip(decisions, pos, strict=True))
    kind_ok = sum(
        d[2] == r["crisis"] for d, r in zip(decisions, rows, strict=True) if d[0] and r["crisis"]
    )
    look = sum(d[0] for d, r in zip(decisions, rows, strict=True) if r["lookalike"])
    nlook = sum(r["lookalike"] for r in rows)

    def share(a: int, b: int) -> str:
        return f"{a}/{b}={a / b:.3f}" if b else "-"

    return (
        f"firm R {share(firm, npos)} FP {share(firm_fp, nneg)} kind {kind_ok}/{firm}"
        f" | any panel R {share(shown, npos)} FP {share(shown_fp, nneg)}"
        f" | look-alikes raised {look}/{nlook}"
    )


def cross_validate(rows: list[dict[str, Any]], only: list[str] | None) -> None:
    names = only or sorted({r["set"] for r in rows})
    for name in names:
        t0 = time.time()
        train_rows = [r for r in rows if r["set"] != name]
        test_rows = [r for r in rows if r["set"] == name]
        reader = train(train_rows)
        print(f"{name} ({len(test_rows)} messages; thresholds {reader.thresholds})")
        print(f"  without reader: {summary(test_rows, engine_decisions(test_rows, None))}")
        print(f"  with reader:    {summary(test_rows, engine_decisions(test_rows, reader))}")
        print(f"  ({time.time() - t0:.0f} s)", flush=True)


def score(rows: list[dict[str, Any]], path: Path) -> None:
    test_rows = read_set(path)
    reader = train(rows)
    print(f"{path.name}: reader trained on {len(rows)} messages; thresholds {reader.thresholds}")
    print(f"  without reader: {summary(test_rows, engine_decisions(test_rows, None))}")
    print(f"  with reader:    {summary(test_rows, engine_decisions(test_rows, reader))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out over data/")
    ap.add_argument("--only", nargs="*", help="with --cv: these held-out sets only")
    ap.add_argument("--score", type=Path, help="train on data/, score this set (once)")
    args = ap.parse_args()
    t0 = time.time()
    rows = load_rows()
    if args.cv:
        cross_validate(rows, args.only)
    elif args.score:
        score(rows, args.score)
    else:
        reader = train(rows)
        meta = {
            "messages": len(rows),
            "sets": sorted({r["set"] for r in rows}),
            "C": C,
            "min_df": MIN_DF,
            "budgets": {"crisis": FIRM_BUDGET, "crisis_possible": POSSIBLE_BUDGET},
        }
        doc = "Crisis reader (TF-IDF n-grams); written by scripts/train_coach_crisis_reader.py"
        data = model_to_json(reader.model, doc, meta)
        OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(
            f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1024:.0f} KB, "
            f"{len(reader.model.chars)} + {len(reader.model.words)} grams, "
            f"thresholds {reader.thresholds}"
        )
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
