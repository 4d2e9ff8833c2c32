#!/usr/bin/env python
"""A govbench compare's scores for each portion of each half: the first 116 articles (the draw and
the first supplement, on which every figure before session 22 was reported), supplement 2 (the
40 articles added in session 22) and supplement 3 (40 added in session 23), from the compare's
per-item values.

    python scripts/govbench_portions.py --compare runs/compare-govbench --out benchmarks/results/X.json

Totals (governments found / missed / invented, boilerplate left, wrong removals) are sums over the
portion's articles; the other columns are means over its items, as the compare's leaderboard
computes them. Macro-F1 and ECE are corpus-level and left out here: they are in the compare itself.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.datasets.govbench import MANIFEST, read_manifest  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402

SUMS = ("governments_found", "governments_missed", "governments_invented", "boilerplate_left",
        "removed_not_boilerplate")
MEANS = ("rouge1", "rouge2", "rougeL", "rougeLsum", "stance_accuracy", "stance_accuracy_found",
         "attribution_precision", "attribution_recall")
LATER_PORTIONS = {"supplement-2", "supplement-3"}  # manifest strata added after the first 116 articles


def portion_of(row: dict) -> str:
    return row["stratum"] if row["stratum"] in LATER_PORTIONS else "first-116"


def portion_scores(per_item: list[dict], manifest: list[dict]) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """{choice: {split: {portion: {metric: value}}}}, with an "all" portion per split."""
    where = {r["id"]: (r["split"], portion_of(r)) for r in manifest}
    values: dict = collections.defaultdict(list)
    for row in per_item:
        article = row["item"].split("::", 1)[0]
        if article not in where or row["metric"] not in SUMS + MEANS:
            continue
        split, portion = where[article]
        for p in (portion, "all"):
            values[(row["row"], split, p, row["metric"])].append(float(row["value"]))
    out: dict = {}
    for (choice, split, portion, metric), vals in sorted(values.items()):
        cell = out.setdefault(choice, {}).setdefault(split, {}).setdefault(portion, {})
        cell[metric] = round(sum(vals) if metric in SUMS else 100 * sum(vals) / len(vals), 4)
        if metric not in SUMS:
            cell[metric + "_n"] = len(vals)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--compare", required=True, help="a compare output folder (has per_item.jsonl)")
    ap.add_argument("--manifest", default=str(MANIFEST))
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    path = Path(args.compare) / "per_item.jsonl"
    if not path.is_file():
        ap.error(f"{path}: not found (run scripts/compare.py first)")
    per_item = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = {"command": " ".join(["python", "scripts/govbench_portions.py"] + (argv or sys.argv[1:])),
              "compare": str(args.compare), "scores": portion_scores(per_item, read_manifest(Path(args.manifest)))}
    text = json.dumps(result, indent=1)
    if args.out:
        write_json_atomic(Path(args.out), result)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
