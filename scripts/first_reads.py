"""The resolver on text no rule was chosen on: each dev gold set's first read, pooled, beside its figures now.

Every dev-side gold set after govbench was annotated before the pipeline ran on it, and its first read was
committed before any change was chosen on it (`benchmarks/results/<set>_first_read.json`). Pooled, those first
reads are one more estimate of how the resolver does on unseen news, besides the frozen govbench test half; the
same sets read now (`resolve_<set>_<now>.json`, or one `bench_resolve_dev.py` output) show how much of the later
gain on them is tuning.

    python scripts/first_reads.py --now session41 --out benchmarks/results/first_reads_session41.json
    python scripts/first_reads.py --now benchmarks/results/resolve_dev_sets_session42.json --out ...
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from dev_sets import DEV_SETS  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SETS = tuple(DEV_SETS)
COUNTS = ("governments_found", "governments_missed", "governments_invented", "gold_snippets",
          "gold_snippets_under_right_government")


def counts(data: dict) -> dict:
    """The counts `pooled` sums, from a resolve bench output (its `metrics` and `articles`)."""
    return {**{k: data["metrics"][k] for k in COUNTS}, "articles": data["articles"]}


def _metrics(path: Path) -> dict | None:
    return counts(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


def pooled(rows: list[dict]) -> dict:
    """Summed counts and the rates the issue's bars are stated in.

    >>> pooled([{"articles": 50, "governments_found": 9, "governments_missed": 1, "governments_invented": 2,
    ...          "gold_snippets": 20, "gold_snippets_under_right_government": 14}])["invented_per_100_articles"]
    4.0
    """
    total = {k: sum(r[k] for r in rows) for k in ("articles",) + COUNTS}
    speaking = total["governments_found"] + total["governments_missed"]
    total["missed_share"] = round(100 * total["governments_missed"] / speaking, 1) if speaking else None
    total["invented_per_100_articles"] = round(100 * total["governments_invented"] / total["articles"], 1) \
        if total["articles"] else None
    total["snippets_under_right_government_share"] = round(
        100 * total["gold_snippets_under_right_government"] / total["gold_snippets"], 1) if total["gold_snippets"] else None
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--now", required=True, help="suffix of the current reads (resolve_<set>_<now>.json), or a "
                                                  "bench_resolve_dev.py output (.json) holding every set's")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    current = json.loads(Path(args.now).read_text(encoding="utf-8"))["sets"] if args.now.endswith(".json") else None
    first, now, sets = [], [], {}
    for name in SETS:
        f = _metrics(RESULTS / f"{name}_first_read.json")
        if f is None:
            print(f"{name}: no first read committed, left out", file=sys.stderr)
            continue
        if current is not None:
            n = counts(current[name]) if name in current else None
        else:
            n = _metrics(RESULTS / f"resolve_{name}_{args.now}.json")
        sets[name] = {"first_read": f, "now": n}
        first.append(f)
        if n is not None:
            now.append(n)
    report = {"command": "python scripts/first_reads.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "sets": sets, "pooled_first_reads": pooled(first),
              "pooled_now": pooled(now) if len(now) == len(first) else None}
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    p = report["pooled_first_reads"]
    print(f"first reads over {len(first)} sets, {p['articles']} articles: missed {p['missed_share']}%, invented "
          f"{p['invented_per_100_articles']} per 100 articles, snippets {p['snippets_under_right_government_share']}%")
    if report["pooled_now"]:
        q = report["pooled_now"]
        print(f"the same sets now: missed {q['missed_share']}%, invented {q['invented_per_100_articles']} per 100, "
              f"snippets {q['snippets_under_right_government_share']}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
