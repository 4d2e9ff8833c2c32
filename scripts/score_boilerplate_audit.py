#!/usr/bin/env python
"""Score the clean stage on the boilerplate audit (benchmarks/boilerplate_audit/verdicts.jsonl).

    python scripts/score_boilerplate_audit.py --run RUN_DIR --out benchmarks/results/boilerplate_audit_X.json

RUN_DIR is a pipeline run over runs/audit/input (at least the clean stage). A line counts as removed
when the run's removals (article JSON `removed`) inside it cover at least 80% of it (the audit's
packets flagged any line with a removal inside; a URL cut out of a sentence leaves the sentence). Scores:
boilerplate lines removed (recall), article lines removed (false removals), per audit class.
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
from run_files import command_line, read_jsonl, run_articles  # noqa: E402


def removed_lines(run: Path) -> dict[tuple[str, int], str]:
    """(article id, line number of the input file) -> the removal's reason."""
    out = {}
    for a in run_articles(run):
        src = Path(a.get("source_path") or "")
        if not src.is_file():
            continue
        removed = [(r.get("text") or "").strip() for r in a.get("removed") or []]
        reasons = [r.get("reason", "") for r in a.get("removed") or []]
        for i, line in enumerate(src.read_text(encoding="utf-8").split("\n")):
            hits = [k for k, t in enumerate(removed) if t and t in line]
            covered = sum(len(removed[k]) for k in hits)
            # the line is gone when removals cover most of it (a URL cut out of a sentence is not)
            if hits and line.strip() and covered >= 0.8 * len(line.strip()):
                out[(a["id"], i)] = reasons[hits[0]]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", required=True)
    ap.add_argument("--verdicts", default=str(ROOT / "benchmarks" / "boilerplate_audit" / "verdicts.jsonl"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    gold = read_jsonl(Path(args.verdicts))
    got = removed_lines(Path(args.run))
    c = collections.Counter()
    by_class: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for g in gold:
        rem = (g["article"], g["line"]) in got
        if g["boilerplate"]:
            c["boilerplate"] += 1
            c["boilerplate_removed"] += rem
            by_class[g.get("class") or "(removed at audit)"]["removed" if rem else "left"] += 1
        else:
            c["content"] += 1
            c["content_removed"] += rem
    out = {"command": command_line(__file__, argv),
           "lines": len(gold), **{k: c[k] for k in ("boilerplate", "boilerplate_removed", "content", "content_removed")}, "recall": round(c["boilerplate_removed"] / max(1, c["boilerplate"]), 4),
           "left": c["boilerplate"] - c["boilerplate_removed"],
           "by_class": {k: dict(v) for k, v in sorted(by_class.items())}}
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: out[k] for k in ("lines", "boilerplate", "recall", "left", "content_removed")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
