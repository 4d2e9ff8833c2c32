"""Draw (and rebuild) dev_extra8: 36 more PolNeAR dev texts where a government may speak (session 42).

dev_extra7 took every NeuS event the other sets left, so this set takes PolNeAR alone, drawn as dev_extra5's
were: a sentence with one of govbench's government words and one of its speech words, 150-1,100 words, none
in govbench, resolver_blind, dev_extra to dev_extra7, polnear_gov or an audit, in a seeded order (seed 8001).
It was drawn at the start of session 42 and its gold written then, but the pipeline is run on it only after
that session's choices, so its first read measures them on text none of them was chosen on. dev_extra4's
draw does the work, with dev_extra5's signal.

Not blind: earlier sessions read rule diffs on PolNeAR train and dev texts (never for what the resolver
missed). A dev set after its first read: tune on it.

    python benchmarks/dev_extra8/draw.py --out benchmarks/dev_extra8/manifest.jsonl
    python benchmarks/dev_extra8/draw.py --write runs/dev_extra8/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 8001
QUOTA = {"polnear": 36}
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3", "dev_extra4", "dev_extra5",
            "dev_extra6", "dev_extra7")


def draw(data: Path, labelled: tuple[str, ...] = LABELLED, seed: int = SEED) -> list[dict]:
    """dev_extra4's draw over what the labelled sets leave: PolNeAR only, with dev_extra5's signal (dev_extra9's
    draw shares this with its own sets and seed)."""
    signal = runpy.run_path(str(ROOT / "benchmarks" / "dev_extra5" / "draw.py"))["government_speaks"]
    return runpy.run_path(str(ROOT / "benchmarks" / "dev_extra4" / "draw.py"))["draw"](
        data, quota=QUOTA, labelled=labelled, seed=seed, signal=tuple(QUOTA), has_signal=signal)


def main(argv=None) -> int:
    dev_extra = ROOT / "benchmarks" / "dev_extra" / "draw.py"
    return runpy.run_path(str(dev_extra))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
