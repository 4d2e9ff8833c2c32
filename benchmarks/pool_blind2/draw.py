"""Draw (and rebuild) pool_blind2: a second set of texts drawn at random from the read pools, gold written blind,
with a frozen test half (session 50).

The draw is pool_blind's (`benchmarks/pool_blind/draw.py`: its candidates, word limits, one text per FNC-1 story or
NeuS event, and the sets, audits and census it keeps clear of), with pool_blind itself added to those sets, seed 5050
and 120 texts. The first half of the seeded order is `dev`, the second `test`. The test half is frozen
(`test.sha256`): report only.

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
