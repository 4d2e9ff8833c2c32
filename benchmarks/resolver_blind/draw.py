"""Draw (and rebuild) resolver_blind: FNC-1 train bodies for a blind check of the resolve stage.

Candidates are FNC-1 ``train_bodies.csv`` bodies of 150-900 words whose text alone suggests a
government speaks: a sentence with a government word, a speech word and a country name or demonym
(govbench's ``speaking_countries``), at least one of them not the United States (the govbench test
half misses most governments in international news). Left out: the 100 bodies of the resolver,
boilerplate and stance audits, and every body whose system output an earlier session read
(``READ_POOLS``, named by seed below). At most one body per story: a connected component of FNC-1's
headline-body graph. Drawn at random with a fixed seed; the gold is written from the text alone.

    python benchmarks/resolver_blind/draw.py --data ../shared/data --out benchmarks/resolver_blind/manifest.jsonl
    python benchmarks/resolver_blind/draw.py --data ../shared/data --write runs/resolver_blind/input
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 2501
N = 40
# FNC-1 train bodies whose resolve-stage output sessions 22-24 read while writing rules (the ad-hoc
# pools of scripts/diff_governments.py runs): drawn there with these seeds from the bodies with a
# speech verb and a government word. Their ids are listed in read_pools.txt, so the exclusion does
# not depend on re-making those draws.
READ_POOLS = HERE / "read_pools.txt"


def _govbench_draw():
    spec = importlib.util.spec_from_file_location("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def train_bodies(data: Path) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(body id -> text, related (headline, body id) pairs) of FNC-1's official training set (with the
    unrelated pairs every body would be one story)."""
    csv.field_size_limit(10 ** 9)
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with open(data / "fnc1" / "train_stances.csv", encoding="utf-8", newline="") as f:
        pairs = [(r["Headline"], r["Body ID"]) for r in csv.DictReader(f) if r["Stance"] != "unrelated"]
    return bodies, pairs


def excluded() -> set[str]:
    ids = {line.strip() for line in READ_POOLS.read_text(encoding="utf-8").splitlines() if line.strip()}
    for path, key in (("benchmarks/resolver_audit/verdicts.jsonl", "article"), ("benchmarks/stance_audit/gold.jsonl", "id")):
        for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)[key])
    return {i.removeprefix("fnc1-train-") for i in ids if i.startswith("fnc1-train-")}


def draw(data: Path) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from pipeline.stance.data import fnc_components

    gd = _govbench_draw()
    pats = gd.country_patterns()
    bodies, pairs = train_bodies(data)
    comp = fnc_components(pairs)
    skip = excluded()
    pool = []
    for bid in sorted(bodies, key=int):
        text = bodies[bid]
        words = len(text.split())
        if bid in skip or not 150 <= words <= 900:
            continue
        countries = gd.speaking_countries(text, pats)
        if countries - {"United States"}:
            pool.append((bid, words, sorted(countries)))
    rng = random.Random(SEED)
    rng.shuffle(pool)
    rows, stories = [], set()
    for bid, words, countries in pool:
        story = comp.get(bid, bid)
        if story in stories:
            continue
        stories.add(story)
        rows.append({"id": f"fnc1-train-{bid}", "ref": f"fnc1/train_bodies.csv#{bid}", "words": words,
                     "countries": countries, "sha256": hashlib.sha256(bodies[bid].encode("utf-8")).hexdigest()})
        if len(rows) == N:
            break
    return rows


def write_inputs(data: Path, manifest: Path, out: Path) -> int:
    bodies, _ = train_bodies(data)
    out.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
    for r in rows:
        text = bodies.get(r["ref"].split("#")[1])
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != r["sha256"]:
            raise SystemExit(f"{manifest}: {r['id']}: the source text under {data} is missing or differs (sha256)")
        (out / f"{r['id']}.txt").write_text(text, encoding="utf-8")
    return len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", help="write the manifest here")
    ap.add_argument("--write", help="write the drawn texts (<id>.txt) into this folder")
    ap.add_argument("--manifest", default=str(HERE / "manifest.jsonl"))
    args = ap.parse_args(argv)
    if args.out:
        rows = draw(Path(args.data))
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} bodies -> {args.out}", file=sys.stderr)
    if args.write:
        n = write_inputs(Path(args.data), Path(args.manifest), Path(args.write))
        print(f"{n} texts -> {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
