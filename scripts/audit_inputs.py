#!/usr/bin/env python
"""Rebuild runs/audit/input, the 140 articles of the three audits, from ../shared/data.

    python scripts/audit_inputs.py [--data ../shared/data] [--out runs/audit/input]
    python scripts/audit_inputs.py --fnc1-train-pool --out runs/fnc1_train_pool


The audits (benchmarks/resolver_audit, boilerplate_audit, stance_audit) name their articles by id:
``fnc1-train-<Body ID>`` is that FNC-1 train body as it stands in train_bodies.csv, and
``polnear-train-<stem>`` is the PolNeAR train text file whose name is that stem. The ids are read
from the verdicts, so the folder is the same on every machine, and each text is checked against the
audit's own first lines (the boilerplate verdicts hold the start of every line).

``--fnc1-train-pool`` writes every FNC-1 train body instead (1,683, the audits' 100 among them): the
unlabeled pool on which changed statements and summaries are read (``statement_diffs_*_fnc1_train_pool_*.json``).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERDICTS = ROOT / "benchmarks" / "boilerplate_audit" / "verdicts.jsonl"


def audit_ids(verdicts: Path = VERDICTS) -> list[str]:
    with open(verdicts, encoding="utf-8") as f:
        return sorted({json.loads(line)["article"] for line in f if line.strip()})


def source_texts(data: Path, ids: list[str]) -> dict[str, str]:
    """id -> article text; a missing source is an error that names the id."""
    out: dict[str, str] = {}
    fnc = {i.removeprefix("fnc1-train-") for i in ids if i.startswith("fnc1-train-")}
    if fnc:
        csv.field_size_limit(10 ** 9)
        with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["Body ID"] in fnc:
                    out[f"fnc1-train-{row['Body ID']}"] = row["articleBody"]
    for i in ids:
        if i.startswith("polnear-train-"):
            path = data / "polnear" / "train" / "text" / (i.removeprefix("polnear-train-") + ".txt")
            if path.is_file():
                out[i] = path.read_text(encoding="utf-8")
    missing = [i for i in ids if i not in out]
    if missing:
        raise SystemExit(f"audit_inputs: no source text for {len(missing)} id(s): {', '.join(missing[:5])}")
    return out


def fnc1_train_ids(data: Path) -> list[str]:
    """The id of every FNC-1 train body, in file order."""
    csv.field_size_limit(10 ** 9)
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as f:
        return [f"fnc1-train-{row['Body ID']}" for row in csv.DictReader(f)]


def check_lines(texts: dict[str, str], verdicts: Path = VERDICTS) -> int:
    """How many boilerplate-verdict lines are not found at the start of a line of their article."""
    bad = 0
    with open(verdicts, encoding="utf-8") as f:
        for line in f:
            v = json.loads(line)
            lines = [x.strip() for x in texts[v["article"]].splitlines() if x.strip()]
            bad += not any(x.startswith(v["text"].strip()) for x in lines)
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(ROOT / "runs" / "audit" / "input"))
    ap.add_argument("--fnc1-train-pool", action="store_true", help="every FNC-1 train body, not the audits' 140")
    args = ap.parse_args(argv)
    data = Path(args.data)
    texts = source_texts(data, fnc1_train_ids(data) if args.fnc1_train_pool else audit_ids())
    bad = 0 if args.fnc1_train_pool else check_lines(texts)
    if bad:
        raise SystemExit(f"audit_inputs: {bad} audited line(s) not found in the rebuilt texts")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for i, text in texts.items():
        (out / f"{i}.txt").write_text(text, encoding="utf-8")
    print(f"audit_inputs: {len(texts)} articles -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
