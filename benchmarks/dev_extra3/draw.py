"""Draw (and rebuild) dev_extra3: one more FNC-1 body from 40 stories of the dev sets (session 39).

No text that suggests a speaking government is left outside the labelled sets with its story
unlabelled (``benchmarks/dev_extra2/draw.py`` took the last ones). Every FNC-1 train story of
resolver_blind, dev_extra and dev_extra2 still holds other bodies: other outlets' articles on the
same event. This draw runs dev_extra's with the articles of govbench, resolver_blind, dev_extra and
dev_extra2 left out, the stories (and NeuS events) of govbench left out, one body per story, 150-1,100
words, text alone suggesting a government speaks, and takes 40 in a seeded order (seed 3901).

39 of them are FNC-1 train bodies, the stance model's training text (1 is a dev body), and the unlabeled pool earlier
sessions read for what a rule changed held all of them: a dev set for the resolver, the summaries
and the clean stage, never unseen-data figures, and its stance scores say little.

    python benchmarks/dev_extra3/draw.py --out benchmarks/dev_extra3/manifest.jsonl
    python benchmarks/dev_extra3/draw.py --write runs/dev_extra3/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import random
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 3901
SIZE = 40
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2")


_DEV_EXTRA = ROOT / "benchmarks" / "dev_extra" / "draw.py"


def draw(data: Path) -> list[dict]:
    """One FNC-1 train body per story outside govbench's stories, `SIZE` of them in a seeded order."""
    rows = runpy.run_path(str(_DEV_EXTRA))["draw"](data, sets=LABELLED, seed=SEED, group_sets=("govbench",),
                                                   quota={("fnc1", "international"): None, ("fnc1", "us"): None})
    random.Random(SEED).shuffle(rows)
    return sorted(rows[:SIZE], key=lambda r: r["id"])


def main(argv=None) -> int:
    return runpy.run_path(str(_DEV_EXTRA))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
