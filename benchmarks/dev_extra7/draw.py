"""Draw (and rebuild) dev_extra7: 35 more dev texts of the govbench test half's kinds where a government speaks (session 41, second set).

dev_extra6 (session 41) drew 40 texts the way dev_extra5 did and was read first before any change chosen on
it. This set, drawn the same way from what is left (seed 7001), is read first only after session 41's
choices, as one more measure of the resolver on text none of its rules was chosen on: PolNeAR 20 and NeuS 15
(every NeuS event left), 150-1,100 words (NeuS 50-1,100), none in govbench, resolver_blind, dev_extra to
dev_extra6, polnear_gov or an audit, no NeuS event of those sets, one text per event. dev_extra5's draw does
the work.

Not blind: earlier sessions read rule diffs on PolNeAR train and dev texts and on NeuS val pieces (never
for what the resolver missed). A dev set: tune on it.

    python benchmarks/dev_extra7/draw.py --out benchmarks/dev_extra7/manifest.jsonl
    python benchmarks/dev_extra7/draw.py --write runs/dev_extra7/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 7001
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5", "dev_extra6")


_DEV_EXTRA5 = ROOT / "benchmarks" / "dev_extra5" / "draw.py"


def draw(data: Path) -> list[dict]:
    """dev_extra5's draw (PolNeAR 20 and NeuS 20 with its signal) over what the labelled sets leave, seed 7001."""
    return runpy.run_path(str(_DEV_EXTRA5))["draw"](data, labelled=LABELLED, seed=SEED)


def main(argv=None) -> int:
    dev_extra = ROOT / "benchmarks" / "dev_extra" / "draw.py"
    return runpy.run_path(str(dev_extra))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
