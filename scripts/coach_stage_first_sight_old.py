"""First sight of the word-count stage on ``blind_families`` with the engine of ``af40069^``.

That engine had not read ``blind_families``' errors (round 17's check). Usage::

    mkdir -p /tmp/old && git archive af40069^ kindred/coach/engine | tar -x -C /tmp/old
    mv /tmp/old/kindred/coach/engine /tmp/old/oldengine
    python scripts/coach_stage_first_sight_old.py /tmp/old

Prints the old engine's crisis flags, with the stage trained without the set (threshold
out of fold), gated by the old engine's vetoes and ungated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_coach_stage as stage_script  # noqa: E402

HELD = "blind_families"


def main() -> None:
    sys.path.insert(0, sys.argv[1])
    import oldengine.rules as old_rules  # type: ignore[import-not-found]
    from oldengine.text import layout, normalise  # type: ignore[import-not-found]
    from oldengine.vocabulary import load  # type: ignore[import-not-found]

    vocab = load("en")
    rows = stage_script.load_rows()
    sets = np.array([r["set"] for r in rows])
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["feats"], 1) for r in rows]).tocsr()
    task = stage_script.tasks(rows, None)[0]
    train, test = np.flatnonzero(sets != HELD), np.flatnonzero(sets == HELD)
    th = task.thresholds(stage_script.inner_oof(x, task.y, sets, train), train)
    p = stage_script.fit(x[train], task.y[train]).predict_proba(x[test])[:, 1]

    def anchored(text: str) -> bool:
        low = normalise(text)
        lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
        for rules in vocab.crisis:
            if rules.combo_key is None or rules.combo_key.search(low) is None:
                continue
            if old_rules._backstop_anchor(rules, low, lay) is not None:
                return True
        return False

    found = [old_rules.find_crisis(rows[i]["text"], vocab) for i in test]
    shown = np.array([f is not None for f in found])
    anchor = np.array([anchored(rows[i]["text"]) for i in test])
    fires = p >= th["crisis_possible"]
    y = task.y[test]
    pos, neg = y == 1, y == 0
    look = np.array([rows[i]["lookalike"] for i in test])
    print(f"{HELD}: thresholds {th}")
    for label, d in (
        ("engine af40069^, panel shown", shown),
        ("+ stage gated (old vetoes)", shown | (fires & anchor)),
        ("stage alone, ungated", fires),
        ("engine OR stage ungated", shown | fires),
    ):
        r, f = (d & pos).sum(), (d & neg).sum()
        print(
            f"  {label:<30} recall {r}/{pos.sum()} = {r / pos.sum():.3f}"
            f"  FP {f}/{neg.sum()} = {f / neg.sum():.3f}"
            f"  look-alikes {(d & look).sum()}/{look.sum()}"
        )


if __name__ == "__main__":
    main()
