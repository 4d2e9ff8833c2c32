"""Draw (and rebuild) dev_extra4: 40 more dev texts, with the text types the govbench test half holds most (session 39).

The earlier dev sets took texts whose own words suggest a speaking government. Most govbench test errors
are governments invented or missed in PolNeAR's US political news and NeuS leads, where that signal is
weak, so this set draws from every candidate text (dev_extra's candidates: govbench's plus FNC-1 train
bodies), 150-1,100 words (NeuS 50-1,100), none in govbench, resolver_blind, dev_extra, dev_extra2,
dev_extra3, polnear_gov or an audit, no NeuS event of those sets, no FNC-1 story of govbench or dev_extra3,
one text per event or story, in a seeded order (seed 4001): PolNeAR 20 and NeuS 10 with or without a
speaking-government signal, and FNC-1 up to 10 with that signal (7 stories are left).

Not blind: earlier sessions read rule diffs on the PolNeAR texts and FNC-1 train bodies (never for what
the resolver missed). A dev set: tune on it.

    python benchmarks/dev_extra4/draw.py --out benchmarks/dev_extra4/manifest.jsonl
    python benchmarks/dev_extra4/draw.py --write runs/dev_extra4/input     # <folder>/dev/<id>.txt
"""
from __future__ import annotations

import hashlib
import random
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 4001
QUOTA = {"polnear": 20, "neus": 10, "fnc1": 10}
LABELLED = ("govbench", "resolver_blind", "dev_extra", "dev_extra2", "dev_extra3")


_DEV_EXTRA = ROOT / "benchmarks" / "dev_extra" / "draw.py"


def draw(data: Path, quota: dict = QUOTA, labelled: tuple[str, ...] = LABELLED, seed: int = SEED,
         signal: tuple[str, ...] = ("fnc1",), has_signal=None) -> list[dict]:
    """`quota` texts per source in a seeded order, one per NeuS event or FNC-1 story (see the docstring);
    a source in `signal` gives only texts with a speaking-government signal: a named foreign country's, or
    `has_signal(text, govbench_draw)` when given (dev_extra5's draw shares this)."""
    dx = runpy.run_path(str(_DEV_EXTRA))
    gd = dx["_load"]("govbench_draw", ROOT / "benchmarks" / "govbench" / "draw.py")
    pats = gd.country_patterns()
    cands = dx["candidates"](data, gd)
    group_of = {c["id"]: c.get("group", c["id"]) for c in cands}
    taken = {name: dx["_ids"](f"benchmarks/{name}/manifest.jsonl", "id") for name in labelled}
    skip = dx["left_out"](labelled)
    # every labelled set's NeuS events and govbench's and dev_extra3's FNC-1 stories are taken
    groups = {group_of.get(i, i) for name, ids in taken.items() for i in ids
              if name in ("govbench", "dev_extra3") or not group_of.get(i, i).startswith("fnc1-")}
    rng = random.Random(seed)
    rows = []
    for source, n in quota.items():
        items = []
        for c in cands:
            words = len(c["text"].split())
            if c["source"] != source or c["id"] in skip or not (50 if source == "neus" else 150) <= words <= 1100:
                continue
            countries = gd.speaking_countries(c["text"], pats)
            if source in signal and not (has_signal(c["text"], gd) if has_signal else countries):
                continue
            items.append({**c, "words": words, "countries": sorted(countries)})
        items.sort(key=lambda c: c["ref"])
        rng.shuffle(items)
        for c in dx["one_per_group"](items, groups, n):
            rows.append({"id": c["id"], "source": source, "ref": c["ref"], "words": c["words"],
                         "countries": c["countries"], "split": "dev",
                         "sha256": hashlib.sha256(c["text"].encode("utf-8")).hexdigest()})
    return rows


def main(argv=None) -> int:
    return runpy.run_path(str(_DEV_EXTRA))["main"](argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
