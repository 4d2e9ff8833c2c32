"""Draw (and rebuild) dev_extra: 34 more dev articles with govbench-format gold (not blind).

Almost every public text that suggests a speaking government and is in no benchmark has had its
resolve output read by some session while writing rules (the read pools of sessions 22-25), so no
blind set can be drawn any more (``census.py`` counts what is left).
Those pools were read for what a rule *changed*, never in full for what the resolver *missed*; gold
on them shows the misses. So this set is a dev set from the start: tune on it, never report it as
unseen-data figures.

Candidates are govbench's own (``benchmarks/govbench/draw.py``: PolNeAR train and dev, FNC-1 dev
bodies, NeuS validation pieces) plus FNC-1 train bodies, 150-1,100 words (NeuS 50-1,100), whose
text alone suggests a government speaks (``speaking_countries``). Left out: every govbench
article, the NeuS events and FNC-1 stories (connected components of the headline-body graph) of
govbench, resolver_blind and each other (one text per event or story), polnear_gov, and the
resolver, boilerplate and stance audits. Strata follow the govbench test half's sources, asking
for PolNeAR 20 (10 naming a country other than the United States as speaking, 10 the United States
only), NeuS 10 (5 and 5), FNC-1 10 (other than the United States); seed 2602. Fewer exist: the
draw holds 34 (PolNeAR 9 + 8, NeuS 5 + 2, FNC-1 10).

    python benchmarks/dev_extra/draw.py --out benchmarks/dev_extra/manifest.jsonl
    python benchmarks/dev_extra/draw.py --write runs/dev_extra/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 2602
QUOTA = {("polnear", "international"): 10, ("polnear", "us"): 10, ("neus", "international"): 5,
         ("neus", "us"): 5, ("fnc1", "international"): 10}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ids(path: str, key: str) -> set[str]:
    return {json.loads(x)[key] for x in (ROOT / path).read_text(encoding="utf-8").splitlines() if x.strip()}


def candidates(data: Path, gd) -> list[dict]:
    """govbench's candidates plus FNC-1 train bodies, each with its group (NeuS event, FNC-1 story)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.stance.data import fnc_components

    rb = _load("resolver_blind_draw", ROOT / "benchmarks" / "resolver_blind" / "draw.py")
    out = list(gd.candidates(data))
    bodies, pairs = rb.train_bodies(data)
    train_story = fnc_components(pairs)
    for bid, text in bodies.items():
        out.append({"source": "fnc1", "ref": f"fnc1/train_bodies.csv#{bid}", "id": f"fnc1-train-{bid}",
                    "group": f"fnc1-train-story-{train_story.get(bid, bid)}", "text": text})
    csv.field_size_limit(10 ** 9)
    with open(data / "fnc1" / "dev_stances.csv", encoding="utf-8", newline="") as f:
        dev_pairs = [(r["Headline"], r["Body ID"]) for r in csv.DictReader(f) if r["Stance"] != "unrelated"]
    dev_story = fnc_components(dev_pairs)
    for c in out:
        m = re.match(r"fnc1-body-(\d+)$", c["id"])
        if m:
            c["group"] = f"fnc1-dev-story-{dev_story.get(m.group(1), m.group(1))}"
    return out


def left_out(sets: tuple[str, ...]) -> set[str]:
    """The ids no dev draw may take: the articles of `sets` (benchmark folders with a manifest),
    polnear_gov's and the resolver, boilerplate and stance audits' (dev_extra4's draw shares it)."""
    skip: set[str] = set()
    for name in sets:
        skip |= _ids(f"benchmarks/{name}/manifest.jsonl", "id")
    skip |= {p.stem for p in (ROOT / "benchmarks" / "polnear_gov" / "references").glob("*.json")}
    for path, key in (("benchmarks/resolver_audit/verdicts.jsonl", "article"),
                      ("benchmarks/boilerplate_audit/verdicts.jsonl", "article"),
                      ("benchmarks/stance_audit/gold.jsonl", "id")):
        skip |= {re.sub(r"^polnear-(?:train|dev)-", "", i) for i in _ids(path, key)}
    return skip


def one_per_group(items: list[dict], groups: set[str], n: Optional[int] = None) -> list[dict]:
    """The first `n` of `items` (every one when None), in order, whose group (NeuS event, FNC-1 story; else the
    id) is not in `groups` and no earlier pick took; the picks' groups join `groups`.

    >>> taken = {"story-1"}
    >>> [c["id"] for c in one_per_group([{"id": "a", "group": "story-1"}, {"id": "b", "group": "story-2"},
    ...                                  {"id": "c", "group": "story-2"}, {"id": "d"}, {"id": "e"}], taken, 2)]
    ['b', 'd']
    >>> sorted(taken)
    ['d', 'story-1', 'story-2']
    """
    picked: list[dict] = []
    for c in items:
        if n is not None and len(picked) >= n:
            break
        g = c.get("group", c["id"])
        if g not in groups:
            groups.add(g)
            picked.append(c)
    return picked


def draw(data: Path, sets: tuple[str, ...] = ("govbench", "resolver_blind"), quota: Optional[dict] = None,
         seed: int = SEED, group_sets: Optional[tuple[str, ...]] = None) -> list[dict]:
    """The texts of `quota` (stratum -> how many; None: every one left) in a seeded order, leaving out
    the articles of `sets` (benchmark folders with a manifest), the NeuS events and FNC-1 stories of
    `group_sets` (default: `sets`), polnear_gov and the audits; one text per event or story.
    dev_extra2 draws with dev_extra among `sets` and no limit; dev_extra3 leaves out only govbench's
    stories."""
    quota = QUOTA if quota is None else quota
    gd = _load("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    pats = gd.country_patterns()
    cands = candidates(data, gd)
    group_of = {c["id"]: c.get("group", c["id"]) for c in cands}
    skip = left_out(sets)
    groups = {group_of.get(i, i) for name in (sets if group_sets is None else group_sets)
              for i in _ids(f"benchmarks/{name}/manifest.jsonl", "id")}
    pool: dict[tuple[str, str], list[dict]] = {k: [] for k in quota}
    for c in cands:
        words = len(c["text"].split())
        if c["id"] in skip or not (50 if c["source"] == "neus" else 150) <= words <= 1100:
            continue
        countries = gd.speaking_countries(c["text"], pats)
        if not countries:
            continue
        stratum = "international" if countries - {"United States"} else "us"
        if (c["source"], stratum) in pool:
            pool[(c["source"], stratum)].append({**c, "words": words, "countries": sorted(countries)})
    rng = random.Random(seed)
    rows = []
    for key, n in quota.items():
        items = sorted(pool[key], key=lambda c: c["ref"])
        rng.shuffle(items)
        for c in one_per_group(items, groups, n):
            rows.append({"id": c["id"], "source": c["source"], "ref": c["ref"], "stratum": key[1],
                         "words": c["words"], "countries": c["countries"], "split": "dev",
                         "sha256": hashlib.sha256(c["text"].encode("utf-8")).hexdigest()})
    return rows


def main(argv=None, draw_fn=None, manifest: Path = HERE / "manifest.jsonl", doc: str = __doc__) -> int:
    """The command line of this draw, and of dev_extra2's (its `draw_fn`, `manifest` and docstring)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", help="write the manifest here")
    ap.add_argument("--write", help="write the drawn texts into <this folder>/dev/<id>.txt")
    ap.add_argument("--manifest", default=str(manifest))
    args = ap.parse_args(argv)
    if args.out:
        rows = (draw_fn or draw)(Path(args.data))
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} texts -> {args.out}", file=sys.stderr)
    if args.write:
        sys.path.insert(0, str(ROOT))
        from pipeline.datasets.govbench import materialize

        counts = materialize(Path(args.data), Path(args.write), Path(args.manifest))
        print(f"{sum(counts.values())} texts -> {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
