"""Baseline: the first k statement sentences. A reference point, not a model."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..config import BackendParams
from .base import SummaryJob, SummaryOutput, Summarizer, split_sentences


class LeadParams(BackendParams):
    backend: Literal["lead"] = "lead"
    k: int = Field(3, ge=1)


class LeadSummarizer(Summarizer):
    """Lead-k baseline over the government's statements, in article order."""

    Params = LeadParams
    kind = "baseline"

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        out = []
        for job in jobs:
            sents = [s for st in job.statements for s in split_sentences(st)]
            out.append(SummaryOutput(" ".join(sents[: self.params.k]), {"baseline": f"lead-{self.params.k}"}))
        return out
