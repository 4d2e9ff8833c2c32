"""What every summarizer receives and returns, and the stage that batches them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..stage import BackendBase

_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


@dataclass
class SummaryJob:
    """One government in one article: summarize its statements, and nothing else."""

    article_id: str
    government: str
    statements: list[str]
    target: Optional[str] = None


@dataclass
class SummaryOutput:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


class Summarizer(BackendBase):
    """Base class: implement summarize(jobs) -> one SummaryOutput per job, in order."""

    kind = "abstractive"  # or "extractive" / "baseline"

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        out = {"backend": self.params.backend, "kind": self.kind}
        model = getattr(self.params, "model", None)
        if model:
            out["model"] = self.ctx.models.used.get(model, {"name": model}) if self.ctx and self.ctx.models else model
        return out


def split_sentences(text: str) -> list[str]:
    """Sentence split for statements (already clean): punctuation followed by a capital."""
    parts = [p.strip() for p in _SENT_END.split(text.strip()) if p and p.strip()]
    return parts or ([text.strip()] if text.strip() else [])
