"""Train the coach's sentence-level reader with scikit-learn and measure it honestly.

Usage (from the repo root; scikit-learn is a dev dependency)::

    python scripts/train_coach_reader.py            # train on every set, write lang/en/reader.json
    python scripts/train_coach_reader.py --cv       # leave-one-set-out figures over every set
    python scripts/train_coach_reader.py --curve    # learning curve (score vs training size)

Every labelled set in ``kindred/coach/engine/data/*.jsonl`` is one fold. Labels are per
message, the reader works per sentence, so training is multiple-instance: at first a
sentence carries its message's labels (or, when the rules found the kind in one sentence,
only that sentence does); then, for each kind a message has, the sentence the model scores
highest (and any sentence above 0.5) stays positive and the others become negative, and the
model is trained again. Sentences of a message without the kind are always negatives.

The exported weights keep each output's largest weights only (``--keep``), rounded to three
decimals; inference (``kindred/coach/engine/reader.py``) needs no third-party package.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import SGDClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kindred.coach.engine.reader import (  # noqa: E402
    Reader,
    reader_to_json,
    unit_features,
    units,
)
from kindred.coach.engine.results import KINDS, PITFALL_KINDS  # noqa: E402
from kindred.coach.engine.rules import add_reader_findings, find_all  # noqa: E402
from kindred.coach.engine.text import Layout  # noqa: E402
from kindred.coach.engine.vocabulary import load  # noqa: E402

DATA = ROOT / "kindred" / "coach" / "engine" / "data"
OUT = ROOT / "kindred" / "coach" / "engine" / "lang" / "en" / "reader.json"
OUTPUTS: tuple[str, ...] = (*KINDS, "hurt")
C = 0.5  # unused with SGD; kept for the meta block
# Logistic regression by SGD (log loss, L2): as good as liblinear here and ~10x faster,
# which keeps the leave-one-set-out runs and the learning curve affordable.
ALPHA = 1e-4
EPOCHS = 15
MIL_ROUNDS = 1
# In each multiple-instance round, a sentence of a positive message other than its best one
# stays positive when the model gives it at least this probability.
MIL_KEEP = 0.5
# Reported when the rules find the kind OR the reader's probability reaches the threshold;
# "warm" / "warm_message" are the bars for a reader-only pitfall in a warm sentence / in a
# message where the rules found strengths and no pitfall (rules.WARM_BAR, WARM_MESSAGE_BAR).
# Checked with the leave-one-set-out run (--gates): they cost ~0.02 may-hurt recall on the
# real_* sets at the same false-alarm rate, and remove most false alarms on the product's
# own "say this" lines (which no set contains); hurt 0.75 keeps the real sets' mean false
# alarms under 5%.
THRESHOLDS = {
    "pitfall": 0.6,
    "strength": 0.6,
    "hurt": 0.75,
    "warm": 0.9,
    "warm_message": 0.9,
}
OOF: list[dict[str, object]] | None = None  # out-of-fold probabilities (--oof)
KEEP = 1500
# Labels are a closed word list with a person-first replacement for each word: the reader
# never adds one on its own ("Sam is struggling with drug use" is person-first language).
RULES_ONLY = ("label",)
MIN_COUNT = (
    2  # a feature seen in one sentence only is not learned  # largest weights kept per output
)


@dataclass
class Row:
    text: str
    kinds: set[str]
    set_name: str
    rule_kinds: set[str]
    spans: list[tuple[int, int]]
    rule_unit: dict[str, set[int]]  # kind -> sentences where the rules found it
    feats: list[list[str]]
    gold: set[str] = field(default_factory=set)


VOCAB = load("en")


def load_rows() -> dict[str, list[Row]]:
    vocab = VOCAB
    sets: dict[str, list[Row]] = {}
    for path in sorted(DATA.glob("*.jsonl")):
        rows: list[Row] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            kinds = set(obj["kinds"])
            if not text.strip():
                continue
            pitfalls, strengths, lay, low = find_all(text, vocab)
            spans = units(text, lay)
            hits = [(f.kind, f.start) for f in pitfalls + strengths]
            rule_unit: dict[str, set[int]] = {}
            for kind, pos in hits:
                for i, (s, e) in enumerate(spans):
                    if s <= pos < e:
                        rule_unit.setdefault(kind, set()).add(i)
            gold = set(kinds)
            if gold & set(PITFALL_KINDS):
                gold.add("hurt")
            rows.append(
                Row(
                    text,
                    kinds,
                    path.stem,
                    {k for k, _ in hits},
                    spans,
                    rule_unit,
                    unit_features(text, low, lay, spans, hits),
                    gold,
                )
            )
        sets[path.stem] = rows
    return sets


def _dicts(rows: list[Row]) -> tuple[list[dict[str, int]], list[tuple[int, int]]]:
    """Feature dicts of every sentence and its (row index, sentence index)."""
    counts: Counter[str] = Counter()
    for row in rows:
        for feats in row.feats:
            counts.update(set(feats))
    dicts: list[dict[str, int]] = []
    index: list[tuple[int, int]] = []
    for r_i, row in enumerate(rows):
        for u_i, feats in enumerate(row.feats):
            dicts.append({f: 1 for f in feats if counts[f] >= MIN_COUNT})
            index.append((r_i, u_i))
    return dicts, index


class Trained:
    """One output's logistic regression per output, on a shared vectorizer."""

    def __init__(self, rows: list[Row], c: float = C, rounds: int = MIL_ROUNDS) -> None:
        dicts, index = _dicts(rows)
        self.vec = DictVectorizer()
        x = self.vec.fit_transform(dicts).tocsr()
        x.indices = x.indices.astype(np.int32)
        x.indptr = x.indptr.astype(np.int32)
        self.models: dict[str, SGDClassifier | float] = {}
        for out in OUTPUTS:
            y = np.zeros(len(index), dtype=int)
            for j, (r_i, u_i) in enumerate(index):
                row = rows[r_i]
                if out not in row.gold:
                    continue
                rule_units = row.rule_unit.get(out, set())
                if out == "hurt":
                    rule_units = set().union(*(row.rule_unit.get(k, set()) for k in PITFALL_KINDS))
                y[j] = 1 if (not rule_units or u_i in rule_units) else 0
            model = self._fit(x, y, c)
            for _ in range(rounds):
                if isinstance(model, float):
                    break
                p = model.predict_proba(x)[:, 1]
                y2 = np.zeros_like(y)
                best: dict[int, tuple[float, int]] = {}
                for j, (r_i, _u_i) in enumerate(index):
                    if out in rows[r_i].gold:
                        if p[j] >= MIL_KEEP:
                            y2[j] = 1
                        if r_i not in best or p[j] > best[r_i][0]:
                            best[r_i] = (p[j], j)
                for _, j in best.values():
                    y2[j] = 1
                model = self._fit(x, y2, c)
            self.models[out] = model

    @staticmethod
    def _fit(x: object, y: np.ndarray, c: float) -> SGDClassifier | float:
        if y.sum() == 0:
            return -8.0
        if y.sum() == len(y):
            return 8.0
        m = SGDClassifier(loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=0)
        m.fit(x, y)
        return m

    def to_reader(self, keep: int = KEEP) -> Reader:
        names = self.vec.get_feature_names_out()
        bias: list[float] = []
        weights: dict[str, list[tuple[int, float]]] = {}
        for idx, out in enumerate(OUTPUTS):
            model = self.models[out]
            if isinstance(model, float):
                bias.append(model)
                continue
            coef = model.coef_[0]
            bias.append(float(model.intercept_[0]))
            order = np.argsort(-np.abs(coef))[:keep]
            for j in order:
                v = float(coef[j])
                if abs(v) < 0.01:
                    continue
                weights.setdefault(str(names[j]), []).append((idx, v))
        thresholds = {
            k: THRESHOLDS["pitfall"] if k in PITFALL_KINDS else THRESHOLDS["strength"]
            for k in KINDS
        }
        thresholds["hurt"] = THRESHOLDS["hurt"]
        thresholds["warm"] = THRESHOLDS["warm"]
        thresholds["warm_message"] = THRESHOLDS["warm_message"]
        for kind in RULES_ONLY:
            thresholds[kind] = 1.1
        return Reader(
            outputs=OUTPUTS,
            bias=tuple(bias),
            weights={f: tuple(p) for f, p in weights.items()},
            thresholds=thresholds,
        )


def message_probs(reader: Reader, row: Row) -> dict[str, float]:
    per_unit = reader.probabilities(row.feats)
    return {k: max(u[k] for u in per_unit) for k in reader.outputs}


_FOUND: dict[int, tuple[list, list, Layout, str]] = {}  # rules' findings per row (id)


def decide(reader: Reader, row: Row, probs: dict[str, float], mode: str) -> tuple[set[str], bool]:
    """Kinds reported and the may-hurt decision: with ``mode="or"`` exactly as ``analyze``
    makes them (rules, then ``add_reader_findings`` with its gates)."""
    if mode == "or":
        got = _FOUND.get(id(row))
        if got is None:
            got = _FOUND[id(row)] = find_all(row.text, VOCAB)
        pitfalls, strengths, lay, low = got
        p, s, _ = add_reader_findings(row.text, low, lay, VOCAB, reader, pitfalls, strengths)
        return {f.kind for f in p + s}, bool(p)
    th = reader.thresholds
    kinds = {k for k in KINDS if probs[k] >= th[k]}
    hurt = bool(kinds & set(PITFALL_KINDS)) or probs["hurt"] >= th["hurt"]
    if hurt and not kinds & set(PITFALL_KINDS):
        kinds.add(max((k for k in PITFALL_KINDS if th[k] <= 1.0), key=lambda k: probs[k]))
    return kinds, hurt


def score(rows: list[Row], predictions: list[tuple[set[str], bool]]) -> dict[str, float]:
    tp = dict.fromkeys(KINDS, 0)
    fp = dict.fromkeys(KINDS, 0)
    fn = dict.fromkeys(KINDS, 0)
    hp = hh = sn = sf = 0
    for row, (pred, hurt) in zip(rows, predictions, strict=True):
        for k in KINDS:
            if k in pred and k in row.kinds:
                tp[k] += 1
            elif k in pred:
                fp[k] += 1
            elif k in row.kinds:
                fn[k] += 1
        if "hurt" in row.gold:
            hp += 1
            hh += hurt
        else:
            sn += 1
            sf += hurt
    f1s = []
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return {
        "macro_f1": sum(f1s) / len(f1s),
        "hurt_recall": hh / hp if hp else 1.0,
        "hurt_fa": sf / sn if sn else 0.0,
        "n": len(rows),
    }


def rules_predictions(rows: list[Row]) -> list[tuple[set[str], bool]]:
    return [(set(r.rule_kinds), bool(r.rule_kinds & set(PITFALL_KINDS))) for r in rows]


def cross_validate(sets: dict[str, list[Row]], mode: str) -> None:
    print(f"leave-one-set-out (decision: {'rules OR reader' if mode == 'or' else 'reader'})")
    print(
        f"{'held-out set':<22}{'n':>5}  {'rules F1':>8} {'reader F1':>9}  "
        f"{'hurt R (rules)':>14} {'FA':>6}  {'hurt R (reader)':>15} {'FA':>6}"
    )
    pooled_rows: list[Row] = []
    pooled_rules: list[tuple[set[str], bool]] = []
    pooled_reader: list[tuple[set[str], bool]] = []
    folds = []
    for name, held in sets.items():
        train = [r for n, rows in sets.items() if n != name for r in rows]
        reader = Trained(train).to_reader()
        probs = [message_probs(reader, r) for r in held]
        preds = [decide(reader, r, p, mode) for r, p in zip(held, probs, strict=True)]
        if OOF is not None:
            OOF.extend(
                {
                    "set": name,
                    "text": r.text,
                    "gold": sorted(r.gold),
                    "rules": sorted(r.rule_kinds),
                    "p": p,
                    "pred": sorted(d[0]),
                    "hurt": d[1],
                }
                for r, p, d in zip(held, probs, preds, strict=True)
            )
        base = rules_predictions(held)
        a, b = score(held, base), score(held, preds)
        folds.append((a, b))
        pooled_rows += held
        pooled_rules += base
        pooled_reader += preds
        print(
            f"{name:<22}{len(held):>5}  {a['macro_f1']:8.3f} {b['macro_f1']:9.3f}  "
            f"{a['hurt_recall']:14.3f} {a['hurt_fa']:6.3f}  {b['hurt_recall']:15.3f} "
            f"{b['hurt_fa']:6.3f}",
            flush=True,
        )
    a, b = score(pooled_rows, pooled_rules), score(pooled_rows, pooled_reader)
    mean = lambda i, key: sum(f[i][key] for f in folds) / len(folds)  # noqa: E731
    print(
        f"{'mean of folds':<27}  {mean(0, 'macro_f1'):8.3f} {mean(1, 'macro_f1'):9.3f}  "
        f"{mean(0, 'hurt_recall'):14.3f} {mean(0, 'hurt_fa'):6.3f}  "
        f"{mean(1, 'hurt_recall'):15.3f} {mean(1, 'hurt_fa'):6.3f}"
    )
    print(
        f"{'pooled':<27}  {a['macro_f1']:8.3f} {b['macro_f1']:9.3f}  "
        f"{a['hurt_recall']:14.3f} {a['hurt_fa']:6.3f}  {b['hurt_recall']:15.3f} "
        f"{b['hurt_fa']:6.3f}"
    )


def sweep_gates(sets: dict[str, list[Row]]) -> None:
    """Leave-one-set-out readers trained once, then the decision thresholds swept on them."""
    readers = {}
    for name in sets:
        train = [r for n, rows in sets.items() if n != name for r in rows]
        readers[name] = Trained(train).to_reader()
    print(
        f"{'hurt':>5} {'warm':>5}  {'real F1':>7} {'real R':>7} {'real FA':>7}  {'all F1':>6} "
        f"{'all R':>6} {'all FA':>6}"
    )
    for hurt in (0.7, 0.75, 0.8, 0.9):
        for warm in (0.0, 0.9):
            folds = {}
            for name, held in sets.items():
                base = readers[name]
                th = {**base.thresholds, "hurt": hurt, "warm": warm, "warm_message": warm}
                reader = Reader(base.outputs, base.bias, base.weights, th)
                folds[name] = score(held, [decide(reader, r, {}, "or") for r in held])
            real = [v for k, v in folds.items() if k.startswith("real_")] or list(folds.values())
            every = list(folds.values())

            def mean(xs: list[dict[str, float]], key: str) -> float:
                return sum(x[key] for x in xs) / len(xs)

            print(
                f"{hurt:5.2f} {warm:5.2f}  {mean(real, 'macro_f1'):7.3f} "
                f"{mean(real, 'hurt_recall'):7.3f} {mean(real, 'hurt_fa'):7.3f}  "
                f"{mean(every, 'macro_f1'):6.3f} {mean(every, 'hurt_recall'):6.3f} "
                f"{mean(every, 'hurt_fa'):6.3f}",
                flush=True,
            )


def learning_curve(sets: dict[str, list[Row]], mode: str) -> None:
    """Leave-one-set-out over the real_* sets, training on a growing share of the rest."""
    targets = [n for n in sets if n.startswith("real_")] or list(sets)
    print(f"learning curve: mean over held-out sets {', '.join(targets)}")
    print(f"{'share':>6} {'train msgs':>10}  {'macro-F1':>8}  {'hurt recall':>11}  {'hurt FA':>7}")
    rng = random.Random(15)  # noqa: S311 (a reproducible shuffle, not security)
    for share in (0.1, 0.25, 0.5, 0.75, 1.0):
        res = []
        sizes = []
        for name in targets:
            pool = [r for n, rows in sets.items() if n != name for r in rows]
            rng.shuffle(pool)
            train = pool[: max(20, int(len(pool) * share))]
            sizes.append(len(train))
            reader = Trained(train).to_reader()
            held = sets[name]
            res.append(
                score(held, [decide(reader, r, message_probs(reader, r), mode) for r in held])
            )
        m = {k: sum(r[k] for r in res) / len(res) for k in ("macro_f1", "hurt_recall", "hurt_fa")}
        print(
            f"{share:6.2f} {sum(sizes) // len(sizes):>10}  {m['macro_f1']:8.3f}  "
            f"{m['hurt_recall']:11.3f}  {m['hurt_fa']:7.3f}",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--curve", action="store_true")
    ap.add_argument("--gates", action="store_true", help="sweep the hurt and warm thresholds")
    ap.add_argument("--mode", choices=("or", "reader"), default="or")
    ap.add_argument("--keep", type=int, default=KEEP)
    ap.add_argument("--only", nargs="*", help="limit --cv to these held-out sets")
    ap.add_argument("--oof", type=Path, help="with --cv: write out-of-fold probabilities here")
    args = ap.parse_args()
    global OOF
    if args.oof:
        OOF = []
    t0 = time.time()
    sets = load_rows()
    if args.cv:
        cv_sets = sets
        if args.only:
            cross_validate_only(sets, args.only, args.mode)
        else:
            cross_validate(cv_sets, args.mode)
            if args.oof and OOF is not None:
                args.oof.write_text(json.dumps(OOF))
    elif args.gates:
        sweep_gates(sets)
    elif args.curve:
        learning_curve(sets, args.mode)
    else:
        rows = [r for rs in sets.values() for r in rs]
        reader = Trained(rows).to_reader(args.keep)
        meta = {"messages": len(rows), "sets": sorted(sets), "alpha": ALPHA, "keep": args.keep}
        OUT.write_text(json.dumps(reader_to_json(reader, meta), separators=(",", ":")) + "\n")
        print(
            f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1024:.0f} KB, "
            f"{len(reader.weights)} features, {len(rows)} messages"
        )
    print(f"({time.time() - t0:.0f} s)")


def cross_validate_only(sets: dict[str, list[Row]], names: list[str], mode: str) -> None:
    for name in names:
        train = [r for n, rows in sets.items() if n != name for r in rows]
        reader = Trained(train).to_reader()
        held = sets[name]
        a = score(held, rules_predictions(held))
        b = score(held, [decide(reader, r, message_probs(reader, r), mode) for r in held])
        print(name, {k: round(v, 3) for k, v in a.items()}, {k: round(v, 3) for k, v in b.items()})


if __name__ == "__main__":
    main()
