#!/usr/bin/env python
"""Paired bootstrap of the statement-level macro-F1 difference between two stance backends.

    python scripts/bench_stance.py --backend A --backend B --sets newsmtsc,fnc1_test \
        --sets-cache runs/t12-bench/sets-cache.json --probs-out PROBS --out ...
    python scripts/paired_stance_test.py --probs PROBS --sets-cache runs/t12-bench/sets-cache.json \
        --a A --b B --out benchmarks/results/X.json

Both backends scored the same items (bench_stance.py's --probs-out keeps each one's probabilities in
item order); each resample draws items with replacement and recomputes both macro-F1s on the same
draw. p is the share of resamples in which B does not beat A (one-sided).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from pipeline.stance.calibration import macro_f1  # noqa: E402
from run_files import command_line  # noqa: E402

LABELS = ("favor", "against", "neutral")


def predictions(probs: list[dict[str, float]]) -> np.ndarray:
    return np.array([LABELS.index(max(LABELS, key=lambda k: p[k])) for p in probs])


def paired(y: np.ndarray, a: np.ndarray, b: np.ndarray, resamples: int, seed: int) -> dict:
    rng = np.random.RandomState(seed)
    fa, fb = macro_f1(y, a, len(LABELS)), macro_f1(y, b, len(LABELS))
    diffs = []
    for _ in range(resamples):
        i = rng.randint(0, len(y), len(y))
        diffs.append(macro_f1(y[i], b[i], len(LABELS)) - macro_f1(y[i], a[i], len(LABELS)))
    diffs = np.array(diffs)
    return {"n": int(len(y)), "macro_f1_a": round(fa, 4), "macro_f1_b": round(fb, 4), "difference": round(fb - fa, 4),
            "ci95": [round(float(np.percentile(diffs, 2.5)), 4), round(float(np.percentile(diffs, 97.5)), 4)],
            "p_b_not_better": round(float(np.mean(diffs <= 0)), 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probs", required=True, help="bench_stance.py --probs-out file")
    ap.add_argument("--sets-cache", required=True, help="bench_stance.py --sets-cache file (the gold labels)")
    ap.add_argument("--a", required=True, help="backend spec as in the probs file (the baseline)")
    ap.add_argument("--b", required=True, help="backend spec as in the probs file (the candidate)")
    ap.add_argument("--sets", default="newsmtsc,fnc1_test")
    ap.add_argument("--resamples", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    probs = json.loads(Path(args.probs).read_text(encoding="utf-8"))["probs"]
    gold = json.loads(Path(args.sets_cache).read_text(encoding="utf-8"))["sets"]
    for name in (args.a, args.b):
        if name not in probs:
            ap.error(f"--a/--b {name!r} is not in {args.probs}; it has: {', '.join(probs)}")
    out = {"command": command_line(__file__, argv),
           "a": args.a, "b": args.b, "resamples": args.resamples, "seed": args.seed, "sets": {}}
    for s in [x.strip() for x in args.sets.split(",") if x.strip()]:
        if s not in gold or s not in probs[args.a] or s not in probs[args.b]:
            ap.error(f"--sets: {s!r} is missing from the sets cache or the probs file")
        y = np.array([LABELS.index(e["label"]) for e in gold[s]])
        a, b = predictions(probs[args.a][s]), predictions(probs[args.b][s])
        if not (len(y) == len(a) == len(b)):
            ap.error(f"{s}: {len(y)} gold items but {len(a)} / {len(b)} scored")
        out["sets"][s] = paired(y, a, b, args.resamples, args.seed)
        print(s, json.dumps(out["sets"][s]))
    write_json_atomic(Path(args.out), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
