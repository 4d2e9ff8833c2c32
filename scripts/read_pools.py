#!/usr/bin/env python
"""Write the unlabeled read pools: the public texts a resolve, attribute or clean change is read on.

A change's rule (docs/history.md) asks for every statement or line it moves on text it was not chosen on to be
read: the FNC-1 train bodies, the FNC-1 dev bodies, PolNeAR train and dev, the NeuS val pieces. Earlier sessions
built these folders by hand in /tmp; this writes them the same way every time, one `<id>.txt` per text under
`<out>/<pool>/`, with every article of a frozen test half (govbench's, pool_blind's) left out, so that no diff of
two runs over them can show system output on a held-out item.

    python scripts/read_pools.py --out runs/pools
    python scripts/run.py --config configs/default.yaml --input runs/pools/fnc1_train \\
        --output runs/pool-before --set stages=clean,segment,attribute,resolve
    (change the code, run again to runs/pool-after)
    python scripts/diff_summaries.py --statements --before runs/pool-before --after runs/pool-after --out X.json
    python scripts/line_removals.py --input runs/pools/fnc1_train --input runs/pools/fnc1_dev \\
        --input runs/pools/polnear --input runs/pools/neus --out before.json      # for a clean change

The ids are the pipeline's own (dev_extra's draw: `fnc1-train-<body>`, `fnc1-body-<body>`, PolNeAR's file stem,
`neus-<line>-<part>`), so a pool's article and a dev set's article of the same text share an id.
"""
from __future__ import annotations

import argparse
import json
import runpy
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from dev_sets import frozen_test_rows  # noqa: E402  (no pool holds a frozen test half)

POOLS = ("fnc1_train", "fnc1_dev", "polnear", "neus")


def pool_of(candidate: dict) -> str:
    """Which pool a candidate text belongs to, by its source and id."""
    if candidate["source"] == "fnc1":
        return "fnc1_train" if candidate["id"].startswith("fnc1-train-") else "fnc1_dev"
    if candidate["source"] in ("polnear", "neus"):
        return candidate["source"]
    raise ValueError(f"{candidate['id']}: unknown source {candidate['source']!r}")


def pooled(candidates: Iterable[dict], held_out_ids: set[str], held_out_refs: set[str]) -> Iterator[tuple[str, dict]]:
    """(pool, candidate) for every candidate outside the held-out ids and refs (the frozen test halves).

    >>> rows = [{"source": "polnear", "id": "a", "ref": "polnear/train/text/a.txt", "text": "x"},
    ...         {"source": "fnc1", "id": "fnc1-train-7", "ref": "fnc1/train_bodies.csv#7", "text": "y"},
    ...         {"source": "fnc1", "id": "fnc1-body-9", "ref": "fnc1/dev_bodies.csv#9", "text": "z"}]
    >>> [(p, c["id"]) for p, c in pooled(rows, {"fnc1-body-9"}, set())]
    [('polnear', 'a'), ('fnc1_train', 'fnc1-train-7')]
    """
    for c in candidates:
        if c["id"] in held_out_ids or c["ref"] in held_out_refs:
            continue
        yield pool_of(c), c


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", required=True, help="folder to write <pool>/<id>.txt under")
    args = ap.parse_args(argv)
    data, out = Path(args.data), Path(args.out)
    test = frozen_test_rows()
    dev_extra = runpy.run_path(str(ROOT / "benchmarks" / "dev_extra" / "draw.py"))  # its candidates, as its draws read them
    candidates = dev_extra["candidates"](data, dev_extra["_load"]("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py"))
    counts: Counter = Counter()
    for pool in POOLS:
        (out / pool).mkdir(parents=True, exist_ok=True)
    for pool, c in pooled(candidates, {r["id"] for r in test}, {r["ref"] for r in test}):
        path = out / pool / f"{c['id']}.txt"
        if not path.resolve().is_relative_to(out.resolve()):
            raise SystemExit(f"{c['id']}: id would write outside {out}")
        path.write_text(c["text"], encoding="utf-8")
        counts[pool] += 1
    print(json.dumps({"out": str(out), "test_halves_left_out": len(test), **{p: counts[p] for p in POOLS}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
