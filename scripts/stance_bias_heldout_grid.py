#!/usr/bin/env python
"""Held-out statement-level macro-F1 of cross-encoders against the neutral log bias (-1.0 ... 1.0):

    python scripts/stance_bias_heldout_grid.py --out benchmarks/results/stance_neutral_bias_heldout_grid_session27.json \
        --sets-cache runs/t12-bench/sets-cache.json MODEL_FOLDER...

A diagnostic of how much the fitted bias matters on the held-out sets (NewsMTSC devtest_rw, FNC-1 test
side and dev_*), never a way to pick it: the sets are those of scripts/bench_stance.py (its
--sets-cache file, which that script writes), scored at the model's own temperature.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402

SETS = ("newsmtsc", "fnc1_test", "fnc1_dev")


def main(argv=None) -> int:
    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from pipeline.stance.calibration import macro_f1
    from pipeline.stance.cross import read_cross_config
    from pipeline.stance.train_cross import LABELS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--sets-cache", required=True, help="scripts/bench_stance.py --sets-cache file")
    ap.add_argument("models", nargs="+")
    args = ap.parse_args(argv)
    sets = json.loads(Path(args.sets_cache).read_text(encoding="utf-8"))["sets"]
    result = {"command": "python scripts/stance_bias_heldout_grid.py " + " ".join(sys.argv[1:] if argv is None else argv),
              "n": {s: len(sets[s]) for s in SETS if s in sets}, "models": {}}
    for folder in args.models:
        tok = AutoTokenizer.from_pretrained(folder)
        model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True).eval()
        cal = read_cross_config(folder)["calibration"]
        grid: dict[str, dict[str, float]] = {}
        for name in (s for s in SETS if s in sets):
            items = sets[name]
            y = np.array([LABELS.index(x["label"]) for x in items])
            chunks = []
            with torch.no_grad():
                for i in range(0, len(items), 64):
                    b = items[i:i + 64]
                    enc = tok([x["target"] for x in b], [x["statement"] for x in b], truncation="longest_first",
                              max_length=96, padding=True, return_tensors="pt")
                    chunks.append(model(**enc).logits.float())
            z = (torch.cat(chunks) / float(cal.get("temperature", 1.0))).numpy()
            grid[name] = {}
            for b in np.round(np.arange(-1.0, 1.01, 0.1), 1):
                zz = z.copy()
                zz[:, LABELS.index("neutral")] += b
                grid[name][f"{b + 0.0:.1f}"] = round(macro_f1(y, zz.argmax(1), len(LABELS)), 4)
        result["models"][folder] = {"calibration": cal, "macro_f1_by_neutral_bias": grid}
        print(folder, {n: max(g.items(), key=lambda kv: kv[1]) for n, g in grid.items()}, flush=True)
    write_json_atomic(Path(args.out), result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
