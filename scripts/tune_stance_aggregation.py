#!/usr/bin/env python
"""Choose the government-level aggregation (weighting, neutral margin) on govbench DEV only.

    python scripts/bench_stance.py ... --sets govbench_dev --govbench dev=RUN --probs-out runs/x/probs.json
    python scripts/tune_stance_aggregation.py --probs runs/x/probs.json --backend SPEC \
        --out benchmarks/results/stance_aggregation_dev.json

Reads the statement probabilities that bench_stance.py saved for one backend and scores every
(weighting, min_margin) pair of the grid on the dev governments: accuracy among the governments
found, macro-F1, ECE of the government-level score, and accuracy on the "mixed" items (gold neutral
governments of articles whose reference notes call the stance mixed or balanced). The choice is the
highest accuracy, then macro-F1, then the smallest margin and the current weighting ('polarity') on
ties -- but the current rule (polarity, margin 0) stays unless the best beats it by at least
--min-gain governments: with about 40 dev governments one or two items are noise (one standard
error of an accuracy near .5 is about 3 items). The grid is small and fixed in advance, and test
items are never read here (the file's test half, if any, is ignored).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WEIGHTINGS = ("polarity", "uniform", "squared")
MARGINS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
NEUTRAL_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)  # --grid neutral: polarity, margin 0, these scales only


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--probs", required=True, help="the --probs-out file of scripts/bench_stance.py")
    ap.add_argument("--backend", required=True, help="which backend's probabilities (its --backend spec)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-gain", type=int, default=3, help="governments a new rule must win by over the current one")
    ap.add_argument("--references", default=str(ROOT / "benchmarks" / "govbench" / "references" / "dev"))
    ap.add_argument("--grid", choices=["margins", "neutral"], default="margins",
                    help="margins: weighting x neutral margin; neutral: polarity, margin 0, a discount on P(neutral)")
    args = ap.parse_args(argv)

    from pipeline.stance.aggregate import aggregate
    from pipeline.stance.govbench_items import GovItem, score_items

    blob = json.loads(Path(args.probs).read_text())
    if args.backend not in blob["probs"]:
        ap.error(f"--backend: {args.backend!r} not in {args.probs}; it has: {', '.join(blob['probs'])}")
    if "dev" not in blob.get("govbench_items", {}):
        ap.error(f"{args.probs}: no govbench dev items (run bench_stance.py with --sets govbench_dev)")
    items = [GovItem(**d) for d in blob["govbench_items"]["dev"]]
    probs = blob["probs"][args.backend]["govbench_dev"]
    mixed = [i.gold == "neutral" and _mixed_note(Path(args.references), i.reference or i.article) for i in items]
    rows = []
    grid = ([(w, m, 1.0) for w in WEIGHTINGS for m in MARGINS] if args.grid == "margins"
            else [("polarity", 0.0, s) for s in NEUTRAL_SCALES])
    for w, m, ns in grid:
        labels, conf, k = [], [], 0
        for it in items:
            r = aggregate(probs[k:k + len(it.statements)], it.target, weighting=w, min_margin=m, neutral_scale=ns)
            k += len(it.statements)
            labels.append(r.label)
            conf.append(r.score)
        s = score_items(items, labels, conf)
        mixed_ok = sum(lab == it.gold for lab, it, mx in zip(labels, items, mixed) if mx)
        rows.append({"weighting": w, "min_margin": m, "neutral_scale": ns,
                     **{k: s[k] for k in ("n", "correct", "accuracy_found", "macro_f1_found", "ece")},
                     "mixed_correct": f"{mixed_ok}/{sum(mixed)}"})
        print(f"{w:<9} margin {m:<5} neutral x{ns:<4} accuracy {s['accuracy_found']:.3f} ({s['correct']}/{s['n']}) "
              f"macro-F1 {s['macro_f1_found']:.3f} ECE {s['ece']:.3f} mixed {mixed_ok}/{sum(mixed)}")
    best = max(rows, key=lambda r: (r["accuracy_found"], r["macro_f1_found"], -r["min_margin"],
                                    r["weighting"] == "polarity", r["neutral_scale"]))
    current = next(r for r in rows if r["weighting"] == "polarity" and r["min_margin"] == 0.0
                   and r["neutral_scale"] == 1.0)
    if best["correct"] - current["correct"] < args.min_gain:
        best = current
    out = {"command": "python scripts/tune_stance_aggregation.py " + " ".join(argv or sys.argv[1:]),
           "backend": args.backend, "split": "dev", "grid": rows, "chosen": best,
           "grid_kind": args.grid,
           "rule": f"highest accuracy among found, then macro-F1, then smaller margin, then 'polarity', then the "
                   f"smaller discount; the current rule (polarity, 0.0, x1.0) unless beaten by >= {args.min_gain} "
                   f"governments"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n")
    print(f"chosen: {best}")
    return 0


def _mixed_note(refs: Path, article: str) -> bool:
    """Whether the article's reference notes call a stance mixed or balanced (the annotators' words)."""
    for name in (article, article.rsplit("_", 1)[0] + "-"):  # older item files: the id, made filename-safe
        f = refs / f"{name}.json"
        if f.is_file():
            notes = str(json.loads(f.read_text()).get("notes") or "").lower()
            return "mixed" in notes or "balance" in notes
    return False


if __name__ == "__main__":
    sys.exit(main())
