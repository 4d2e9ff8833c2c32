#!/usr/bin/env python
"""What changed between two runs' government statements (for reviewing a resolver change by eye on
articles that have no gold, e.g. PolNeAR dev articles outside govbench):

    python scripts/diff_governments.py --before runs/a --after runs/b --out benchmarks/results/x.json

Lists every statement that left or joined a government, with its speaker and the resolver's reason.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line, run_articles  # noqa: E402


def _govs(folder: Path) -> dict[tuple[str, str], dict]:
    out = {}
    for a in run_articles(folder):
        for gov, v in (a.get("governments") or {}).items():
            if v.get("statements"):
                out[(a["id"], gov)] = v
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    b, a = _govs(Path(args.before)), _govs(Path(args.after))
    changes = []
    for key in sorted(set(a) | set(b)):
        bt = {x["text"]: x for x in b.get(key, {}).get("statements", [])}
        at = {x["text"]: x for x in a.get(key, {}).get("statements", [])}
        for sign, src, texts in (("-", bt, set(bt) - set(at)), ("+", at, set(at) - set(bt))):
            for t in sorted(texts):
                s = src[t]
                changes.append({"change": sign, "article": key[0], "government": key[1],
                                "speaker": s.get("speaker_mention") or s.get("speaker"),
                                "resolution": s.get("resolution"), "text": t[:200]})
    out = {"command": command_line(__file__, argv),
           "governments_before": len(b), "governments_after": len(a),
           "statements_before": sum(len(v["statements"]) for v in b.values()),
           "statements_after": sum(len(v["statements"]) for v in a.values()),
           "gone": sorted(f"{k[0]}::{k[1]}" for k in set(b) - set(a)),
           "new": sorted(f"{k[0]}::{k[1]}" for k in set(a) - set(b)), "changes": changes}
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: out[k] for k in ("governments_before", "governments_after", "statements_before",
                                          "statements_after")}), f"{len(changes)} statement changes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
