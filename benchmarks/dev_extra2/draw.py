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

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 3501
STRATA = (("polnear", "international"), ("polnear", "us"), ("neus", "international"), ("neus", "us"),
          ("fnc1", "international"), ("fnc1", "us"))


_DEV_EXTRA = ROOT / "benchmarks" / "dev_extra" / "draw.py"


def draw(data: Path) -> list[dict]:
    """dev_extra's draw with dev_extra left out too and every text left taken."""
    return runpy.run_path(str(_DEV_EXTRA))["draw"](data, sets=("govbench", "resolver_blind", "dev_extra"),
                                                   quota=dict.fromkeys(STRATA), seed=SEED)


def main(argv=None) -> int:
    return runpy.run_path(str(_DEV_EXTRA))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
