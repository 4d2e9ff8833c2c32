#!/usr/bin/env python
"""How the plain-text reader's lead-paragraph test (pipeline.io.readers.is_lead_paragraph) reads first
lines whose nature is known: PolNeAR texts open with their headline, NeuS pieces carry theirs in a
TITLE field, FNC-1 bodies have none (their first line is the story's first paragraph). Articles of the
govbench test half are skipped (scan_rules.held_out), as in every scan that shapes a rule.

    python scripts/check_lead_lines.py [--data ../shared/data] --out benchmarks/results/lead_lines_X.json
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.datasets.neus import parse_part  # noqa: E402
from pipeline.io import readers  # noqa: E402
from pipeline.io.readers import is_lead_paragraph  # noqa: E402
from pipeline.io.writer import write_json_atomic  # noqa: E402
from scan_rules import held_out  # noqa: E402

MAX_TITLE_CHARS = 300  # a longer first line is body already (io.readers)


def first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def by_threshold(headlines: list[str], leads: list[str]) -> dict[str, dict[str, int]]:
    """The same counts for other word minimums of a full-sentence lead (the dateline test unchanged)."""
    out = {}
    for n in (12, 15, 18, 20, 22, 25):
        saved, readers.LEAD_MIN_WORDS = readers.LEAD_MIN_WORDS, n
        try:
            out[str(n)] = {"polnear_headlines_read_as_lead": sum(map(is_lead_paragraph, headlines)),
                           "fnc1_first_lines_read_as_lead": sum(map(is_lead_paragraph, leads))}
        finally:
            readers.LEAD_MIN_WORDS = saved
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    data = Path(args.data)
    test, neus_test_lines = held_out()
    headlines = [first_line(p.read_text(encoding="utf-8")) for split in ("train", "dev")
                 for p in sorted((data / "polnear" / split / "text").glob("*.txt"))
                 if f"polnear/{split}/text/{p.name}" not in test]
    csv.field_size_limit(10 ** 9)
    leads = []
    for name in ("train_bodies.csv", "dev_bodies.csv"):
        with open(data / "fnc1" / name, encoding="utf-8", newline="") as f:
            leads += [first_line(r["articleBody"]) for r in csv.DictReader(f)
                      if f"fnc1/{name}#{r['Body ID']}" not in test]
    leads = [x for x in leads if x and len(x) <= MAX_TITLE_CHARS]
    titles = []
    with open(data / "neus" / "val.source", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n not in neus_test_lines:
                titles += [t for t in (parse_part(part)[0] for part in line.split("[SEP]")) if t]
    wrong = [h for h in headlines if is_lead_paragraph(h)]
    out = {"command": " ".join(["python", "scripts/check_lead_lines.py"] + (argv or sys.argv[1:])),
           "skipped": "govbench test articles (scan_rules.held_out)",
           "polnear_headlines": len(headlines), "polnear_headlines_read_as_lead": len(wrong),
           "polnear_headlines_read_as_lead_examples": wrong[:10],
           "neus_titles": len(titles), "neus_titles_read_as_lead": sum(map(is_lead_paragraph, titles)),
           "fnc1_first_lines_up_to_300_chars": len(leads),
           "fnc1_first_lines_read_as_lead": sum(map(is_lead_paragraph, leads)),
           "by_sentence_words": by_threshold(headlines, leads)}
    write_json_atomic(Path(args.out), out)
    print({k: v for k, v in out.items() if not isinstance(v, list)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
