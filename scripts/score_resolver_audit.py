#!/usr/bin/env python
"""Score a run of the resolver-audit articles against benchmarks/resolver_audit/verdicts.jsonl.

    python scripts/score_resolver_audit.py --run runs/audit/out --out benchmarks/results/resolver_audit_X.json \
        [--errors runs/audit/errors.jsonl]

Statement level, matched by article and statement text: precision of the statements given a government,
recall of the statements whose judged government is not null, and the count of each error kind,
overall and per error class of the audit.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.io.writer import write_json_atomic  # noqa: E402
from run_files import command_line, read_jsonl, run_articles  # noqa: E402


def run_statements(run: Path) -> dict[tuple[str, str], tuple[str | None, dict]]:
    """(article, first 80 characters of the statement) -> (its government or None, the statement). By
    text, not offset: a change to the clean stage moves offsets, not statements."""
    out: dict[tuple[str, str], tuple[str | None, dict]] = {}
    for a in run_articles(run):
        for gov, v in (a.get("governments") or {}).items():
            for s in v.get("statements", []):
                out[(a["id"], s["text"][:80])] = (gov, s)
        for ng in a.get("non_government_speakers", []) or []:
            for s in ng.get("statements", []):
                out.setdefault((a["id"], s["text"][:80]), (None, s))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", required=True)
    ap.add_argument("--verdicts", default=str(ROOT / "benchmarks" / "resolver_audit" / "verdicts.jsonl"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--errors", help="also write one JSON line per wrong statement here (speaker, resolution)")
    args = ap.parse_args(argv)
    gold = read_jsonl(Path(args.verdicts))
    stmts = run_statements(Path(args.run))
    got = {k: gov for k, (gov, _) in stmts.items()}
    errors = []
    counts = collections.Counter()
    by_class: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    missing = 0
    for g in gold:
        key = (g["article"], g["statement"])
        if key not in got:  # not a statement of the run any more (a refusal, or cleaned away): no government
            missing += 1
        sys_gov, gold_gov = got.get(key), g["gold"]
        kind = ("right" if sys_gov == gold_gov else "invented" if gold_gov is None
                else "missed" if sys_gov is None else "wrong_government")
        if sys_gov is not None:
            counts["assigned"] += 1
            counts["assigned_right"] += sys_gov == gold_gov
        if gold_gov is not None:
            counts["gold_government"] += 1
            counts["gold_found_right"] += sys_gov == gold_gov
        counts[kind] += 1
        by_class[g.get("class", "(right at audit)")][kind] += 1
        if kind != "right":
            st = stmts.get(key, (None, {}))[1]
            errors.append({"article": g["article"], "statement": g["statement"], "error": kind,
                           "class": g.get("class", "(right at audit)"), "system": sys_gov, "gold": gold_gov,
                           "speaker": st.get("speaker"), "cue": st.get("cue"), "resolution": st.get("resolution")})
    out = {"command": command_line(__file__, argv),
           "statements": len(gold), "not_in_run": missing,
           "precision": round(counts["assigned_right"] / max(1, counts["assigned"]), 4),
           "recall": round(counts["gold_found_right"] / max(1, counts["gold_government"]), 4),
           **{k: counts[k] for k in ("assigned", "assigned_right", "gold_government", "invented", "missed",
                                     "wrong_government")},
           "by_audit_class": {c: dict(v) for c, v in sorted(by_class.items())}}
    write_json_atomic(Path(args.out), out)
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
    print(json.dumps({k: out[k] for k in ("precision", "recall", "assigned", "invented", "missed", "wrong_government",
                                          "not_in_run")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
