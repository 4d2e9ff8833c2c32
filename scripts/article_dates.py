#!/usr/bin/env python
"""The date the resolver checks office holders against, for each cleaned text of a pipeline run read
as if undated (no date in metadata or file name), and what changed since an earlier list: how a
change to the article dating (pipeline/resolve/context.py) is read on texts with no gold.

    python scripts/article_dates.py --run /tmp/pool_run --out before.json
    (change pipeline/resolve/context.py)
    python scripts/article_dates.py --run /tmp/pool_run --out after.json --before before.json
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


def dates(runs: list[Path], actors: str) -> dict[str, str]:
    """Article id -> the resolver's article date of its clean text, as if the file name held none."""
    from pipeline.resolve.gazetteer import load_gazetteer
    from pipeline.resolve.resolver import GovernmentResolver
    from pipeline.types import Article

    resolver = GovernmentResolver(load_gazetteer(actors))
    out = {}
    for run in runs:
        for a in run_articles(run):
            undated = Article(id="undated", source_path="undated.txt", raw_text="", clean_text=a["clean_text"])
            out[a["id"]] = resolver.article_date(undated)[0].isoformat()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", action="append", required=True, help="a pipeline run folder (repeatable)")
    ap.add_argument("--actors", default=str(ROOT / "configs" / "actors.yaml"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--before", help="an earlier --out of this script: list the dates that moved")
    args = ap.parse_args(argv)
    got = dates([Path(r) for r in args.run], args.actors)
    out: dict = {"command": command_line(__file__, argv), "texts": len(got), "dates": got}
    if args.before:
        before = json.loads(Path(args.before).read_text(encoding="utf-8"))["dates"]
        moved = [{"article": k, "before": before[k], "after": v} for k, v in sorted(got.items())
                 if k in before and before[k] != v]
        out.update(changed=len(moved), changes=moved)
    write_json_atomic(Path(args.out), out)
    print(json.dumps({k: v for k, v in out.items() if k in ("texts", "changed")}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
