#!/usr/bin/env python
"""Held-out statement-level macro-F1 of cross-encoders against the neutral log bias (-1.0 ... 1.0),
from what scripts/bench_stance.py already wrote (no model is loaded again):

    python scripts/bench_stance.py --backend B1 --backend B2 --sets newsmtsc,fnc1_dev,fnc1_test \
        --sets-cache runs/t12-bench/sets-cache.json --probs-out PROBS --out TABLE
    python scripts/stance_bias_heldout_grid.py --probs PROBS --table TABLE \
        --sets-cache runs/t12-bench/sets-cache.json --out benchmarks/results/X.json

A diagnostic of how much the fitted bias matters on the held-out sets, never a way to pick it. The
probabilities are softmax(z / T + b) with the model's own bias b (the table's `describe`), so shifting
log P(neutral) by b' - b and taking the argmax is the prediction under bias b'; at b' = b the grid
gives the bench's own figure.
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
from pipeline.stance.train_cross import LABELS  # noqa: E402
from run_files import command_line  # noqa: E402

GRID = [round(float(b), 1) + 0.0 for b in np.arange(-1.0, 1.01, 0.1)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probs", required=True, help="bench_stance.py --probs-out file")
    ap.add_argument("--table", required=True, help="bench_stance.py --out file (each backend's calibration)")
    ap.add_argument("--sets-cache", required=True, help="bench_stance.py --sets-cache file (the gold labels)")
    ap.add_argument("--sets", default="newsmtsc,fnc1_test,fnc1_dev")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    probs = json.loads(Path(args.probs).read_text(encoding="utf-8"))["probs"]
    table = json.loads(Path(args.table).read_text(encoding="utf-8"))["results"]
    gold = json.loads(Path(args.sets_cache).read_text(encoding="utf-8"))["sets"]
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    out = {"command": command_line(__file__, argv), "n": {s: len(gold[s]) for s in sets if s in gold}, "models": {}}
    neutral = LABELS.index("neutral")
    for backend, by_set in probs.items():
        cal = ((table.get(backend) or {}).get("describe") or {}).get("cross_encoder")
        if not cal:
            continue  # not a cross-encoder: no bias to move
        fitted = float(cal["log_bias"].get("neutral", 0.0))
        grid = {}
        for s in sets:
            if s not in by_set or s not in gold:
                ap.error(f"--sets: {s!r} is missing from {args.probs} or the sets cache")
            y = np.array([LABELS.index(e["label"]) for e in gold[s]])
            logp = np.log(np.clip(np.array([[p[k] for k in LABELS] for p in by_set[s]]), 1e-30, None))
            grid[s] = {}
            for b in GRID:
                z = logp.copy()
                z[:, neutral] += b - fitted
                grid[s][f"{b:.1f}"] = round(macro_f1(y, z.argmax(1), len(LABELS)), 4)
        out["models"][backend] = {"temperature": cal["temperature"], "fitted_neutral_bias": round(fitted, 4),
                                  "macro_f1_by_neutral_bias": grid}
        print(backend, {s: max(g.items(), key=lambda kv: kv[1]) for s, g in grid.items()}, flush=True)
    write_json_atomic(Path(args.out), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
