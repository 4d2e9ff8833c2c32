"""Draw (and rebuild) dev_extra2: the texts that suggest a speaking government and are left (session 35).

dev_extra's draw (``benchmarks/dev_extra/draw.py``) with that set's own articles and stories also
left out: govbench's candidates plus FNC-1 train bodies, 150-1,100 words (NeuS 50-1,100), whose
text alone suggests a government speaks, none in govbench, resolver_blind, dev_extra, polnear_gov
or an audit, one text per NeuS event and FNC-1 story, and no event or story of those sets. Every
such text is taken (``census``: PolNeAR 4, NeuS 7, FNC-1 train 24), in a seeded order (seed 3501).

The unlabeled pools earlier sessions read for what a rule changed hold most of these texts, so
this is a dev set, like dev_extra: its first read (before any change was chosen on it) says how
the resolver does on text it was not tuned on, and after that it is tuned on.

    python benchmarks/dev_extra2/draw.py --out benchmarks/dev_extra2/manifest.jsonl
    python benchmarks/dev_extra2/draw.py --write runs/dev_extra2/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 3501
STRATA = (("polnear", "international"), ("polnear", "us"), ("neus", "international"), ("neus", "us"),
          ("fnc1", "international"), ("fnc1", "us"))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def draw(data: Path) -> list[dict]:
    dx = _load("dev_extra_draw", ROOT / "benchmarks" / "dev_extra" / "draw.py")
    gd = dx._load("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    pats = gd.country_patterns()
    cands = dx.candidates(data, gd)
    group_of = {c["id"]: c.get("group", c["id"]) for c in cands}
    taken = set()
    for manifest in ("govbench", "resolver_blind", "dev_extra"):
        taken |= dx._ids(f"benchmarks/{manifest}/manifest.jsonl", "id")
    skip = set(taken) | {p.stem for p in (ROOT / "benchmarks" / "polnear_gov" / "references").glob("*.json")}
    for path, key in (("benchmarks/resolver_audit/verdicts.jsonl", "article"),
                      ("benchmarks/boilerplate_audit/verdicts.jsonl", "article"),
                      ("benchmarks/stance_audit/gold.jsonl", "id")):
        skip |= {re.sub(r"^polnear-(?:train|dev)-", "", i) for i in dx._ids(path, key)}
    groups = {group_of.get(i, i) for i in taken}
    pool: dict[tuple[str, str], list[dict]] = {k: [] for k in STRATA}
    for c in cands:
        words = len(c["text"].split())
        if c["id"] in skip or not (50 if c["source"] == "neus" else 150) <= words <= 1100:
            continue
        countries = gd.speaking_countries(c["text"], pats)
        if not countries:
            continue
        stratum = "international" if countries - {"United States"} else "us"
        pool[(c["source"], stratum)].append({**c, "words": words, "countries": sorted(countries)})
    rng = random.Random(SEED)
    rows = []
    for key in STRATA:
        items = sorted(pool[key], key=lambda c: c["ref"])
        rng.shuffle(items)
        for c in items:
            g = c.get("group", c["id"])
            if g in groups:
                continue
            groups.add(g)
            rows.append({"id": c["id"], "source": c["source"], "ref": c["ref"], "stratum": key[1],
                         "words": c["words"], "countries": c["countries"], "split": "dev",
                         "sha256": hashlib.sha256(c["text"].encode("utf-8")).hexdigest()})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", help="write the manifest here")
    ap.add_argument("--write", help="write the drawn texts into <this folder>/dev/<id>.txt")
    ap.add_argument("--manifest", default=str(HERE / "manifest.jsonl"))
    args = ap.parse_args(argv)
    if args.out:
        rows = draw(Path(args.data))
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
