"""Draw (and rebuild) dev_extra11: the FNC-1 train bodies where a government may speak that no set holds (session 44).

PolNeAR and NeuS have no text with the signal left (dev_extra10 and dev_extra7 took the last). FNC-1's train
stories still hold other outlets' bodies on the same events. This is dev_extra3's draw with every labelled set
left out: dev_extra's draw with the articles of govbench, resolver_blind and dev_extra to dev_extra10 left out,
govbench's stories (and NeuS events) left out, one body per story, 150-1,100 words, text alone suggesting a
government speaks, every one left taken (33), in a seeded order (seed 11001). No FNC-1 dev body qualifies: the
dev bodies with the signal that no set holds all sit in govbench's stories.

The bodies are FNC-1 train text, the stance model's training text, so stance scores here say little. Drawn and
annotated at the start of session 44 and run through the pipeline only after that session's choices: its first
read measures them on text none of them was chosen on. Not blind: the unlabeled FNC-1 pool earlier sessions
read for what a rule *changed* holds them all.

    python benchmarks/dev_extra11/draw.py --out benchmarks/dev_extra11/manifest.jsonl
    python benchmarks/dev_extra11/draw.py --write runs/dev_extra11/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 11001
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5",
            "dev_extra6", "dev_extra7", "dev_extra8", "dev_extra9", "dev_extra10")
_DEV_EXTRA = ROOT / "benchmarks" / "dev_extra" / "draw.py"


def draw(data: Path) -> list[dict]:
    """Every FNC-1 body left, one per story outside govbench's stories, in a seeded order."""
    return runpy.run_path(str(_DEV_EXTRA))["draw"](data, sets=LABELLED, seed=SEED, group_sets=("govbench",),
                                                   quota={("fnc1", "international"): None, ("fnc1", "us"): None})


def main(argv=None) -> int:
    return runpy.run_path(str(_DEV_EXTRA))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
