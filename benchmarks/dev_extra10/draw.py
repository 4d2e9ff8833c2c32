"""Draw (and rebuild) dev_extra10: the last PolNeAR dev texts where a government may speak (session 43).

Drawn as dev_extra8 and dev_extra9 were (PolNeAR alone; NeuS has no event left), from the PolNeAR texts with the
signal that the other sets leave: a sentence with one of govbench's government words and one of its speech words,
150-1,100 words, none in govbench, resolver_blind, dev_extra to dev_extra9, polnear_gov or an audit, in a seeded
order (seed 10001). Fewer than the quota of 36 are left, so the set takes them all. Drawn and annotated at the
start of session 43 and run through the pipeline only after that session's choices: its first read measures
them on text none of them was chosen on. dev_extra8's draw does the work.

Not blind: earlier sessions read rule diffs on PolNeAR train and dev texts (never for what the resolver
missed). A dev set after its first read: tune on it.

    python benchmarks/dev_extra10/draw.py --out benchmarks/dev_extra10/manifest.jsonl
    python benchmarks/dev_extra10/draw.py --write runs/dev_extra10/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 10001
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5",
            "dev_extra6", "dev_extra7", "dev_extra8", "dev_extra9")


def draw(data: Path) -> list[dict]:
    """dev_extra8's draw (PolNeAR, quota 36, with its signal) over what the labelled sets leave, seed 10001."""
    return runpy.run_path(str(ROOT / "benchmarks" / "dev_extra8" / "draw.py"))["draw"](data, labelled=LABELLED, seed=SEED)


def main(argv=None) -> int:
    dev_extra = ROOT / "benchmarks" / "dev_extra" / "draw.py"
    return runpy.run_path(str(dev_extra))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
