#!/usr/bin/env python
"""An error census on unlabeled text: draw (article, government) pairs from finished runs over the read pools,
by the kind of evidence behind them, for a reader to judge from the article; then estimate from the judgments
how many listed governments do not speak. Or blind: draw texts that no gold set holds, for a reader to list their
speaking governments from the text alone, and compare the lists with a run.

    python scripts/pool_census.py draw --run runs/pool_fnc1 --run runs/pool_polnear --per-stratum 64 \
        --seed 46 --out census/to_judge.jsonl
    python scripts/pool_census.py score --run runs/pool_fnc1 --run runs/pool_polnear \
        --judged census/judged.jsonl --out benchmarks/results/pool_census_X.json
    python scripts/pool_census.py texts --pool runs/pools/fnc1_train --pool runs/pools/polnear --n 80 --seed 4646 \
        --out census/to_list.jsonl
    python scripts/pool_census.py compare --run runs/pool_fnc1 --run runs/pool_polnear --listed census/listed.jsonl \
        --out benchmarks/results/blind_census_X.json

A pair's evidence is `direct` when at least one of its statements was decided from the speaker phrase itself (a
person, an institution, a country's name, demonym or capital), `indirect` when every statement came through
coreference, the article's country or a relaying outlet. The judgments read system output, so the estimate is a
census for finding error classes, not gold; `score` weights each stratum by its size in the runs. A judged line is
{"article", "government", "evidence", "government_speaks": "yes" | "no", ...} (the draw's line plus the verdict),
in a JSONL file or under "pairs" in a JSON file (benchmarks/results/pool_government_sample_session46.json). A
listed line is {"article", "governments": [{"government", "speaker", "snippet"}, ...]}; `texts` leaves out every
article of govbench, of the dev-side sets and of the two audits.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.io.writer import write_text_atomic  # noqa: E402
from run_files import command_line, read_jsonl, run_articles  # noqa: E402

DIRECT = ("person", "institution", "demonym", "name", "capital")
ROOT = Path(__file__).resolve().parents[1]


def evidence(resolution: str) -> str:
    """'direct' when the reason decided the speaker phrase itself ("person 'Putin'", "demonym 'Iraqi' + office
    'official'"), else 'indirect' ("coreference 'he' -> ...", "'the ministry', reported by 'Reuters': ...", "role
    'spokesman' in an article about Iraq ...", "no source: continues 'Clinton' in the same paragraph: ...")."""
    reason = resolution or ""
    if reason.startswith(("coreference", "no source")) or ", reported by " in reason or ", quoted by " in reason:
        return "indirect"  # "no source: continues 'X' in the same paragraph: ..." is a continuation, as coreference is
    last = reason.split(": ")[-1]
    return "direct" if last.startswith(DIRECT) else "indirect"


def read_runs(runs: list[Path]) -> tuple[int, list[dict[str, Any]]]:
    """(how many articles the runs hold, every (article, government) they list with its statements and its
    evidence, in a stable order), reading each article once."""
    out, articles = [], 0
    for run in runs:
        for art in run_articles(run):
            articles += 1
            for gov, res in sorted(art.get("governments", {}).items()):
                sts = res.get("statements", [])
                kinds = {evidence(s.get("resolution", "")) for s in sts}
                out.append({"run": str(run), "article": art["id"], "government": gov,
                            "evidence": "direct" if "direct" in kinds else "indirect",
                            "statements": [{k: s.get(k) for k in ("speaker", "speaker_mention", "cue", "text", "resolution")}
                                           for s in sts]})
    return articles, out


def draw(all_pairs: list[dict[str, Any]], per_stratum: int, seed: int) -> list[dict[str, Any]]:
    """`per_stratum` pairs of each evidence kind (all of a smaller stratum), shuffled together."""
    rng = random.Random(seed)
    picked = []
    for kind in ("direct", "indirect"):
        stratum = [p for p in all_pairs if p["evidence"] == kind]
        picked += rng.sample(stratum, min(per_stratum, len(stratum)))
    rng.shuffle(picked)
    return picked


def estimate(strata: dict[str, int], judged: list[dict[str, Any]], resamples: int = 2000,
             seed: int = 0) -> dict[str, Any]:
    """Governments that do not speak, per stratum and weighted to the runs' stratum sizes, with a bootstrap 95%
    interval over the judged pairs of each stratum.

    >>> est = estimate({"direct": 100, "indirect": 10},
    ...                [{"evidence": "direct", "government_speaks": "yes"}] * 9
    ...                + [{"evidence": "direct", "government_speaks": "no"}]
    ...                + [{"evidence": "indirect", "government_speaks": "no"}] * 2)
    >>> est["not_speaking_estimate"], est["by_stratum"]["indirect"]["not_speaking"]
    (20.0, 2)
    """
    by: dict[str, list[int]] = {k: [] for k in strata}
    for j in judged:
        if j.get("government_speaks") in ("yes", "no") and j.get("evidence") in by:
            by[j["evidence"]].append(1 if j["government_speaks"] == "no" else 0)
    rng = random.Random(seed)

    def total(samples: dict[str, list[int]]) -> float:
        return sum(strata[k] * sum(v) / len(v) for k, v in samples.items() if v)

    boot = sorted(total({k: [rng.choice(v) for _ in v] for k, v in by.items()}) for _ in range(resamples))
    return {"by_stratum": {k: {"pairs_in_runs": strata[k], "judged": len(v), "not_speaking": sum(v)}
                           for k, v in by.items()},
            "not_speaking_estimate": round(total(by), 1),
            "ci95": [round(boot[int(0.025 * resamples)], 1), round(boot[int(0.975 * resamples) - 1], 1)]}


def judged(path: Path) -> list[dict[str, Any]]:
    """The judged pairs: a JSONL file, or a JSON object whose "pairs" holds them (as the committed samples do)."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["pairs"]
    return read_jsonl(path)


def gold_ids(root: Path = ROOT) -> set[str]:
    """Every article some gold set or audit holds: govbench's and pool_blind's manifests, the dev-side sets'
    references, the audits' verdicts."""
    from dev_sets import DEV_SETS, frozen_manifests

    ids = {j["id"] for m in frozen_manifests(root) for j in read_jsonl(m)}
    for _, refs in DEV_SETS.values():
        ids |= {p.stem for p in (root / refs).glob("*.json")}
    for audit in ("resolver_audit", "boilerplate_audit"):
        ids |= {j.get("article") or j.get("id") for j in read_jsonl(root / "benchmarks" / audit / "verdicts.jsonl")}
    return ids


def texts(pools: list[Path], n: int, seed: int, held: set[str]) -> list[dict[str, str]]:
    """`n` texts drawn at random from the pool folders (in folder, then file-name order), none of `held`."""
    candidates = [f for pool in pools for f in sorted(pool.glob("*.txt")) if f.stem not in held]
    return [{"article": f.stem, "text_file": str(f)} for f in random.Random(seed).sample(candidates, min(n, len(candidates)))]


def compare(runs: list[Path], listed: list[dict[str, Any]]) -> dict[str, Any]:
    """The listed governments of each text against those a run gives it: found, missed, invented.

    >>> compare([], [])["governments"]
    0
    """
    from reader_agreement import rates

    given = {art["id"]: set(art.get("governments", {})) for run in runs for art in run_articles(run)}
    pairs = [({g["government"] for g in row.get("governments", [])}, given.get(row["article"], set())) for row in listed]
    r = rates(pairs)
    items = [{"article": row["article"], "listed": sorted(gold), "system": sorted(system),
              "missed": sorted(gold - system), "invented": sorted(system - gold)}
             for row, (gold, system) in zip(listed, pairs)]
    return {"articles": r["articles"], "governments": r["gold_speaking"],
            **{k: r[k] for k in ("found", "missed", "invented", "missed_share", "invented_per_100_articles")},
            "items": items}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["draw", "score", "texts", "compare"])
    ap.add_argument("--run", action="append", type=Path, default=[], help="a finished run folder (repeatable)")
    ap.add_argument("--pool", action="append", type=Path, default=[], help="texts: a folder of pool texts (repeatable)")
    ap.add_argument("--n", type=int, default=80, help="texts: how many")
    ap.add_argument("--listed", type=Path, help="compare: the JSONL of governments listed from the text alone")
    ap.add_argument("--per-stratum", type=int, default=64)
    ap.add_argument("--seed", type=int, default=46)
    ap.add_argument("--judged", type=Path, help="score: the judged JSONL")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.action == "texts":
        drawn = texts(args.pool, args.n, args.seed, gold_ids())
        write_text_atomic(args.out, "".join(json.dumps(d) + "\n" for d in drawn))
        print(f"{len(drawn)} texts -> {args.out}")
        return 0
    if not args.run:
        ap.error(f"{args.action} needs --run")
    if args.action == "compare":
        if args.listed is None:
            ap.error("compare needs --listed")
        result = {"command": command_line(__file__, argv), **compare(args.run, read_jsonl(args.listed))}
        write_text_atomic(args.out, json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        print(json.dumps({k: v for k, v in result.items() if k not in ("command", "items")}))
        return 0
    articles, all_pairs = read_runs(args.run)
    if args.action == "draw":
        picked = draw(all_pairs, args.per_stratum, args.seed)
        write_text_atomic(args.out, "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in picked))
        print(f"{len(picked)} pairs of {len(all_pairs)} -> {args.out}")
        return 0
    if args.judged is None:
        ap.error("score needs --judged")
    strata = dict(Counter(p["evidence"] for p in all_pairs))
    result = {"command": command_line(__file__, argv), "articles": articles, "pairs": len(all_pairs),
              **estimate(strata, judged(args.judged))}
    result["not_speaking_per_100_articles"] = round(100 * result["not_speaking_estimate"] / max(articles, 1), 1)
    write_text_atomic(args.out, json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "command"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
