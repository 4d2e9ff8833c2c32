#!/usr/bin/env python
"""Which first lines the runner would take off the title (pipeline/clean/title.py), on texts with real
titles (PolNeAR) and without (FNC-1 bodies, NeuS pieces), and which first lines match the line rules
that title.py deliberately does not check there (teasers, section labels, ...), listed for reading.

    python scripts/check_title_lines.py --out benchmarks/results/title_lines_check.json
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.lines import classify_lines  # noqa: E402
from pipeline.clean.title import MAX_TITLE_CHARS, boilerplate_title  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line  # noqa: E402


def first_lines(data: Path):
    """(source, first non-empty line) of every text, when it is short enough to be read as a title."""
    def first(text: str) -> str:
        return next((ln.strip() for ln in text.split("\n") if ln.strip()), "")

    for p in sorted((data / "polnear").glob("*/text/*.txt")):
        yield "polnear", first(p.read_text(encoding="utf-8"))
    csv.field_size_limit(10 ** 9)
    for name in ("train_bodies.csv", "dev_bodies.csv"):
        with open(data / "fnc1" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield "fnc1", first(row["articleBody"])
    with open(data / "neus" / "val.source", encoding="utf-8") as f:
        for line in f:
            for part in line.split("[SEP]"):
                yield "neus", first(part.strip())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    dropped: dict[str, list] = collections.defaultdict(list)
    not_checked: dict[str, list] = collections.defaultdict(list)
    for source, line in first_lines(Path(args.data)):
        if not line or len(line) > MAX_TITLE_CHARS:
            continue
        counts[source]["titles"] += 1
        reason = boilerplate_title(line)
        if reason:
            counts[source]["dropped"] += 1
            dropped[source].append({"line": line[:160], "reason": reason})
            continue
        other = classify_lines(line)
        if other:
            counts[source]["matched_by_rules_not_checked"] += 1
            not_checked[source].append({"line": line[:160], "reason": other[0][1].reason})
    out = {"command": command_line(__file__, argv), "counts": {k: dict(v) for k, v in counts.items()},
           "dropped": dropped, "matched_by_rules_not_checked": not_checked}
    write_json_atomic(Path(args.out), out)
    print(json.dumps(out["counts"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
