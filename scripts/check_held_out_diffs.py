#!/usr/bin/env python
"""Which committed diff listings (benchmarks/results/*diff*.json) show changes on test articles (govbench's and,
since session 47, pool_blind's frozen test halves).

A test half is read only to report. A diff of two runs over a pool that holds test articles
(PolNeAR train and dev hold 56) lists system output on them; scripts/diff_summaries.py leaves them out
since session 40. This check says which earlier listings did, and how many test articles each shows.

    python scripts/check_held_out_diffs.py --out benchmarks/results/held_out_diffs_session40.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from diff_summaries import test_ids  # noqa: E402


def listed_rows(data: dict) -> list[dict]:
    """The rows of a diff listing: statements removed and added, or summaries changed."""
    return [r for k in ("removed", "added", "changes") for r in data.get(k) or [] if isinstance(r, dict)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", default=str(ROOT / "benchmarks" / "results"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    held_out = test_ids()
    files, articles, with_government = {}, set(), set()
    for path in sorted(Path(args.results).glob("*diff*.json")):
        rows = [r for r in listed_rows(json.loads(path.read_text(encoding="utf-8"))) if r.get("article") in held_out]
        if rows:
            files[path.name] = sorted({r["article"] for r in rows})
            articles |= {r["article"] for r in rows}
            with_government |= {r["article"] for r in rows if r.get("government")}
    out = {"command": " ".join(["python", "scripts/check_held_out_diffs.py", *(argv or sys.argv[1:])]),
           "test_articles": len(held_out), "files": files, "test_articles_listed": len(articles),
           "test_articles_with_a_government_change": len(with_government)}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "files"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
