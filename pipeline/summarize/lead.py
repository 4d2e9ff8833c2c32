"""Baseline: the first k statement sentences. A reference point, not a model."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field

from ..config import BackendParams
from ..text import split_sentences
from .base import SummaryJob, SummaryOutput, Summarizer


class LeadParams(BackendParams):
    backend: Literal["lead"] = "lead"
    k: int = Field(3, ge=1)  # sentences taken from the start of the government's statements
    # accepted so that `--set summarize.backend=lead` works over a config that names a model;
    # a baseline loads none, and the run's notes say so
    model: Optional[str] = Field(None, description="ignored: the lead-k baseline uses no model")


class LeadSummarizer(Summarizer):
    """Lead-k baseline over the government's statements, in article order."""

    Params = LeadParams
    kind = "baseline"

    def __init__(self, params: LeadParams, ctx: Any):
        super().__init__(params, ctx)
        if params.model:
            self.note(f"summarize.model {params.model!r} is ignored: the lead-{params.k} baseline uses no model")

    def describe(self) -> dict[str, Any]:
        return {"backend": self.params.backend, "kind": self.kind, "baseline": f"lead-{self.params.k}"}

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        out = []
        for job in jobs:
            sents = [s for st in job.statements for s in split_sentences(st)]
            out.append(SummaryOutput(" ".join(sents[: self.params.k]), {"baseline": f"lead-{self.params.k}"}))
        return out
