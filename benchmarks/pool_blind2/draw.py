"""Draw (and rebuild) pool_blind2: a second set of texts drawn at random from the read pools, gold written blind,
with a frozen test half (session 50). As pool_blind (session 47), and none of pool_blind's 200 texts nor their
FNC-1 stories or NeuS events.

Every earlier dev set was drawn where the text alone suggests a government speaks, and those texts are used up.
This one asks what the pipeline does on a folder of news as a user brings it: texts drawn at random, whether a
government speaks in them or not. Candidates are the read pools' texts (`scripts/read_pools.py`: FNC-1 train and
dev bodies, PolNeAR train and dev, NeuS val pieces; govbench test left out), 50-1,100 words. Left out: every
article of govbench and the dev-side sets, polnear_gov and the audits (dev_extra's `left_out`), the NeuS events and
FNC-1 stories of govbench and of every dev-side set (one text per event or story, here too), and the 80 texts of
session 46's blind census (their lists were compared with system output). Seed 5050; the first half of the seeded
order is `dev`, the second `test`. The test half is frozen (`test.sha256`): report only.

    python benchmarks/pool_blind2/draw.py --out benchmarks/pool_blind2/manifest.jsonl
    python benchmarks/pool_blind2/draw.py --write runs/pool_blind2/input     # <folder>/{dev,test}/<id>.txt
"""
from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 5050
N = 120
_POOL_BLIND = runpy.run_path(str(ROOT / "benchmarks" / "pool_blind" / "draw.py"))
LABELLED = (*_POOL_BLIND["LABELLED"], "pool_blind")  # every set pool_blind keeps clear of, and pool_blind itself


def draw(data: Path, n: int = N, seed: int = SEED) -> list[dict]:
    """pool_blind's draw with this set's seed and size, clear of pool_blind too."""
    return _POOL_BLIND["draw"](data, n, seed, LABELLED)


def main(argv=None) -> int:
    return runpy.run_path(str(ROOT / "benchmarks" / "dev_extra" / "draw.py"))["main"](
        argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
