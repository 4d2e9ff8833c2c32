"""The stages a config can name, in the order they run, registered lazily.

Each entry is an import path ("package:Class"): naming the stages imports none
of them, so config validation pays only for the stages (and backends) a config
actually uses, and this module imports nothing from the stage packages (the
packages import the pipeline's lower layers, never the other way round).
"""
from __future__ import annotations

from .registry import Registry

STAGE_ORDER = ("clean", "segment", "attribute", "resolve", "summarize", "stance", "evaluate", "report")

STAGE_PATHS = {
    "clean": "pipeline.clean:CleanStage",
    "segment": "pipeline.segment:SegmentStage",
    "attribute": "pipeline.attribute:AttributeStage",
    "resolve": "pipeline.resolve:ResolveStage",
    "summarize": "pipeline.summarize:SummarizeStage",
    "stance": "pipeline.stance:StanceStage",
    "evaluate": "pipeline.evaluate.stage:EvaluateStage",
    "report": "pipeline.report:ReportStage",
}

STAGES: Registry = Registry("stage")
for _name in STAGE_ORDER:
    STAGES.register_lazy(_name, STAGE_PATHS[_name])

__all__ = ["STAGES", "STAGE_ORDER", "STAGE_PATHS"]
