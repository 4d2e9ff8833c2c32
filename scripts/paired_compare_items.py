#!/usr/bin/env python
"""Paired tests between two choices of a compare run on one govbench half (the compare report pools
the halves in its own tests).

    python scripts/paired_compare_items.py --per-item runs/compare-govbench/per_item.jsonl \
        --metric stance_accuracy_found --split test --a "reported + head" --b "reported + cross-encoder" \
        --out benchmarks/results/X.json

Items are the ones both choices scored; the tests are the compare stage's (pipeline/evaluate/stats.py:
paired bootstrap and paired sign-flip permutation of the mean difference, a minus b).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.stats import paired_bootstrap, paired_permutation  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line, read_jsonl  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-item", required=True, help="a compare run's per_item.jsonl")
    ap.add_argument("--metric", required=True)
    ap.add_argument("--split", required=True, help="a govbench half: dev or test")
    ap.add_argument("--manifest", default=str(ROOT / "benchmarks" / "govbench" / "manifest.jsonl"))
    ap.add_argument("--a", required=True, help="a choice name as in the compare config")
    ap.add_argument("--b", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    ids = {m["id"] for m in read_jsonl(Path(args.manifest)) if m["split"] == args.split}
    vals: dict[str, dict[str, float]] = {}
    for r in read_jsonl(Path(args.per_item)):
        if r["metric"] == args.metric and r["item"].split("::")[0] in ids:
            vals.setdefault(r["row"], {})[r["item"]] = r["value"]
    for name in (args.a, args.b):
        if name not in vals:
            ap.error(f"{name!r} has no {args.metric} items on {args.split}; choices: {', '.join(sorted(vals))}")
    common = sorted(set(vals[args.a]) & set(vals[args.b]))
    a = [vals[args.a][k] for k in common]
    b = [vals[args.b][k] for k in common]
    out = {"command": command_line(__file__, argv), "metric": args.metric, "split": args.split,
           "a": args.a, "b": args.b, "n": len(common), "sum_a": sum(a), "sum_b": sum(b),
           "paired_bootstrap": paired_bootstrap(a, b), "paired_permutation": paired_permutation(a, b)}
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: out[k] for k in ("n", "sum_a", "sum_b")}),
          f"p = {out['paired_bootstrap']['p_value']} (bootstrap), {out['paired_permutation']['p_value']:.3f} (permutation)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
