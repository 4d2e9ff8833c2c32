"""govstance eval-attribution --data DIR --split NAME --out FILE [--predictions FILE] [--set attribute.KEY=VALUE]

Runs clean -> segment -> attribute on DIR/NAME/text/*.txt and scores the (source, content)
spans against DIR/NAME/attributions/*.ann: precision, recall and F1 for source and content
spans, exact and at token Jaccard >= 0.5 (metrics defined in the PolNeAR scorer). With
--predictions, also writes one JSON line per predicted attribution, offsets in characters of
the original .txt. Exit codes: 0 done, 2 bad usage (missing folder, unknown option).
(`python scripts/eval_attribution.py ...` is the same command.)
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Optional

from .common import EXIT_USAGE, fail


def build_parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Score statement attribution on a corpus in PolNeAR's layout.")
    ap.add_argument("--data", required=True, help="corpus root (contains SPLIT/text and SPLIT/attributions)")
    ap.add_argument("--split", required=True, help="split folder name, e.g. train or dev")
    ap.add_argument("--out", required=True, help="where to write the metrics JSON")
    ap.add_argument("--predictions", help="also write the raw predictions here (JSONL)")
    ap.add_argument("--workers", type=int, default=0, help="processes (0: one per CPU, at most 8)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--per-article", action="store_true", help="keep per-article figures in --out")
    ap.add_argument("--set", action="append", default=[], metavar="attribute.KEY=VALUE",
                    help="an attribute stage parameter other than its default (repeatable)")
    ap.add_argument("--score-only", metavar="JSONL",
                    help="score an existing predictions file instead of running the pipeline")
    return ap


def main(argv: Optional[list[str]] = None, prog: str = "eval_attribution.py") -> int:
    args = build_parser(prog).parse_args(argv)
    base = Path(args.data) / args.split
    for sub in ("text", "attributions"):
        if not (base / sub).is_dir():
            return fail(f"--data/--split: {base / sub} is not a folder")

    from ..config import ConfigError, parse_set
    from ..evaluate.polnear_run import evaluate, write_predictions

    try:
        overrides = parse_set(args.set)
    except ConfigError as e:
        return fail(str(e))
    if set(overrides) - {"attribute"}:
        return fail(f"--set: only attribute.KEY=VALUE is read here, not {sorted(set(overrides) - {'attribute'})}")
    attribute_params = overrides.get("attribute") or None
    if attribute_params:  # checked here: a bad key would fail in every worker process, over and over
        from ..stage import default_params
        from ..stages import STAGES

        try:
            default_params(STAGES.get("attribute"), **attribute_params)
        except ValueError as e:
            return fail(f"--set attribute: {e}")
    from ..evaluate.polnear import annotator_agreement, read_predictions, read_split, score

    if args.score_only:
        if not Path(args.score_only).is_file():
            return fail(f"--score-only: {args.score_only} not found")
        docs = read_split(args.data, args.split, limit=args.limit)
        preds = read_predictions(args.score_only)
        result = score(docs, preds)
        result["agreement_between_annotators"] = annotator_agreement(docs)
        result["split"] = args.split
    else:
        workers = args.workers or min(8, os.cpu_count() or 1)
        result, preds = evaluate(args.data, args.split, workers=workers, limit=args.limit,
                                 attribute_params=attribute_params)
        result["attribute_params"] = attribute_params or {}
        if args.predictions:
            write_predictions(args.predictions, preds)
    if not args.per_article:
        result.pop("per_article", None)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    summary = {m: result[m]["f1"] for m in ("source_exact", "source_overlap", "content_exact", "content_overlap")}
    print(json.dumps({"split": args.split, "articles": result["articles"], **summary}))
    return 0


__all__ = ["main", "build_parser", "EXIT_USAGE"]
