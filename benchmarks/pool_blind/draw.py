"""Draw (and rebuild) pool_blind: texts drawn at random from the read pools, gold written blind, with a frozen test half.

Every earlier dev set was drawn where the text alone suggests a government speaks, and those texts are used up.
This one asks what the pipeline does on a folder of news as a user brings it: texts drawn at random, whether a
government speaks in them or not. Candidates are the read pools' texts (`scripts/read_pools.py`: FNC-1 train and
dev bodies, PolNeAR train and dev, NeuS val pieces; govbench test left out), 50-1,100 words. Left out: every
article of govbench and the dev-side sets, polnear_gov and the audits (dev_extra's `left_out`), the NeuS events and
FNC-1 stories of govbench and of every dev-side set (one text per event or story, here too), and the 80 texts of
session 46's blind census (their lists were compared with system output). Seed 4747; the first half of the seeded
order is `dev`, the second `test`. The test half is frozen (`test.sha256`): report only.

    python benchmarks/pool_blind/draw.py --out benchmarks/pool_blind/manifest.jsonl
    python benchmarks/pool_blind/draw.py --write runs/pool_blind/input     # <folder>/{dev,test}/<id>.txt
"""
from __future__ import annotations

import hashlib
import json
import random
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 4747
N = 200
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5",
            "dev_extra6", "dev_extra7", "dev_extra8", "dev_extra9", "dev_extra10", "dev_extra11")
CENSUS = ROOT / "benchmarks" / "results" / "blind_census_session46.json"
_DEV_EXTRA = ROOT / "benchmarks" / "dev_extra" / "draw.py"


def draw(data: Path, n: int = N, seed: int = SEED, labelled: tuple[str, ...] = LABELLED) -> list[dict]:
    """`n` texts at random, one per story or event, none held elsewhere (in the sets `labelled`, an audit or the
    census) nor in their stories; the first half dev, the rest test. pool_blind2's draw is this one with its own
    seed, size and sets."""
    de = runpy.run_path(str(_DEV_EXTRA))
    gd = de["_load"]("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    cands = de["candidates"](data, gd)
    group_of = {c["id"]: c.get("group", c["id"]) for c in cands}
    skip = de["left_out"](labelled) | {i["article"] for i in json.loads(CENSUS.read_text(encoding="utf-8"))["items"]}
    taken_groups = {group_of.get(i, i) for name in labelled for i in de["_ids"](f"benchmarks/{name}/manifest.jsonl", "id")}
    taken_groups |= {group_of.get(i, i) for i in skip}
    items = []
    for c in cands:
        words = len(c["text"].split())
        if c["id"] in skip or group_of[c["id"]] in taken_groups or not 50 <= words <= 1100:
            continue
        items.append({**c, "words": words})
    items.sort(key=lambda c: c["ref"])
    random.Random(seed).shuffle(items)
    return [{"id": c["id"], "source": c["source"], "ref": c["ref"], "words": c["words"],
             "split": "dev" if i < n // 2 else "test", "sha256": hashlib.sha256(c["text"].encode("utf-8")).hexdigest()}
            for i, c in enumerate(de["one_per_group"](items, set(), n))]


def main(argv=None) -> int:
    return runpy.run_path(str(_DEV_EXTRA))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
