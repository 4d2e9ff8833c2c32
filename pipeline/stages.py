"""Import every stage package so that each registers itself in STAGES."""
from . import attribute, clean, resolve, segment  # noqa: F401
from .stage import STAGES as _S
for _n in ("summarize", "stance", "evaluate", "report"):
    pass
from .stage import STAGES

__all__ = ["STAGES"]
