#!/usr/bin/env python
"""Which lines a clean-stage line rule removes across the public corpora, never from govbench test.

    python scripts/scan_rules.py --reason "sign-off (name and place)" [--reason ...] [--out JSON]

A new boilerplate rule is checked for false removals by reading every line it takes out of texts it
was not written on: PolNeAR train and dev, FNC-1 train and dev bodies, NeuS val. Articles of the
govbench test half (and, for NeuS, every side of a test event) are skipped, so such a scan never
shows system output on a held-out item. (Session 22 learned this the hard way: two ad-hoc scans
printed test articles' lines and the rules they shaped were withdrawn.)
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.lines import classify_lines  # noqa: E402
from pipeline.datasets.govbench import read_manifest  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402


def held_out() -> tuple[set[str], set[int]]:
    """(refs of govbench test articles, NeuS val line numbers of test events)."""
    refs = {r["ref"] for r in read_manifest() if r["split"] == "test"}
    neus_lines = {int(r.split("#")[1].split(":")[0]) for r in refs if r.startswith("neus/")}
    return refs, neus_lines


def corpus_texts(data: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every public text outside govbench test."""
    refs, neus_lines = held_out()
    for split in ("train", "dev"):
        for p in sorted((data / "polnear" / split / "text").glob("*.txt")):
            ref = f"polnear/{split}/text/{p.name}"
            if ref not in refs:
                yield ref, p.read_text(encoding="utf-8")
    csv.field_size_limit(10 ** 9)
    for name in ("train_bodies.csv", "dev_bodies.csv"):
        path = data / "fnc1" / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                ref = f"fnc1/{name}#{row['Body ID']}"
                if ref not in refs:
                    yield ref, row["articleBody"]
    src = data / "neus" / "val.source"
    if src.is_file():
        for i, line in enumerate(src.read_text(encoding="utf-8").split("\n")):
            if line.strip() and i not in neus_lines:
                for k, part in enumerate(line.split("[SEP]")):
                    yield f"neus/val.source#{i}:{k}", part.strip()


def scan(data: Path, reasons: set[str]) -> list[dict]:
    hits = []
    for name, text in corpus_texts(data):
        for line, rule in classify_lines(text):
            if rule.reason in reasons:
                hits.append({"text": name, "reason": rule.reason, "line": line.text[:200]})
    return hits


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reason", action="append", required=True, help="a rule's recorded reason (repeatable)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    hits = scan(Path(args.data), set(args.reason))
    for h in hits:
        print(f"{h['reason']} | {h['text']} | {h['line']}")
    print(f"{len(hits)} line(s)", file=sys.stderr)
    if args.out:
        write_json_atomic(Path(args.out), {"command": " ".join(["python", "scripts/scan_rules.py"] + (argv or sys.argv[1:])),
                                           "reasons": sorted(args.reason), "lines": hits})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
