"""Measure the communication coach against a labelled JSONL file.

Usage (from the repo root)::

    python benchmarks/coach_quality.py [--data PATH] [--errors] [--rules-only]

``--rules-only`` measures the rules without the statistical model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kindred.coach.engine import KINDS, analyze  # noqa: E402
from kindred.coach.engine.results import PITFALL_KINDS  # noqa: E402

DEFAULT = ROOT / "kindred" / "coach" / "engine" / "data" / "messages.jsonl"


def load(path: Path) -> list[dict[str, object]]:
    """Read one JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: list[dict[str, object]], *, use_model: bool = True) -> dict[str, object]:
    """Compute per-kind P/R/F1, macro-F1 and crisis figures; also return the errors."""
    tp = dict.fromkeys(KINDS, 0)
    fp = dict.fromkeys(KINDS, 0)
    fn = dict.fromkeys(KINDS, 0)
    crisis_pos = crisis_hit = crisis_kind_ok = neg = neg_flagged = 0
    hurt_pos = hurt_hit = safe = safe_flagged = possible_neg = 0
    errors = []
    for row in rows:
        text = str(row["text"])
        gold = set(row["kinds"])  # type: ignore[call-overload]
        gold_crisis = row.get("crisis")
        result = analyze(text, use_model=use_model)
        pred = result.kinds
        for k in KINDS:
            if k in pred and k in gold:
                tp[k] += 1
            elif k in pred:
                fp[k] += 1
            elif k in gold:
                fn[k] += 1
        crisis_found = result.crisis
        if crisis_found is not None and getattr(crisis_found, "possible", False):
            possible_neg += not gold_crisis
            crisis_found = None
        pred_crisis = crisis_found.kind if crisis_found else None
        flagged = getattr(result, "may_hurt", None)
        if flagged is None:  # an engine without the message-level decision
            flagged = bool(result.pitfalls)
        if gold & set(PITFALL_KINDS):
            hurt_pos += 1
            hurt_hit += bool(flagged)
        else:
            safe += 1
            safe_flagged += bool(flagged)
        if gold_crisis:
            crisis_pos += 1
            if pred_crisis:
                crisis_hit += 1
                crisis_kind_ok += pred_crisis == gold_crisis
        else:
            neg += 1
            neg_flagged += pred_crisis is not None
        if pred != gold or pred_crisis != gold_crisis:
            errors.append(
                (text, sorted(gold - pred), sorted(pred - gold), gold_crisis, pred_crisis)
            )
    per_kind = {}
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_kind[k] = (p, r, f, tp[k] + fn[k])
    return {
        "per_kind": per_kind,
        "macro_f1": sum(v[2] for v in per_kind.values()) / len(KINDS),
        "crisis_recall": crisis_hit / crisis_pos if crisis_pos else 1.0,
        "crisis_fpr": neg_flagged / neg if neg else 0.0,
        "crisis_kind_acc": crisis_kind_ok / crisis_hit if crisis_hit else 1.0,
        "hurt_recall": hurt_hit / hurt_pos if hurt_pos else 1.0,
        "hurt_fpr": safe_flagged / safe if safe else 0.0,
        "n_hurtful": hurt_pos,
        "n_safe": safe,
        "possible_on_safe": possible_neg,
        "n": len(rows),
        "n_crisis": crisis_pos,
        "n_noncrisis": neg,
        "errors": errors,
    }


def main() -> None:
    """Print the figures for the chosen file."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--errors", action="store_true", help="list misclassified messages")
    ap.add_argument("--rules-only", action="store_true", help="without the statistical model")
    ap.add_argument("--summary", action="store_true", help="one line per file")
    ap.add_argument(
        "--product", action="store_true", help="the product's own say-this / not-this examples"
    )
    ap.add_argument("files", nargs="*", type=Path, help="several files, one summary line each")
    args = ap.parse_args()
    if args.product:
        product(use_model=not args.rules_only, errors=args.errors)
        return
    if args.files:
        for path in args.files:
            summary(path, evaluate(load(path), use_model=not args.rules_only))
        return
    res = evaluate(load(args.data), use_model=not args.rules_only)
    if args.summary:
        summary(args.data, res)
        return
    try:
        shown = args.data.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.data
    engine = "rules only" if args.rules_only else "rules + model"
    print(f"file: {shown}  messages: {res['n']}  engine: {engine}")
    print(f"{'kind':<24}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}")
    for k, (p, r, f, sup) in res["per_kind"].items():  # type: ignore[attr-defined]
        print(f"{k:<24}{p:7.2f}{r:8.2f}{f:7.2f}{sup:9d}")
    print(f"macro-F1 (14 kinds): {res['macro_f1']:.3f}")
    print(f"crisis recall: {res['crisis_recall']:.3f} ({res['n_crisis']} crisis messages)")
    print(
        f"crisis false-positive rate: {res['crisis_fpr']:.3f} "
        f"({res['n_noncrisis']} non-crisis messages)"
    )
    print(f"crisis-kind accuracy (of detected): {res['crisis_kind_acc']:.3f}")
    print(
        f"may hurt: recall {res['hurt_recall']:.3f} ({res['n_hurtful']} hurtful), "
        f"false alarms {res['hurt_fpr']:.3f} ({res['n_safe']} without a pitfall)"
    )
    print(f"'possible crisis' on non-crisis messages: {res['possible_on_safe']}")
    if args.errors:
        print("\nerrors (text | missed | extra | gold crisis | predicted crisis):")
        for text, missed, extra, gc, pc in res["errors"]:  # type: ignore[attr-defined]
            print(f"- {text}\n    missed={missed} extra={extra} crisis={gc}->{pc}")


def summary(path: Path, res: dict[str, object]) -> None:
    """One line: messages, macro-F1, may-hurt recall / false alarms, crisis recall / FP."""
    print(
        f"{path.stem:<28}{res['n']:>5}  macro-F1 {res['macro_f1']:.3f}  "
        f"may-hurt recall {res['hurt_recall']:.3f} FA {res['hurt_fpr']:.3f}  "
        f"crisis recall {res['crisis_recall']:.3f} ({res['n_crisis']}) "
        f"FP {res['crisis_fpr']:.3f}  possible-on-safe {res['possible_on_safe']}"
    )


def product(*, use_model: bool, errors: bool) -> None:
    """The share of the product's "not this" / "say this" examples the coach flags."""
    from kindred.coach.product_examples import product_examples

    examples = product_examples()
    bad = [e for e in examples if e.hurtful]
    good = [e for e in examples if not e.hurtful]

    def flagged(text: str) -> bool:
        result = analyze(text, use_model=use_model)
        value = getattr(result, "may_hurt", None)
        return bool(result.pitfalls) if value is None else bool(value)

    bad_hit = [e for e in bad if flagged(e.text)]
    good_hit = [e for e in good if flagged(e.text)]
    print(f'"not this" flagged: {len(bad_hit)}/{len(bad)} = {len(bad_hit) / len(bad):.3f}')
    print(f'"say this" flagged: {len(good_hit)}/{len(good)} = {len(good_hit) / len(good):.3f}')
    if errors:
        for e in bad:
            if e not in bad_hit:
                print(f"  missed: {e.text}  [{e.source}]")
        for e in good_hit:
            print(f"  false alarm: {e.text}  [{e.source}]")


if __name__ == "__main__":
    main()
