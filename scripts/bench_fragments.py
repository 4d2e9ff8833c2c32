#!/usr/bin/env python
"""Fragments and empty summaries in a finished govbench run, per half.

    python scripts/bench_fragments.py --run runs/compare-govbench/runs/<choice> \
        --out benchmarks/results/fragments_govbench.json

A fragment is a sentence with no verb or with an unbalanced quote (pipeline.text.fragment_report, the
issue's definition); "empty" counts governments that have statements but an empty summary. The test
half is counted to report, never to choose.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line, read_jsonl, run_articles  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", required=True, help="a run folder with articles/*.json (one compare choice)")
    ap.add_argument("--manifest", default=str(ROOT / "benchmarks" / "govbench" / "manifest.jsonl"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    from pipeline.text import fragment_report

    split = {m["id"]: m["split"] for m in read_jsonl(Path(args.manifest))}
    per: dict[str, dict] = {}
    for a in run_articles(Path(args.run)):
        part = per.setdefault(split.get(a["id"], "other"), {"summaries": [], "empty": []})
        for gov, v in a.get("governments", {}).items():
            text = v.get("summary") or ""
            part["summaries"].append(text)
            if v.get("statements") and not text.strip():
                part["empty"].append({"article": a["id"], "government": gov,
                                      "why": (v.get("summary_meta") or {}).get("dropped")})
    out = {"command": command_line(__file__, argv)}
    for name, part in sorted(per.items()):
        rep = fragment_report(part["summaries"])
        out[name] = {**rep, "governments": len(part["summaries"]), "empty_with_statements": len(part["empty"]),
                     "empty": part["empty"] if name != "test" else "(test: counted only)"}
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: {x: v[x] for x in ("governments", "with_fragment", "empty_with_statements")}
                      for k, v in out.items() if k != "command"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
