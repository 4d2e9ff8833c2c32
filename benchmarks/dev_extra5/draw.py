"""Draw (and rebuild) dev_extra5: 40 more dev texts of the govbench test half's kinds where a government speaks (session 40).

dev_extra4 drew PolNeAR and NeuS texts with or without a speaking-government signal, for the invented
count; most of them have no government speaking. govbench test still misses 14 of 78 speaking
governments and puts a third of its snippets elsewhere, mostly in PolNeAR's US political news and NeuS
leads, so this set takes those two sources with a wider signal than the earlier sets' named foreign
country (whose supply of unused PolNeAR texts is spent): a sentence with a government word and a speech
word, the United States included. PolNeAR 20 and NeuS 20, 150-1,100 words (NeuS
50-1,100), none in govbench, resolver_blind, dev_extra to dev_extra4, polnear_gov or an audit, no NeuS
event of those sets, one text per event, in a seeded order (seed 5001). dev_extra4's draw does the work.

Not blind: earlier sessions read rule diffs on PolNeAR train and dev texts and on NeuS val pieces (never
for what the resolver missed). A dev set: tune on it.

    python benchmarks/dev_extra5/draw.py --out benchmarks/dev_extra5/manifest.jsonl
    python benchmarks/dev_extra5/draw.py --write runs/dev_extra5/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 5001
QUOTA = {"polnear": 20, "neus": 20}
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4")


_DEV_EXTRA4 = ROOT / "benchmarks" / "dev_extra4" / "draw.py"


def government_speaks(text: str, gd) -> bool:
    """A sentence with one of govbench's government words and one of its speech words, of any country."""
    return any(gd.GOV_WORDS.search(s) and gd.SPEECH.search(s) for s in re.split(r"(?<=[.!?])\s+", text))


def draw(data: Path, labelled: tuple[str, ...] = LABELLED, seed: int = SEED) -> list[dict]:
    """`QUOTA` texts per source with that signal, in a seeded order, one per NeuS event (dev_extra6's draw
    shares this with its own sets and seed)."""
    return runpy.run_path(str(_DEV_EXTRA4))["draw"](data, quota=QUOTA, labelled=labelled, seed=seed,
                                                    signal=tuple(QUOTA), has_signal=government_speaks)


def main(argv=None) -> int:
    dev_extra = ROOT / "benchmarks" / "dev_extra" / "draw.py"
    return runpy.run_path(str(dev_extra))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
