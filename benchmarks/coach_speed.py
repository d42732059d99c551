"""Measure the speed of the communication coach on one core.

Usage (from the repo root)::

    python benchmarks/coach_speed.py [--data PATH] [--rounds N] [--rules-only]

Prints messages/second for ``analyze`` and ``detect_crisis`` over the messages of the
chosen file (typical drafts, 1–3 sentences), and p50/p99 latency per message.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kindred.coach.engine import analyze, detect_crisis  # noqa: E402

DEFAULT = ROOT / "kindred" / "coach" / "engine" / "data" / "messages.jsonl"


def bench(fn: Callable[[str], Any], texts: list[str], rounds: int) -> tuple[float, float, float]:
    """Return (messages per second, p50 ms, p99 ms) for ``fn`` over ``texts``."""
    fn(texts[0])  # load and compile the vocabulary outside the timing
    lat: list[float] = []
    total_start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            t0 = time.perf_counter()
            fn(t)
            lat.append(time.perf_counter() - t0)
    total = time.perf_counter() - total_start
    q = statistics.quantiles(lat, n=100)
    return len(lat) / total, q[49] * 1000, q[98] * 1000


def main() -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--rules-only", action="store_true", help="without the statistical model")
    args = ap.parse_args()
    use_model = not args.rules_only

    def run(text: str) -> Any:
        return analyze(text, use_model=use_model)

    with args.data.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    avg_len = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} messages x {args.rounds} rounds, mean length {avg_len:.0f} chars")
    for name, fn in (("analyze", run), ("detect_crisis", detect_crisis)):
        rate, p50, p99 = bench(fn, texts, args.rounds)
        print(f"{name:<14} {rate:9.0f} msg/s   p50 {p50:.3f} ms   p99 {p99:.3f} ms")
    long_text = " ".join(texts)[:5000]
    rate, p50, p99 = bench(run, [long_text], 50)
    print(f"analyze 5,000-char text: p50 {p50:.2f} ms   p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
