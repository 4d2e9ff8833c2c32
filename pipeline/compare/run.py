"""Run every choice of a compare config over one dataset, score them the same way, write the leaderboard.

Flow: validate (config.py; exit 2 before anything is written) -> plan (plan.py: the dataset, as a list
of documents for SummEval/NeuS, or a staged folder of the articles that have references) -> run
(execute.py: each choice in its own worker process, worker.py, with its process tree's memory
sampled) -> score every row's items (items.py, with the metric modules) -> report (leaderboard.py:
CIs, paired tests, human correlation for SummEval; report.py writes leaderboard.csv/.md,
report.html, compare.json, per_item.jsonl, errors.jsonl).
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from ..config import ConfigError
from .config import CompareConfig
from .execute import run_choices, stored_rows
from .items import article_info, document_info
from .leaderboard import write_leaderboard
from .plan import check_output, output_folder, prepare  # noqa: F401 (check_output, output_folder: for cli.py)
from .scoring import columns_for


def run_compare(cfg: CompareConfig, out: Path, rescore: bool = False) -> int:
    """Returns the exit code: 0 all done, 1 some articles (or a whole choice) failed.

    ``rescore``: do not run the choices; score their stored runs under <out>/runs/ again (new metrics,
    report changes) with the timings and memory measured when they ran."""
    try:
        import datasets

        datasets.disable_progress_bars()
    except ImportError:  # pragma: no cover
        pass
    metrics = cfg.metric_list()
    columns = columns_for(metrics)
    for c in [cfg.primary_metric(), *cfg.significance_metrics()]:
        if c not in columns:
            raise ConfigError(f"{cfg._source}: primary/significance: {c!r} is not a column of the metrics "
                              f"{metrics}; columns: {', '.join(columns)}")
    notes: list[str] = []
    errors: list[dict[str, Any]] = []
    t_start = time.perf_counter()
    load_start = os.getloadavg() if hasattr(os, "getloadavg") else None
    plan = prepare(cfg, out, notes)
    rows, preds, own = run_choices(cfg, out, plan, metrics, rescore, errors)
    stored_rows(cfg, plan, rows, preds, metrics)
    if plan.articles:
        info = article_info(out, rows, notes)
    else:
        info = document_info(cfg, rows, preds, plan.docs, metrics, own)
    write_leaderboard(cfg, out, plan, rows, metrics, columns, info, notes, errors, t_start, load_start)
    return 1 if errors else 0
