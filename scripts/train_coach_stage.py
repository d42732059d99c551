"""Train and measure the coach's word-count stage (round 18): crisis and may-hurt classifiers.

Two message-level logistic regressions (scikit-learn, balanced classes) on the bag of words
the crisis model already uses (``message_model.features``: unigrams, bigrams, 5-letter stems):

* ``crisis`` — is this message a current crisis (any kind)?  Its kind is the rules' danger
  concept (the stage only raises a crisis where an unvetoed danger concept anchors it);
* ``hurt``   — does this message carry any pitfall?

Usage (from the repo root; scikit-learn is a dev dependency)::

    python scripts/train_coach_reader.py --cv --oof /tmp/oof.json   # reader OOF decisions
    python scripts/train_coach_stage.py --cv --oof /tmp/oof.json    # leave-one-set-out figures
    python scripts/train_coach_stage.py --first-sight blind_voices2 # rules never read that set
    python scripts/train_coach_stage.py --oof /tmp/oof.json         # write lang/en/stage.json

Every threshold is chosen **out of fold**: for a held-out set, the training sets are split
into 5 groups of whole sets, the inner out-of-fold probabilities give the threshold (the
lowest whose false alarms on the training sets, with what the engine already decides, fit
the budget), and only then is the held-out set scored. The exported thresholds are chosen
the same way on all sets (inner out-of-fold over every set), never on a set used to report.
The weights are exported like ``reader.json`` (rounded, largest kept); inference
(``kindred/coach/engine/stage.py``) needs no third-party package.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kindred.coach.engine.message_model import features  # noqa: E402
from kindred.coach.engine.reader import load_reader, units  # noqa: E402
from kindred.coach.engine.results import PITFALL_KINDS  # noqa: E402
from kindred.coach.engine.rules import (  # noqa: E402
    _benign,
    add_reader_findings,
    crisis_anchor,
    find_all,
    find_crisis,
)
from kindred.coach.engine.stage import Stage, stage_to_json  # noqa: E402
from kindred.coach.engine.text import layout, normalise  # noqa: E402
from kindred.coach.engine.vocabulary import load  # noqa: E402

DATA = ROOT / "kindred" / "coach" / "engine" / "data"
OUT = ROOT / "kindred" / "coach" / "engine" / "lang" / "en" / "stage.json"
C = 4.0
KEEP = 6000  # largest weights kept per output
# Budgets for the whole decision on the training sets' inner out-of-fold probabilities.
CRISIS_BUDGET = 0.02  # crisis false positives of the classifier alone
# May-hurt false alarms, rules' and reader's included. 4%, not the 5% target: with 5% on the
# training sets the held-out real sets reached 6.3% (round 17 saw 6.1%), the real writers
# being harder than the pool (see the README, round 18).
HURT_BUDGET = 0.04
# A stage may-hurt finding also needs the reader's own "hurt" probability of the sentence it
# is shown on to reach this (a second, sentence-level opinion; without it the stage flagged
# the product's "No problem. Maybe another time." at 0.94).
READER_LEAN = 0.5
FULL_CRISIS = 1.01  # the stage never raises a full crisis on its own (see Task.thresholds)
VOCAB = load("en")


def load_rows(skip: str | None = None) -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        if path.stem == skip:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            if not text.strip():
                continue
            low = normalise(text)
            lay = layout(low, text, VOCAB.sentence_breaks, VOCAB.clause_breaks, [])
            rule = find_crisis(text, VOCAB, use_model=False)
            rows.append(
                {
                    "set": path.stem,
                    "text": text,
                    "crisis": obj.get("crisis"),
                    "lookalike": bool(obj.get("lookalike")),
                    "hurt": bool(set(obj["kinds"]) & set(PITFALL_KINDS)),
                    "feats": features(text),
                    "rule_crisis": rule is not None,
                    "anchor": crisis_anchor(VOCAB, low, lay) is not None,
                    # a may-hurt finding needs a sentence without a benign construction
                    "hurt_open": float(
                        any(not _benign(VOCAB, low, a, b) for a, b in units(text, lay))
                    ),
                }
            )
    return rows


def fit(x, y: np.ndarray) -> LogisticRegression:
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)
    x.indptr = x.indptr.astype(np.int32)
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced", solver="liblinear").fit(
        x, y
    )


def threshold_for(p: np.ndarray, neg: np.ndarray, budget: float, base: np.ndarray) -> float:
    """Lowest threshold whose false alarms (``base`` OR p >= t) on ``neg`` fit the budget."""
    n = max(int(neg.sum()), 1)
    for t in np.arange(0.30, 1.0, 0.01):
        if ((base | (p >= t)) & neg).sum() / n <= budget:
            return round(float(t), 2)
    return 1.01


def inner_oof(x, y: np.ndarray, sets: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities over ``idx`` with 5 groups of whole sets."""
    names = sorted(set(sets[idx]))
    out = np.zeros(len(idx))
    for g in range(5):
        held = [n for i, n in enumerate(names) if i % 5 == g]
        te = np.isin(sets[idx], held)
        out[te] = fit(x[idx[~te]], y[idx[~te]]).predict_proba(x[idx[te]])[:, 1]
    return out


class Task:
    """One output: its labels, the engine's own decision, and the gate the stage must pass."""

    def __init__(self, name: str, y: np.ndarray, base: np.ndarray, gate: np.ndarray) -> None:
        self.name, self.y, self.base, self.gate = name, y, base, gate

    def thresholds(self, q: np.ndarray, idx: np.ndarray) -> dict[str, float]:
        neg = self.y[idx] == 0
        base, gated = self.base[idx], q * self.gate[idx]
        if self.name == "crisis":
            # The classifier on its own (ungated, no rules) must fit the budget, because on
            # these sets the rules' vetoes are in-sample (written from their errors) and
            # would hide its false positives. What it finds is shown as the calm "possible"
            # panel, never as a full crisis (FULL_CRISIS): on hand-written look-alikes
            # (tests/test_crisis_concepts.py) it gives 0.6-0.97 to a rifle locked in a
            # safe, a naloxone kit in the car, a pill organiser.
            none = np.zeros(len(idx), dtype=bool)
            return {
                "crisis": FULL_CRISIS,
                "crisis_possible": threshold_for(q, neg, CRISIS_BUDGET, none),
            }
        return {"hurt": threshold_for(gated, neg, HURT_BUDGET, base)}


def tasks(rows: list[dict], oof: list[dict] | None) -> list[Task]:
    anchor = np.array([r["anchor"] for r in rows], dtype=float)
    y_c = np.array([1 if r["crisis"] else 0 for r in rows])
    y_h = np.array([1 if r["hurt"] else 0 for r in rows])
    rule_c = np.array([r["rule_crisis"] for r in rows])
    if oof is not None:
        assert [o["text"] for o in oof] == [r["text"] for r in rows], "OOF file out of date"
        base_h = np.array([bool(o["hurt"]) for o in oof])
    else:  # in-sample rules and reader (only for the exported thresholds' base)
        base_h = np.array([r.get("engine_hurt", False) for r in rows])
    open_h = np.array([r.get("hurt_open", 1.0) for r in rows], dtype=float)
    if oof is not None:  # the reader (out of fold) must lean hurtful too: p >= READER_LEAN
        open_h *= np.array([o["p"]["hurt"] >= READER_LEAN for o in oof], dtype=float)
    return [Task("crisis", y_c, rule_c, anchor), Task("hurt", y_h, base_h, open_h)]


def cross_validate(rows: list[dict], oof: list[dict] | None) -> None:
    sets = np.array([r["set"] for r in rows])
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows]).tocsr()
    results: dict[str, dict[str, np.ndarray]] = {}
    t0 = time.time()
    for task in tasks(rows, oof):
        p = np.zeros(len(rows))
        th: dict[str, np.ndarray] = {}
        for name in sorted(set(sets)):
            test = np.flatnonzero(sets == name)
            train = np.flatnonzero(sets != name)
            p[test] = fit(x[train], task.y[train]).predict_proba(x[test])[:, 1]
            q = inner_oof(x, task.y, sets, train)
            for k, v in task.thresholds(q, train).items():
                th.setdefault(k, np.zeros(len(rows)))[test] = v
        gated = p * task.gate
        res = {"base": task.base, "p": p, "gate": task.gate}
        for k, t in th.items():
            res[k] = task.base | (gated >= t)
            res["t_" + k] = t
        res["alone"] = p >= th[list(th)[-1]]
        results[task.name] = res
        print(f"{task.name} done ({time.time() - t0:.0f} s)", flush=True)
    report(rows, sets, results)


def rate(d: np.ndarray, pos: np.ndarray) -> str:
    return f"{(d & pos).sum() / max(pos.sum(), 1):.3f}" if pos.sum() else "  -  "


def report(rows: list[dict], sets: np.ndarray, res: dict[str, dict[str, np.ndarray]]) -> None:
    yc = np.array([1 if r["crisis"] else 0 for r in rows])
    yh = np.array([1 if r["hurt"] else 0 for r in rows])
    look = np.array([r["lookalike"] for r in rows])
    c, h = res["crisis"], res["hurt"]
    print("\ncrisis (rules in-sample; stage out of fold, gated by an unvetoed danger concept)")
    print(
        f"{'held-out set':<22}{'n':>5}{'cris':>5}  {'rules R/FP':>12}  {'+possible R/FP':>12}"
        f"  {'':>14}  {'look FP':>7}  {'t':>5}  {'alone ungated R/FP':>18}"
    )
    names = sorted(set(sets))
    for n in [*names, "ALL"]:
        m = np.ones(len(rows), dtype=bool) if n == "ALL" else sets == n
        pos, neg = (yc == 1) & m, (yc == 0) & m
        cells = []
        for key in ("base", "crisis_possible", "crisis_possible"):
            cells.append(f"{rate(c[key], pos)}/{rate(c[key], neg)}")
        lk = (c["crisis_possible"] & look & m).sum()
        t = c["t_crisis_possible"][m].mean()
        print(
            f"{n:<22}{m.sum():>5}{pos.sum():>5}  {cells[0]:>12}  {cells[1]:>12}  {'':>14}"
            f"  {lk:>3}/{(look & m).sum():<3}  {t:5.2f}  "
            f"{rate(c['alone'], pos)}/{rate(c['alone'], neg)}"
        )
    print("\nmay hurt (rules in-sample + reader out of fold; stage out of fold)")
    print(f"{'held-out set':<22}{'n':>5}{'hurt':>5}  {'engine R/FA':>12}  {'+stage R/FA':>12}  t")
    means: dict[str, list[float]] = {}
    for n in [*names, "ALL"]:
        m = np.ones(len(rows), dtype=bool) if n == "ALL" else sets == n
        pos, neg = (yh == 1) & m, (yh == 0) & m
        a, b = h["base"], h["hurt"]
        if n.startswith("real_") or n.startswith("blind_"):
            for key, d in (("er", a), ("ef", a), ("sr", b), ("sf", b)):
                mask = pos if key.endswith("r") else neg
                means.setdefault(key, []).append((d & mask).sum() / max(mask.sum(), 1))
        print(
            f"{n:<22}{m.sum():>5}{pos.sum():>5}  {rate(a, pos)}/{rate(a, neg)}  "
            f"{rate(b, pos)}/{rate(b, neg)}  {h['t_hurt'][m].mean():.2f}"
        )
    k = len(means.get("er", []))
    if k:
        mm = {key: sum(v) / k for key, v in means.items()}
        print(
            f"mean of {k} real/blind sets: engine {mm['er']:.3f}/{mm['ef']:.3f}  "
            f"+stage {mm['sr']:.3f}/{mm['sf']:.3f}"
        )
    out = Path(tempfile.gettempdir()) / f"coach_stage_cv_{HURT_BUDGET}.json"
    out.write_text(
        json.dumps(
            {
                "set": [r["set"] for r in rows],
                "crisis": c["crisis"].tolist(),
                "crisis_possible": c["crisis_possible"].tolist(),
                "hurt": h["hurt"].tolist(),
                "p_crisis": c["p"].tolist(),
                "p_hurt": h["p"].tolist(),
            }
        )
    )
    print(f"(per-message decisions in {out})")


def train_export(rows: list[dict], oof: list[dict] | None) -> Stage:
    """Train on every set; thresholds from inner out-of-fold probabilities over every set.

    The base of the may-hurt threshold is the engine's decision with the reader out of fold
    (``--oof``, as in ``--cv``); without it, the in-sample reader, whose false alarms are
    fewer than on new writing, which leaves the stage more budget (a lower threshold).
    """
    reader = load_reader("en")
    assert reader is not None
    if oof is not None:
        assert [o["text"] for o in oof] == [r["text"] for r in rows], "OOF file out of date"
    for n, r in enumerate(rows):
        if oof is not None:
            r["engine_hurt"] = bool(oof[n]["hurt"])
            continue
        pits, strs, lay, low = find_all(r["text"], VOCAB)
        pits, _, _ = add_reader_findings(r["text"], low, lay, VOCAB, reader, pits, strs)
        r["engine_hurt"] = bool(pits)
    sets = np.array([r["set"] for r in rows])
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows]).tocsr()
    allidx = np.arange(len(rows))
    thresholds: dict[str, float] = {"reader_lean": READER_LEAN}
    models: dict[str, LogisticRegression] = {}
    for task in tasks(rows, oof):
        q = inner_oof(x, task.y, sets, allidx)
        thresholds.update(task.thresholds(q, allidx))
        models[task.name] = fit(x, task.y)
    return export(vec, models, thresholds)


def export(
    vec: DictVectorizer,
    models: dict[str, LogisticRegression],
    thresholds: dict[str, float],
    keep: int = KEEP,
) -> Stage:
    """The pure-Python :class:`Stage` of fitted binary regressions (``keep`` largest weights
    per output, rounded to 4 decimals)."""
    names = vec.get_feature_names_out()
    bias: list[float] = []
    weights: dict[str, list[tuple[int, float]]] = {}
    for o_i, model in enumerate(models.values()):
        bias.append(round(float(model.intercept_[0]), 4))
        coef = model.coef_[0]
        for j in np.argsort(-np.abs(coef))[:keep]:
            v = round(float(coef[j]), 4)
            if v != 0.0:
                weights.setdefault(str(names[j]), []).append((o_i, v))
    return Stage(
        outputs=tuple(models),
        bias=tuple(bias),
        weights={f: tuple(p) for f, p in sorted(weights.items())},
        thresholds=thresholds,
    )


def first_sight(rows: list[dict], held: str) -> None:
    """The stage trained without ``held`` (thresholds out of fold on the rest), OR-ed with the
    engine's rules on ``held``: honest when no rule has been written from ``held``'s errors."""
    sets = np.array([r["set"] for r in rows])
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows]).tocsr()
    task = tasks(rows, None)[0]
    train, test = np.flatnonzero(sets != held), np.flatnonzero(sets == held)
    q = inner_oof(x, task.y, sets, train)
    th = task.thresholds(q, train)
    model = fit(x[train], task.y[train])
    p = model.predict_proba(x[test])[:, 1] * task.gate[test]
    y, base = task.y[test], task.base[test]
    look = np.array([rows[i]["lookalike"] for i in test])
    pos, neg = y == 1, y == 0
    print(f"{held}: rules (first sight) OR stage trained without it; thresholds {th}")
    for label, d in (
        ("rules", base),
        ("rules + stage", base | (p >= th["crisis_possible"])),
    ):
        print(
            f"  {label:<24} recall {(d & pos).sum()}/{pos.sum()}"
            f" = {(d & pos).sum() / pos.sum():.3f}"
            f"  FP {(d & neg).sum()}/{neg.sum()} = {(d & neg).sum() / neg.sum():.3f}"
            f"  look-alikes raised {(d & look).sum()}/{look.sum()}"
        )
    # The engine as shipped (rules, crisis_model.json backstop, this stage as "possible"),
    # with the stage trained without the held-out set.
    from kindred.coach.engine import rules as engine_rules

    held_stage = export(vec, {"crisis": model}, {"crisis": FULL_CRISIS, **th})
    engine_rules.load_stage = lambda lang: held_stage  # type: ignore[assignment]
    found = [find_crisis(rows[i]["text"], VOCAB) for i in test]
    full = np.array([f is not None and not f.possible for f in found])
    shown = np.array([f is not None for f in found])
    for label, d in (("engine: full crisis", full), ("engine: panel shown", shown)):
        print(
            f"  {label:<24} recall {(d & pos).sum()}/{pos.sum()}"
            f" = {(d & pos).sum() / pos.sum():.3f}"
            f"  FP {(d & neg).sum()}/{neg.sum()} = {(d & neg).sum() / neg.sum():.3f}"
            f"  look-alikes raised {(d & look).sum()}/{look.sum()}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--oof", type=Path, help="train_coach_reader.py --cv --oof output")
    ap.add_argument("--first-sight", metavar="SET")
    ap.add_argument("--hurt-budget", type=float, help="default: HURT_BUDGET")
    args = ap.parse_args()
    t0 = time.time()
    global HURT_BUDGET
    HURT_BUDGET = args.hurt_budget if args.hurt_budget is not None else HURT_BUDGET
    rows = load_rows()
    if args.cv:
        oof = json.loads(args.oof.read_text()) if args.oof else None
        if oof is None:
            print("(no --oof: may-hurt base is the rules alone)")
            for r in rows:
                pits, _, _, _ = find_all(r["text"], VOCAB)
                r["engine_hurt"] = bool(pits)
        cross_validate(rows, oof)
    elif args.first_sight:
        first_sight(rows, args.first_sight)
    else:
        stage = train_export(rows, json.loads(args.oof.read_text()) if args.oof else None)
        meta = {"messages": len(rows), "sets": sorted({r["set"] for r in rows}), "C": C}
        OUT.write_text(json.dumps(stage_to_json(stage, meta), separators=(",", ":")) + "\n")
        print(
            f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1024:.0f} KB, "
            f"{len(stage.weights)} features, thresholds {stage.thresholds}"
        )
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
