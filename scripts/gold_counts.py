#!/usr/bin/env python
"""Count what a benchmark's gold holds, per split: texts, texts where a government speaks, the speaking governments
(stance other than "none"), their statement snippets and the boilerplate lines. For a set's README.

    python scripts/gold_counts.py benchmarks/pool_blind2 --out benchmarks/results/pool_blind2_gold_session50.json
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from reader_agreement import speaking as speaking_in  # noqa: E402  (the second reader is scored on the same rule)


def counts(references: Path) -> dict:
    """The counts over one folder of govbench-format references."""
    refs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(references.glob("*.json"))]
    speaking = []  # (a reference's governments, those of them that speak, in the reference's order)
    for r in refs:
        spoke = speaking_in(r)
        speaking.append((r["governments"], [g for g in r["governments"] if g in spoke]))
    return {"texts": len(refs), "texts_with_a_speaking_government": sum(bool(s) for _, s in speaking),
            "speaking_governments": dict(collections.Counter(g for _, s in speaking for g in s)),
            "snippets": sum(len(govs[g]["statements"]) for govs, s in speaking for g in s),
            "boilerplate_lines": sum(len(r.get("boilerplate") or []) for r in refs)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("benchmark", help="a benchmark folder with references/<split>/*.json")
    ap.add_argument("--out", help="write the JSON here")
    args = ap.parse_args(argv)
    base = Path(args.benchmark) / "references"
    splits = sorted(p.name for p in base.iterdir() if p.is_dir()) or ["."]
    out = {"command": "python scripts/gold_counts.py " + " ".join(argv if argv is not None else sys.argv[1:]),
           **{s: counts(base / s) for s in splits}}
    if args.out:
        write_json_atomic(Path(args.out), out)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
