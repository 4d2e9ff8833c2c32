"""Runners: the same stages on one machine (local) or on a Ray cluster (ray)."""
from .local import RunSummary, run_pipeline

__all__ = ["run_pipeline", "RunSummary"]
