"""Hugging Face ``evaluate`` metric modules for scoring pipeline output against references, and the
one registry of metric names (``METRICS``) that the evaluate stage, its config and compare read.

Each metric is a folder here holding ``<name>/<name>.py`` (an ``evaluate.Metric`` with ``_info`` and
``_compute``), so ``evaluate.load("<path to the folder>")`` works offline. ``load_metric`` does
that for you and makes sure ``evaluate`` has a writable cache:

    >>> from pipeline.evaluate.metrics import load_metric, METRIC_NAMES
    >>> METRIC_NAMES
    ('rouge', 'embedding_similarity', 'stance', 'attribution', 'faithfulness')
    >>> stance = load_metric("stance")
    >>> stance.compute(predictions=["favor", "against"], references=["favor", "neutral"])["accuracy"]
    0.5

Cache: ``$GOVSTANCE_CACHE/hf`` if ``GOVSTANCE_CACHE`` is set, else ``~/.cache/govstance/hf``, else a
folder in the system temp dir, whichever is first writable. The metric's Arrow files go to
``<cache>/metrics`` (unless ``cache_dir`` is given); the copied metric scripts go to
``<cache>/modules`` unless the user set ``HF_MODULES_CACHE`` or ``HF_HOME`` to a writable place
(chosen at the first load in a process and kept).
``HF_HOME`` itself is never changed (other libraries in the process read it).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class MetricInfo:
    """What a metric name means to the pipeline."""

    name: str
    module: bool  # an ``evaluate`` module folder here (``load_metric(name)``)
    documents: bool  # also scores plain documents (SummEval, NeuS) in compare, not only pipeline articles
    default: bool  # in the evaluate stage's metrics when the config names none
    needs_reference: bool = True  # False: scored on every article (faithfulness: against its own statements)


METRICS: dict[str, MetricInfo] = {m.name: m for m in (
    MetricInfo("rouge", module=True, documents=True, default=True),
    MetricInfo("embedding_similarity", module=True, documents=True, default=False),
    MetricInfo("stance", module=True, documents=False, default=True),
    MetricInfo("attribution", module=True, documents=False, default=True),
    MetricInfo("faithfulness", module=True, documents=True, default=False, needs_reference=False),
    MetricInfo("boilerplate", module=False, documents=False, default=False),  # the reference's boilerplate lines
)}
# What evaluate.metrics (and a compare config over articles) accepts, in this order.
PIPELINE_METRICS = tuple(METRICS)
DEFAULT_METRICS = tuple(n for n, m in METRICS.items() if m.default)
# What a compare config over documents (SummEval, NeuS) accepts.
DOCUMENT_METRICS = tuple(n for n, m in METRICS.items() if m.documents)
# The metrics with an ``evaluate`` module (``load_metric``).
METRIC_NAMES = tuple(n for n, m in METRICS.items() if m.module)

_HERE = Path(__file__).resolve().parent


def metric_path(name: str) -> str:
    """Folder of the metric module ``name`` (what ``evaluate.load`` takes)."""
    if name not in METRIC_NAMES:
        raise ValueError(f"unknown metric {name!r}; known: {', '.join(METRIC_NAMES)}")
    return str(_HERE / name)


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
        return True
    except OSError:
        return False


def cache_root() -> Path:
    """The first writable of $GOVSTANCE_CACHE/hf, ~/.cache/govstance/hf, <tmp>/govstance-<uid>/hf."""
    candidates = []
    if os.environ.get("GOVSTANCE_CACHE"):
        candidates.append(Path(os.environ["GOVSTANCE_CACHE"]).expanduser() / "hf")
    candidates.append(Path("~/.cache/govstance/hf").expanduser())
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"govstance-{uid}" / "hf")
    for c in candidates:
        if _writable(c):
            return c
    raise OSError(f"no writable cache directory among {[str(c) for c in candidates]}; set GOVSTANCE_CACHE")


_modules_cache: "Path | None" = None


def _ensure_modules_cache(root: Path) -> None:
    """Point evaluate's dynamic-module folder at a writable place, once per process.

    It is never moved afterwards: Python caches the ``evaluate_modules`` package it imported from
    the first folder, so modules copied into a second folder could not be imported.
    """
    global _modules_cache
    import evaluate.config as econfig

    if _modules_cache is not None:
        econfig.HF_MODULES_CACHE = _modules_cache
        return
    user_set = bool(os.environ.get("HF_MODULES_CACHE") or os.environ.get("HF_HOME"))
    if not (user_set and _writable(Path(econfig.HF_MODULES_CACHE))):
        econfig.HF_MODULES_CACHE = root / "modules"
    _modules_cache = Path(econfig.HF_MODULES_CACHE)


def load_metric(name: str, **kwargs: Any):
    """``evaluate.load`` of one of ``METRIC_NAMES`` by path, offline, with a writable cache.

    Keyword arguments go to ``evaluate.load`` (e.g. ``keep_in_memory=True``, ``experiment_id``).
    """
    path = metric_path(name)
    root = cache_root()
    import evaluate

    _ensure_modules_cache(root)
    kwargs.setdefault("cache_dir", str(root / "metrics"))
    return evaluate.load(path, **kwargs)


__all__ = ["METRICS", "MetricInfo", "METRIC_NAMES", "PIPELINE_METRICS", "DEFAULT_METRICS", "DOCUMENT_METRICS",
           "load_metric", "metric_path", "cache_root"]
