#!/usr/bin/env python
"""How far two careful readers agree on which governments speak: a second reader's blind lists scored against a
gold set exactly as the resolve bench scores the pipeline (found, missed, invented per 100 articles).

The issue's bars (governments missed at most 10%, invented at most 2 per 100 articles) mean little without the
human ceiling beside them. A second reader lists, from the text alone and without seeing the gold or any system
output, the governments that speak in each article ({"article", "governments": [{"government", "speaker",
"snippet"}]}, the census format of `pool_census.py`); this scores those lists against the gold's speaking
governments (stance not "none"). Names are made canonical with the gazetteer (configs/actors.yaml: "U.S." is the
United States). A frozen test half is scored in aggregate only (`--aggregate-only NAME`): its disagreements would
show its gold item by item.

    python scripts/reader_agreement.py --set govbench_test=benchmarks/govbench/references/test \
        --set pool_blind_dev=benchmarks/pool_blind/references/dev --listed second.jsonl \
        --aggregate-only govbench_test --out benchmarks/results/reader_agreement_X.json
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_files import command_line, read_jsonl  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.io.writer import write_text_atomic  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def canonical_names(actors: Path = ROOT / "configs" / "actors.yaml") -> dict[str, str]:
    """Lower-cased government names and their other names -> the government's canonical name."""
    govs = yaml.safe_load(actors.read_text(encoding="utf-8"))["governments"]
    names = {}
    for gov, entry in govs.items():
        for name in [gov, *(entry or {}).get("names", [])]:
            names[name.lower()] = gov
    return names


def speaking(ref: dict) -> set[str]:
    """The governments a gold reference has speaking (any stance but "none")."""
    return {g for g, v in ref.get("governments", {}).items() if v.get("stance") != "none"}


def score(gold: dict[str, set[str]], second: dict[str, set[str]]) -> dict[str, Any]:
    """The second reader scored against the gold, as the resolve bench scores the pipeline.

    >>> r = score({"a": {"Iraq", "United States"}, "b": set()}, {"a": {"Iraq"}, "b": {"Iran"}})
    >>> (r["found"], r["missed"], r["invented"], r["missed_share"], r["invented_per_100_articles"], r["f1"])
    (1, 1, 1, 50.0, 50.0, 50.0)
    """
    return rates([(gold[a], second.get(a, set())) for a in gold])


def rates(pairs: list[tuple[set[str], set[str]]]) -> dict[str, Any]:
    """`score` over (gold, other) pairs of governments, one pair per article (an article may repeat); the other
    list a second reader's, or a run's (`pool_census.py compare`)."""
    found = sum(len(g & s) for g, s in pairs)
    missed = sum(len(g - s) for g, s in pairs)
    invented = sum(len(s - g) for g, s in pairs)
    n_gold, n_second = found + missed, found + invented
    return {"articles": len(pairs), "gold_speaking": n_gold, "second_speaking": n_second, "found": found,
            "missed": missed, "invented": invented,
            "missed_share": round(100 * missed / n_gold, 1) if n_gold else None,
            "invented_per_100_articles": round(100 * invented / len(pairs), 1) if pairs else None,
            "f1": round(100 * 2 * found / (n_gold + n_second), 1) if n_gold + n_second else None}


def interval(gold: dict[str, set[str]], second: dict[str, set[str]], key: str, resamples: int = 2000,
             seed: int = 0) -> Optional[list[float]]:
    """A 95% percentile bootstrap interval of `key` over articles."""
    pairs, rng = [(gold[a], second.get(a, set())) for a in sorted(gold)], random.Random(seed)
    values = sorted(v for v in (rates([rng.choice(pairs) for _ in pairs])[key] for _ in range(resamples))
                    if v is not None)
    if not values:
        return None
    return [values[int(0.025 * len(values))], values[min(len(values) - 1, int(0.975 * len(values)))]]


def run_over_sets(argv: Optional[list[str]], doc: str, script: str, set_help: str,
                  read_listed: Callable[[list[dict]], dict[str, Any]],
                  score_set: Callable[[str, str, dict[str, Any]], dict[str, Any]]) -> int:
    """The command line a second reader is scored by, here and in `boilerplate_agreement.py`: `--set NAME=SPEC`
    (repeated), `--listed JSONL` (repeated), `--aggregate-only NAME`, `--out`. `read_listed` turns the readers'
    rows into what `score_set(name, spec, listed)` scores into a set's entry; an aggregate-only set's entry keeps no
    `disagreements` (they would show a frozen half's gold item by item)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--set", action="append", required=True, help=set_help)
    ap.add_argument("--listed", action="append", type=Path, required=True, help="a second reader's JSONL")
    ap.add_argument("--aggregate-only", action="append", default=[], help="a set scored without its items")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    listed = read_listed([row for path in args.listed for row in read_jsonl(path)])
    result: dict[str, Any] = {"command": command_line(script, argv), "sets": {}}
    for spec in args.set:
        name, _, value = spec.partition("=")
        entry = score_set(name, value, listed)
        if name in args.aggregate_only:
            entry.pop("disagreements", None)
        result["sets"][name] = entry
        print(name, {k: v for k, v in entry.items() if k != "disagreements"})
    write_text_atomic(args.out, json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


def _listed_governments(rows: list[dict]) -> dict[str, set[str]]:
    """Each article's listed governments, under their canonical names."""
    names = canonical_names()
    return {row["article"]: {names.get(g["government"].strip().lower(), g["government"].strip())
                             for g in row.get("governments", [])} for row in rows}


def _score_set(name: str, folder: str, listed: dict[str, set[str]]) -> dict[str, Any]:
    gold = {p.stem: speaking(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(Path(folder).glob("*.json"))}
    absent = sorted(set(gold) - set(listed))
    if absent:
        raise SystemExit(f"{name}: {len(absent)} article(s) have no second reading, e.g. {absent[0]}")
    second = {a: listed[a] for a in gold}
    return {**score(gold, second), "missed_share_95ci": interval(gold, second, "missed_share"),
            "invented_per_100_articles_95ci": interval(gold, second, "invented_per_100_articles"),
            "disagreements": [{"article": a, "gold_only": sorted(gold[a] - second[a]),
                               "second_only": sorted(second[a] - gold[a])} for a in sorted(gold) if gold[a] != second[a]]}


def main(argv: Optional[list[str]] = None) -> int:
    return run_over_sets(argv, __doc__, __file__, "NAME=<folder of gold references>", _listed_governments, _score_set)


if __name__ == "__main__":
    raise SystemExit(main())
