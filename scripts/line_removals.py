#!/usr/bin/env python
"""Every line the clean stage's line rules remove from plain-text articles, and what changed since an
earlier list: how a clean-stage change is read on texts with no gold (the FNC-1 train pool, PolNeAR).

    python scripts/line_removals.py --input /tmp/pool --input ../shared/data/polnear/dev/text \
        --input ../shared/data/polnear/train/text --out before.json
    (change pipeline/clean/lines.py)
    python scripts/line_removals.py --input ... --out after.json --before before.json

Without --before, the JSON holds `removals`: [file name, line, reason], in file order. With it, also
`new_removals` and `removals_gone` against the earlier list, which is what a change's reader reads.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.lines import classify_lines  # noqa: E402
from run_files import command_line  # noqa: E402


def removals(folders: list[Path]) -> list[list[str]]:
    """[file name, line text, reason] for every line classify_lines removes, folder by folder."""
    out = []
    for folder in folders:
        for f in sorted(folder.glob("*.txt")):
            try:
                text = f.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                print(f"{f}: not UTF-8 ({e}); skipped", file=sys.stderr)
                continue
            out.extend([f.name, line.text, rule.reason] for line, rule in classify_lines(text))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", action="append", required=True, help="a folder of .txt articles (repeatable)")
    p.add_argument("--out", required=True, help="where to write the JSON")
    p.add_argument("--before", help="an earlier --out of this script: list what is new and what is gone")
    args = p.parse_args(argv)
    folders = [Path(x) for x in args.input]
    for folder in folders:
        if not folder.is_dir():
            print(f"--input {folder}: no such folder", file=sys.stderr)
            return 2
    rows = removals(folders)
    out: dict = {"command": command_line(__file__, argv), "removals": rows}
    if args.before:
        before = {tuple(r) for r in json.loads(Path(args.before).read_text(encoding="utf-8"))["removals"]}
        after = {tuple(r) for r in rows}
        out["new_removals"] = [list(r) for r in sorted(after - before)]
        out["removals_gone"] = [list(r) for r in sorted(before - after)]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: len(v) for k, v in out.items() if isinstance(v, list)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
