#!/usr/bin/env python
"""Which lines a clean-stage line rule removes across the public corpora, never from govbench test.

    python scripts/scan_rules.py --reason "sign-off (name and place)" [--reason ...] [--out JSON]
    python scripts/scan_rules.py --pattern REGEX [--max-words 60] [--out JSON]   # a rule not yet written

A new boilerplate rule is checked for false removals by reading every line it takes out of texts it
was not written on: PolNeAR train and dev, FNC-1 train and dev bodies, NeuS val. Articles of the
frozen test halves, govbench's and pool_blind's (and, for NeuS, every side of a test event), are skipped, so such a scan never
shows system output on a held-out item. (Session 22 learned this the hard way: two ad-hoc scans
printed test articles' lines and the rules they shaped were withdrawn.)
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.lines import classify_lines  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from dev_sets import frozen_test_rows  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402


def held_out() -> tuple[set[str], set[int]]:
    """(refs of the frozen test halves' articles, govbench's and pool_blind's (`dev_sets.FROZEN`), NeuS val line
    numbers of their events)."""
    refs = {r["ref"] for r in frozen_test_rows()}
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


def scan_pattern(data: Path, pattern: str, max_words: int) -> list[dict]:
    """Lines of at most `max_words` words that a candidate rule's pattern finds (case-insensitive), before
    the rule exists: what it would take out, and what today's rules do with each (`removed_by`: the
    reason of the rule that removes the line, or None where it is kept)."""
    rx = re.compile(pattern, re.IGNORECASE)
    hits = []
    for name, text in corpus_texts(data):
        lines = [ln.strip() for ln in text.splitlines() if len(ln.split()) <= max_words and rx.search(ln.strip())]
        if lines:
            removed = {ln.text: rule.reason for ln, rule in classify_lines(text)}
            hits += [{"text": name, "reason": "pattern", "line": ln[:200], "removed_by": removed.get(ln)} for ln in lines]
    return hits


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reason", action="append", default=[], help="a rule's recorded reason (repeatable)")
    ap.add_argument("--pattern", help="instead: a candidate rule's regex, searched in every line")
    ap.add_argument("--max-words", type=int, default=60, help="with --pattern: longer lines are left out")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    if bool(args.reason) == bool(args.pattern):
        ap.error("give --reason (one or more) or --pattern")
    hits = (scan_pattern(Path(args.data), args.pattern, args.max_words) if args.pattern
            else scan(Path(args.data), set(args.reason)))
    for h in hits:
        print(f"{h['reason']} | {h['text']} | {h['line']}" + (f" | removed now: {h['removed_by']}" if args.pattern else ""))
    print(f"{len(hits)} line(s)" + (f", {sum(h['removed_by'] is not None for h in hits)} removed by today's rules"
                                    if args.pattern else ""), file=sys.stderr)
    if args.out:
        write_json_atomic(Path(args.out), {"command": " ".join(["python", "scripts/scan_rules.py"] + (argv or sys.argv[1:])),
                                           "reasons": sorted(args.reason), "pattern": args.pattern, "lines": hits})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
