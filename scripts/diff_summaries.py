#!/usr/bin/env python
"""The summaries that differ between two runs of the same articles, per (article, government).

    python scripts/diff_summaries.py --before RUN_A --after RUN_B --out benchmarks/results/X.json

RUN_A and RUN_B are run folders (their `results.jsonl`), such as the two rows of a
`scripts/compare.py` comparison under `runs/compare-*/runs/`. The JSON lists every changed summary,
before and after, so that "N summaries change, all read" can be checked.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def summaries(run: Path) -> dict[tuple[str, str], str]:
    path = run / "results.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path}: not found")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        for gov, entry in (result.get("governments") or {}).items():
            out[(result["id"], gov)] = entry.get("summary") or ""
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, type=Path)
    ap.add_argument("--after", required=True, type=Path)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    a, b = summaries(args.before), summaries(args.after)
    keys = sorted(set(a) | set(b))
    changed = [{"article": k[0], "government": k[1], "before": a.get(k, ""), "after": b.get(k, "")}
               for k in keys if a.get(k, "") != b.get(k, "")]
    out = {"command": " ".join(["python", "scripts/diff_summaries.py", *sys.argv[1:]]),
           "governments": len(keys), "with_summary_before": sum(1 for k in keys if a.get(k)),
           "changed": len(changed), "changes": changed}
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "changes"}))


if __name__ == "__main__":
    main()
