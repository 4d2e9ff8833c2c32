"""Per-part leaderboards: every row restricted to the articles of one dataset part.

A benchmark with a dev half (tuned on) and a frozen test half must be read half by half: a
pooled figure would mix what was tuned with what is held out. Items are article ids or
``<article id>::<government>`` pairs, so a row's per-item scores are filtered by article id and
summarized (estimate + bootstrap CI) again, with the same statistic and seed as the pooled row.
"""
from __future__ import annotations

from typing import Any

from .scoring import Row, significance, summarize_row


def article_of(item: str) -> str:
    return item.split("::", 1)[0]


def restrict(row: Row, article_ids: set[str]) -> Row:
    """A copy of ``row`` holding only the items of ``article_ids`` (timings are the whole row's)."""
    scores = {c: {k: v for k, v in items.items() if article_of(k) in article_ids} for c, items in row.scores.items()}
    return Row(name=row.name, kind=row.kind, description=row.description, scores=scores,
               seconds_per_article=row.seconds_per_article, load_s=row.load_s, wall_s=row.wall_s,
               peak_rss_mb=row.peak_rss_mb, ru_maxrss_mb=row.ru_maxrss_mb,
               articles=len(article_ids), failed=row.failed)


def part_leaderboards(rows: list[Row], part_of: dict[str, str], columns: list[str], resamples: int, seed: int,
                      confidence: float) -> dict[str, list[Row]]:
    """``{part: rows restricted to it}`` in the order parts first appear; {} for a single part."""
    parts: dict[str, set[str]] = {}
    for aid, part in part_of.items():
        parts.setdefault(part, set()).add(aid)
    if len(parts) < 2:
        return {}
    out = {}
    for part, ids in parts.items():
        out[part] = [restrict(r, ids) for r in rows]
        for r in out[part]:
            summarize_row(r, columns, resamples, seed, confidence)
    return out


def part_tests(by_part: dict[str, list[Row]], columns: list[str], resamples: int, perm_resamples: int, seed: int,
               confidence: float) -> dict[str, dict[str, Any]]:
    """``{part: {column: paired test of the top two rows}}``: a default is chosen on dev's own test."""
    out: dict[str, dict[str, Any]] = {}
    for part, rows in by_part.items():
        for c in columns:
            res = significance(rows, c, resamples, perm_resamples, seed, confidence)
            if res:
                out.setdefault(part, {})[c] = res
    return out
