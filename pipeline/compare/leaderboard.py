"""Compare, reporting: CIs for every row, the ranking by the primary metric, paired tests (pooled, our
choices, per dataset part), the metric/human correlation (SummEval), the run's facts, and the files
(report.py).
"""
from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Optional

from .config import CompareConfig
from .parts import part_leaderboards, part_tests
from .plan import Plan, log
from .scoring import METRICS, Row, significance, summarize_row


def rank(rows: list[Row], primary: str) -> None:
    m = METRICS[primary]
    rows.sort(key=lambda r: (r.summary.get(primary) is None,
                             -(r.summary[primary]["estimate"] if r.summary.get(primary) else 0)
                             * (1 if m.higher_is_better else -1)))


def paired_tests(cfg: CompareConfig, rows: list[Row]) -> dict[str, Any]:
    b = cfg.bootstrap
    tests = {}
    for c in cfg.significance_metrics():
        res = significance(rows, c, b.resamples, b.permutation_resamples, b.seed, b.confidence)
        if res:
            tests[c] = res
        res_own = significance([r for r in rows if r.kind == "choice"], c, b.resamples, b.permutation_resamples,
                               b.seed, b.confidence)
        if res_own and (not res or (res_own["first"], res_own["second"]) != (res["first"], res["second"])):
            tests[f"{c} (our choices)"] = res_own
    return tests


def write_leaderboard(cfg: CompareConfig, out: Path, plan: Plan, rows: list[Row], metrics: list[str],
                      columns: list[str], info: dict[str, Any], notes: list[str], errors: list[dict[str, Any]],
                      t_start: float, load_start: Optional[tuple[float, ...]]) -> None:
    from .report import write_outputs

    b = cfg.bootstrap
    for r in rows:
        summarize_row(r, columns, b.resamples, b.seed, b.confidence)
    primary = cfg.primary_metric()
    rank(rows, primary)
    tests = paired_tests(cfg, rows)
    human = None
    if cfg.dataset.kind == "summeval" and cfg.human_correlation:
        from .human import human_correlation

        human = human_correlation(rows, plan.docs, columns, b.resamples, b.seed, b.confidence)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    meta = {"name": cfg.name, "config": cfg._source, "dataset": cfg.dataset.model_dump(mode="json"),
            "pipeline": cfg.pipeline, "metrics": metrics, "columns": columns, "primary": primary,
            "items": plan.items, "item_ids": plan.ids or [d["id"] for d in plan.docs],
            "bootstrap": b.model_dump(), "elapsed_s": round(time.perf_counter() - t_start, 1),
            "load_average_start": [round(x, 2) for x in load_start] if load_start else None,
            "load_average_end": [round(x, 2) for x in load] if load else None,
            "cpu_count": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else None}
    by_part = part_leaderboards(rows, plan.part_of, columns, b.resamples, b.seed, b.confidence)
    for part, ptests in part_tests(by_part, cfg.significance_metrics(), b.resamples, b.permutation_resamples, b.seed,
                                   b.confidence).items():
        tests.update({f"{c} ({part})": t for c, t in ptests.items()})
    write_outputs(out, cfg, rows, columns, tests, human, info, notes, errors, meta, by_part)
    log(f"wrote {out}/leaderboard.md, leaderboard.csv, report.html ({meta['elapsed_s']:.0f}s)")
