"""Speaker -> government resolution on govbench dev and every dev-side gold set, in one run and one JSON.

A resolver change is judged on all of them at once (the adoption rule in docs/history.md: no government newly
missed or invented, no gold snippet lost, statement precision not lower, on any set). This runs
`python -m pipeline.resolve.bench` on govbench dev and on each set of `dev_sets.py` whose articles are written
out, with the same config overrides, and pools the counts. Test is never read here.

    python scripts/bench_resolve_dev.py --out benchmarks/results/resolve_dev_sets.json
    python scripts/bench_resolve_dev.py --set resolve.coreference=false --out /tmp/no_coref.json
    python scripts/bench_resolve_dev.py --compare before.json after.json   # what moved, set by set
    python scripts/bench_resolve_dev.py --ablate resolve.coreference=false --ablate ... --out ablations.json

With --ablate, each override is measured alone against the config as it is, and the report gives, per
override, what moved on each set and the pooled counts. The dev sets were tuned on, so an ablation shows what a
part does on them, not what it is worth on unseen news.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from dev_sets import present  # noqa: E402
from first_reads import counts, pooled  # noqa: E402

SHOWN = ("governments_missed", "governments_invented", "gold_snippets_under_right_government", "gold_snippets",
         "statement_precision", "statement_recall")


def _one(name: str, bench_args: list[str], cache: Path) -> dict:
    from pipeline.resolve.bench import main as bench

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        with contextlib.redirect_stdout(io.StringIO()):
            rc = bench([*bench_args, "--cache", str(cache / name), "--out", str(out)])
        if rc != 0:
            raise SystemExit(f"{name}: python -m pipeline.resolve.bench {' '.join(bench_args)} failed ({rc})")
        data = json.loads(out.read_text(encoding="utf-8"))
    return {"articles": data["articles"], "metrics": data["metrics"], "errors_by_class": data["errors_by_class"],
            "unmatched_statements": data.get("unmatched_statements")}


def measure(overrides: list[str], cache: Path) -> dict:
    """Every set's metrics, then the pooled counts of the dev-side sets (govbench dev apart)."""
    sets_ = {"govbench_dev": _one("govbench_dev", ["--split", "dev", *overrides], cache)}
    for name, (arts, refs) in present().items():
        sets_[name] = _one(name, ["--articles", str(arts), "--references", str(refs), *overrides], cache)
    rows = [counts(v) for k, v in sets_.items() if k != "govbench_dev"]
    return {"sets": sets_, "pooled_dev_sets": pooled(rows) if rows else None}


def moved(before: dict, after: dict) -> list[str]:
    """One line per set whose figures moved, with the adoption rule's verdict on it."""
    lines = []
    for name in after["sets"]:
        if name not in before["sets"]:
            lines.append(f"{name}: not in the first measurement")
            continue
        a, b = before["sets"][name]["metrics"], after["sets"][name]["metrics"]
        if all(a[k] == b[k] for k in SHOWN):
            continue
        worse = (b["governments_missed"] > a["governments_missed"] or b["governments_invented"] > a["governments_invented"]
                 or b["gold_snippets_under_right_government"] < a["gold_snippets_under_right_government"]
                 or b["statement_precision"] < a["statement_precision"])
        change = ", ".join(f"{k} {a[k]} -> {b[k]}" for k in SHOWN if a[k] != b[k])
        lines.append(f"{name}: {change}{'  (WORSE)' if worse else ''}")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="write the JSON here")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key")
    ap.add_argument("--cache", default=str(ROOT / "runs" / "resolve-bench-dev-sets"),
                    help="upstream stage cache root, one folder per set")
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="two earlier outputs: what moved")
    ap.add_argument("--ablate", action="append", default=[], metavar="KEY=VALUE",
                    help="measure the config with this one override, against the config as it is (repeatable)")
    args = ap.parse_args(argv)
    if args.compare:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        print("\n".join(moved(before, after)) or "nothing moved")
        return 0
    if not args.out:
        ap.error("--out is required unless --compare is given")
    overrides = [x for kv in args.set for x in ("--set", kv)]
    report = {"command": "python scripts/bench_resolve_dev.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              **measure(overrides, Path(args.cache))}
    if args.ablate:
        report["ablations"] = {}
        for kv in args.ablate:
            other = measure(overrides + ["--set", kv], Path(args.cache))
            report["ablations"][kv] = {"moved": moved(report, other), "pooled_dev_sets": other["pooled_dev_sets"],
                                       "govbench_dev": other["sets"]["govbench_dev"]["metrics"]}
            print(f"{kv}: " + ("; ".join(report["ablations"][kv]["moved"]) or "nothing moved"))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for name, v in report["sets"].items():
        m = v["metrics"]
        print(f"{name}: missed {m['governments_missed']}, invented {m['governments_invented']}, snippets "
              f"{m['gold_snippets_under_right_government']} / {m['gold_snippets']}, P / R {m['statement_precision']}"
              f" / {m['statement_recall']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
