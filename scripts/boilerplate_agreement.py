#!/usr/bin/env python
"""How far two careful readers agree on which lines are boilerplate: a second reader's blind lists scored against a
gold set exactly as the evaluate stage scores the clean stage (reference lines left, removals that are no
reference line).

Issue 13 asks that every boilerplate line go and no article line with it. That bar means little without the human
ceiling beside it. A second reader lists, from the text alone and without seeing the gold or any system output, the
boilerplate lines of each article ({"article", "boilerplate": [line, ...]}, whole lines or a glued part copied
verbatim). This takes those lines out of the article's body as the clean stage would and scores what is left with
`pipeline.evaluate.scoring.boilerplate_scores`. The body is split from the title as the pipeline's reader splits a
text file. The second reader was told never to list a file's first line (the title). Where that line is a lead and
the gold lists boilerplate in it, the line counts as left, and `left_on_first_line` counts it apart. A frozen test
half is scored in aggregate only (`--aggregate-only NAME`).

    python scripts/boilerplate_agreement.py \
        --set pool_blind_dev=runs/pool_blind/input/dev:benchmarks/pool_blind/references/dev \
        --listed benchmarks/reader_agreement/second_reader_boilerplate_session48.jsonl \
        --out benchmarks/results/boilerplate_agreement_X.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reader_agreement import run_over_sets  # noqa: E402

from pipeline.evaluate.scoring import _squash, boilerplate_scores  # noqa: E402
from pipeline.evaluate.stats import bootstrap_ci  # noqa: E402
from pipeline.io.readers import title_and_body_start  # noqa: E402


def without_lines(body: str, listed: list[str]) -> str:
    """`body` with the listed lines taken out: a line that is one of them goes, a listed part glued inside a
    longer line is cut from it (compared with whitespace squashed and case folded, as the scoring compares).

    >>> without_lines("Story.\\nFollow Ann on Twitter\\nMore text. Photo: AP", ["Follow Ann on Twitter", "Photo: AP"])
    'story.\\nmore text.'
    """
    parts = [_squash(x) for x in listed if x.strip()]
    kept = []
    for line in body.splitlines():
        s = _squash(line)
        if not s or s in parts:
            continue
        for p in parts:
            s = s.replace(p, " ") if p in s else s
        if s.strip():
            kept.append(" ".join(s.split()))
    return "\n".join(kept)


def score_article(text: str, gold: list[str], listed: list[str]) -> dict[str, Any]:
    """One article: the gold's boilerplate lines the reader left, the reader's lines the gold calls content, and
    how many of the left lines lie in the file's first line (which the reader was told not to list).

    >>> text = "Title\\n\\nHe said so.\\nFollow Ann on Twitter\\nPhoto: AP"
    >>> r = score_article(text, ["Follow Ann on Twitter", "Photo: AP"], ["He said so.", "Follow Ann on Twitter"])
    >>> r["left"], r["removed_not_boilerplate"], r["left_on_first_line"]
    (['Photo: AP'], ['He said so.'], 0)
    """
    _, body_start = title_and_body_start(text)
    scores = boilerplate_scores(gold, without_lines(text[body_start:], listed), listed)
    first = _squash(text.split("\n", 1)[0])
    scores["left_on_first_line"] = sum(1 for x in scores["left"] if _squash(x) in first)
    return scores


def totals(items: list[dict[str, Any]]) -> dict[str, int]:
    """Sums over articles of reference lines, lines left, wrong removals and left lines on a first line."""
    return {"articles": len(items), "reference_lines": sum(i["reference_lines"] for i in items),
            "left": sum(len(i["left"]) for i in items),
            "removed_not_boilerplate": sum(len(i["removed_not_boilerplate"]) for i in items),
            "left_on_first_line": sum(i["left_on_first_line"] for i in items)}


def interval(items: list[dict[str, Any]], key: str, resamples: int = 2000, seed: int = 0) -> list[float]:
    """A 95% percentile bootstrap interval of the total `key` over articles (`pipeline.evaluate.stats`)."""
    counts = [totals([item])[key] for item in items]
    ci = bootstrap_ci(counts, n_resamples=resamples, seed=seed, statistic=np.sum)
    return [round(ci["low"], 1), round(ci["high"], 1)]


def _score_set(name: str, folders: str, listed: dict[str, list[str]]) -> dict[str, Any]:
    arts, _, refs = folders.partition(":")
    items = []
    for ref in sorted(Path(refs).glob("*.json")):
        if ref.stem not in listed:
            raise SystemExit(f"{name}: {ref.stem} has no second reading in the --listed files")
        text = (Path(arts) / f"{ref.stem}.txt").read_text(encoding="utf-8")
        gold = json.loads(ref.read_text(encoding="utf-8")).get("boilerplate") or []
        items.append({"article": ref.stem, **score_article(text, gold, listed[ref.stem])})
    return {**totals(items), "left_95ci": interval(items, "left"),
            "removed_not_boilerplate_95ci": interval(items, "removed_not_boilerplate"),
            "disagreements": [{k: i[k] for k in ("article", "left", "removed_not_boilerplate")}
                              for i in items if i["left"] or i["removed_not_boilerplate"]]}


def main(argv: Optional[list[str]] = None) -> int:
    return run_over_sets(argv, __doc__, __file__, "NAME=<articles folder>:<references folder>",
                         lambda rows: {row["article"]: row["boilerplate"] for row in rows}, _score_set)


if __name__ == "__main__":
    raise SystemExit(main())
