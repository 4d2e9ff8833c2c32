"""Evaluation: the evaluate stage (stage.py), its run-wide aggregation (aggregate.py), the metric modules and
their registry (metrics/), statistics (stats.py), and the PolNeAR attribution scorer (polnear.py, with
polnear_run.py running clean -> segment -> attribute over a PolNeAR split).

Importing this package imports none of them: the names below load their module on first use.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "EvaluateStage": "stage", "EvaluateParams": "stage",
    "aggregate_scores": "aggregate",
    "metric_module": "scoring", "summary_for_rouge": "scoring", "speaking_governments": "scoring",
    "boilerplate_scores": "scoring", "ROUGE_TYPES": "scoring",
    "METRICS": "metrics", "PIPELINE_METRICS": "metrics", "DEFAULT_METRICS": "metrics",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = sorted(_EXPORTS)
