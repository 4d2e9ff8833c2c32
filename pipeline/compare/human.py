"""Which metric to believe: Kendall's tau between each leaderboard metric and SummEval's expert scores.

Computed on the stored SummEval systems that are rows of this comparison (scored by the same code as
every other row, on the same articles), against the expert relevance and consistency scores:
system level (tau over the systems' means) and summary level (per article, tau over the systems'
summaries, averaged), with percentile bootstrap CIs over articles (``pipeline.evaluate.stats``).
The table of ``scripts/metric_human_correlation.py`` on all 100 articles (stored in
``pipeline/evaluate/metrics/results/``) is attached for reference.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

from ..evaluate.stats import kendall_summary_level, kendall_system_level
from .scoring import Row

DIMENSIONS = ("relevance", "consistency")
STORED_RESULTS = Path(__file__).resolve().parents[1] / "evaluate" / "metrics" / "results" / "metric_human_correlation.json"
CORRELATED_COLUMNS = ("rouge1", "rouge2", "rougeL", "rougeLsum", "embedding_f1", "faithfulness")


def human_correlation(rows: list[Row], docs: list[dict[str, Any]], columns: list[str], resamples: int, seed: int,
                      confidence: float) -> Optional[dict[str, Any]]:
    stored = [r for r in rows if r.kind == "stored" and r.extra.get("system")]
    out: dict[str, Any] = {"stored_full": load_stored()}
    if len(stored) < 2:
        out["note"] = "fewer than two stored SummEval systems in this comparison: no correlation computed here"
        return out
    human = {d: {} for d in DIMENSIONS}
    for r in stored:
        sysid = r.extra["system"]
        for dim in DIMENSIONS:
            human[dim][sysid] = {doc["id"]: float(doc["systems"][sysid][dim]) for doc in docs if sysid in doc["systems"]}
    table: dict[str, Any] = {}
    for c in columns:
        if c not in CORRELATED_COLUMNS:
            continue
        metric = {r.extra["system"]: dict(r.scores.get(c) or {}) for r in stored}
        if not all(metric.values()):
            continue
        table[c] = {}
        for dim in DIMENSIONS:
            sl = kendall_system_level(metric, human[dim], n_resamples=resamples, confidence=confidence, seed=seed)
            su = kendall_summary_level(metric, human[dim], n_resamples=resamples, confidence=confidence, seed=seed)
            table[c][dim] = {"system_level": sl, "summary_level": su}
    out.update({"systems": [r.extra["system"] for r in stored], "n_articles": len(docs), "table": table,
                "method": "Kendall tau-b (scipy); system level = tau of per-system means; summary level = mean "
                          "over articles of tau over systems; CI = percentile bootstrap over articles"})
    return out


def load_stored() -> Optional[dict[str, Any]]:
    """The full-data table of scripts/metric_human_correlation.py, if it is stored."""
    if not STORED_RESULTS.is_file():
        return None
    try:
        data = json.loads(STORED_RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    table = {}
    for m, dims in (data.get("correlations") or {}).items():
        table[m] = {d: dims[d] for d in DIMENSIONS if d in dims}
    return {"file": "pipeline/evaluate/metrics/results/metric_human_correlation.json",
            "n_articles": data.get("n_articles"), "systems": data.get("systems"), "table": table}
