#!/usr/bin/env python
"""The summaries that differ between two runs of the same articles, per (article, government).

    python scripts/diff_summaries.py --before RUN_A --after RUN_B --out benchmarks/results/X.json
    python scripts/diff_summaries.py --statements --before RUN_A --after RUN_B --out ...

RUN_A and RUN_B are run folders (their `results.jsonl`), such as the two rows of a
`scripts/compare.py` comparison under `runs/compare-*/runs/`. The JSON lists every changed summary,
before and after, so that "N summaries change, all read" can be checked. With `--statements` it
lists the statements (speaker, government or none, text) that are in one run and not the other:
what an attribution or resolver change did.

govbench's frozen test half is read only to report: the articles of its manifest's test split are left
out of every list (their number is given), also when a pool of texts holds them (PolNeAR train and dev
hold 56). `--include-test` lists them.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_sets import frozen_test_rows  # noqa: E402


def test_ids() -> frozenset[str]:
    """The ids of the frozen test halves (dev_sets.FROZEN: govbench's and pool_blind's)."""
    return frozenset(r["id"] for r in frozen_test_rows())


def results(run: Path) -> list[dict]:
    """The article results of a run folder (its results.jsonl)."""
    path = run / "results.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path}: not found")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summaries(rows: list[dict]) -> dict[tuple[str, str], str]:
    out = {}
    for result in rows:
        for gov, entry in (result.get("governments") or {}).items():
            out[(result["id"], gov)] = entry.get("summary") or ""
    return out


def statements(rows: list[dict]) -> list[dict]:
    """Every statement of the results, under a government or under a non-government speaker."""
    out = []
    for result in rows:
        groups = [(gov, entry) for gov, entry in (result.get("governments") or {}).items()]
        groups += [(None, entry) for entry in result.get("non_government_speakers") or []]
        for gov, entry in groups:
            for st in entry.get("statements") or []:
                out.append({"article": result["id"], "government": gov, "speaker": st.get("speaker"),
                            "text": st.get("text")})
    return out


def statement_changes(before: list[dict], after: list[dict]) -> dict:
    a, b = statements(before), statements(after)
    key = lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False)  # noqa: E731
    ka, kb = {key(r) for r in a}, {key(r) for r in b}
    return {"statements_before": len(a), "statements_after": len(b),
            "articles_changed": len({r["article"] for r in a + b if (key(r) in ka) != (key(r) in kb)}),
            "removed": [r for r in a if key(r) not in kb], "added": [r for r in b if key(r) not in ka]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, type=Path)
    ap.add_argument("--after", required=True, type=Path)
    ap.add_argument("--out", required=True)
    ap.add_argument("--statements", action="store_true", help="list changed statements, not summaries")
    ap.add_argument("--include-test", action="store_true", help="also list the test halves' articles (read only to report)")
    args = ap.parse_args()
    held_out = frozenset() if args.include_test else test_ids()
    rows = [results(args.before), results(args.after)]  # each run read once
    ids = {r["id"] for run in rows for r in run}
    before, after = ([r for r in run if r["id"] not in held_out] for run in rows)
    command = {"command": " ".join(["python", "scripts/diff_summaries.py", *sys.argv[1:]]),
               "test_articles_left_out": len(ids & held_out)}
    if args.statements:
        out = {**command, **statement_changes(before, after)}
        Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps({k: v if isinstance(v, int) else len(v) for k, v in out.items() if k != "command"}))
        return
    a, b = summaries(before), summaries(after)
    keys = sorted(set(a) | set(b))
    changed = [{"article": k[0], "government": k[1], "before": a.get(k, ""), "after": b.get(k, "")}
               for k in keys if a.get(k, "") != b.get(k, "")]
    out = {**command, "governments": len(keys), "with_summary_before": sum(1 for k in keys if a.get(k)),
           "changed": len(changed), "changes": changed}
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "changes"}))


if __name__ == "__main__":
    main()
