#!/usr/bin/env python
"""Stance on the audit articles outside govbench (benchmarks/stance_audit/gold.jsonl).

    python scripts/score_stance_audit.py --make-references runs/audit/references
    python scripts/run.py --config configs/default.yaml --input runs/audit/input \
        --references runs/audit/references --output runs/audit/stance-X --set stages=clean,segment,attribute,resolve,stance
    python scripts/score_stance_audit.py --run runs/audit/stance-X --out benchmarks/results/stance_audit_X.json

The references give each article its target, so the run scores stance toward the annotators' target.
Scores: accuracy among the gold governments the run found (the stance stage's own measure), accuracy
counting a missed government as wrong, and macro-F1 and the confusion table among found (the
evaluate stage's stance metric, pipeline/evaluate/metrics/stance).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line, read_jsonl  # noqa: E402

LABELS = ("favor", "against", "neutral")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "benchmarks" / "stance_audit" / "gold.jsonl"))
    ap.add_argument("--make-references", help="write <id>.json references (target and stances) into this folder")
    ap.add_argument("--run")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    gold = read_jsonl(Path(args.gold))
    if args.make_references:
        d = Path(args.make_references)
        d.mkdir(parents=True, exist_ok=True)
        for g in gold:
            ref = {"target": g["target"], "governments": {k: {"stance": v, "statements": [], "summaries": []}
                                                          for k, v in g["stances"].items()}}
            (d / f"{g['id']}.json").write_text(json.dumps(ref, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{len(gold)} references in {d}")
        if not args.run:
            return 0
    if not (args.run and args.out):
        ap.error("--run and --out (or --make-references)")
    from pipeline.evaluate import metric_module

    n, preds, wants = 0, [], []
    for g in gold:
        f = Path(args.run) / "articles" / f"{g['id']}.json"
        got = json.loads(f.read_text(encoding="utf-8")) if f.is_file() else {}
        for gov, want in g["stances"].items():
            n += 1
            pred = (((got.get("governments") or {}).get(gov) or {}).get("stance") or {}).get("label")
            if pred in LABELS:
                preds.append(pred)
                wants.append(want)
    # the evaluate stage's stance metric, over the governments the run found
    res = metric_module("stance").stance_scores(preds, wants, labels=list(LABELS))
    cm = res["confusion_matrix"]
    right = sum(p == w for p, w in zip(preds, wants))
    out = {"command": command_line(__file__, argv),
           "gold_governments": n, "found": len(preds), "right": right,
           "accuracy_found": round(right / max(1, len(preds)), 4), "accuracy_all": round(right / max(1, n), 4),
           "macro_f1_found": round(res["macro_f1"] or 0.0, 4),
           "confusion": {w: {q: cm["matrix"][i][cm["columns"].index(q)] for q in LABELS} for i, w in enumerate(cm["rows"])},
           "gold_label_counts": dict(collections.Counter(v for g in gold for v in g["stances"].values()))}
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: out[k] for k in ("gold_governments", "found", "right", "accuracy_found", "macro_f1_found")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
