"""Draw (and rebuild) cnndm_blind: SummEval's 100 CNN/DailyMail articles, gold written blind, with a frozen test
half (session 56).

Every earlier gold set came from the three pools the project reads (FNC-1, PolNeAR, NeuS). SummEval's sources are
news from other outlets and years (CNN and the Daily Mail, 2015), most of them with no government speaking, and no
session read them for what a resolver or attribution rule changed (only the summarizer benchmark reads them, as
whole texts). All 100 are taken, as they come: news where a government may speak or not. Their text is
PTB-tokenized; the pipeline reads it detokenized (`pipeline.datasets.detokenize`), one paragraph per article (the
line breaks are lost upstream, so captions run inside the paragraph and no line is boilerplate).

No two articles share a story (no pair shares 5% of its word trigrams), so the split is by article: a seeded order
(seed 5656), the first 50 `dev`, the rest `test`. The test half is frozen (`test.sha256`): report only.

    python benchmarks/cnndm_blind/draw.py --out benchmarks/cnndm_blind/manifest.jsonl
    python benchmarks/cnndm_blind/draw.py --write runs/cnndm_blind/input     # <folder>/{dev,test}/<id>.txt
"""
from __future__ import annotations

import hashlib
import json
import random
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = 5656
SOURCE = "summeval/summeval.jsonl"


def draw(data: Path, seed: int = SEED) -> list[dict]:
    """Every SummEval article, in a seeded order, the first half dev and the second test."""
    with open(data / SOURCE, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows.sort(key=lambda r: r["id"])
    random.Random(seed).shuffle(rows)
    half = len(rows) // 2
    return [{"id": r["id"][:20], "source": "summeval", "ref": f"{SOURCE}#{r['id']}", "words": len(r["source"].split()),
             "split": "dev" if n < half else "test", "sha256": hashlib.sha256(r["source"].encode("utf-8")).hexdigest()}
            for n, r in enumerate(rows)]


def main(argv=None) -> int:
    return runpy.run_path(str(ROOT / "benchmarks" / "dev_extra" / "draw.py"))["main"](
        argv, draw_fn=draw, manifest=HERE / "manifest.jsonl", doc=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
