"""Import every stage package so that each registers itself in STAGES."""
from . import attribute, clean, evaluate, report, resolve, segment, stance, summarize  # noqa: F401
from .stage import STAGES

__all__ = ["STAGES"]
