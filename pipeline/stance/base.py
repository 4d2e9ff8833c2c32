"""Statement-level stance scoring; the stage aggregates to governments."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Optional

from pydantic import Field

from ..config import BackendParams
from ..stage import BackendBase
from ..types import STANCE_LABELS


@dataclass
class StancePair:
    statement: str
    target: str


class StanceParams(BackendParams):
    """Keys every stance backend takes."""

    target: Optional[str] = Field(None, description="what stance is taken toward, for every article")
    max_evidence: int = Field(3, ge=1)
    # aggregation to one stance per government (pipeline/stance/aggregate.py), chosen on govbench dev
    weighting: Literal["polarity", "uniform", "squared"] = Field(
        "polarity", description="how much each statement counts: 1 - P(neutral) (polarity), its square, or equally")
    min_margin: float = Field(0.0, ge=0.0, le=1.0, description="favor/against must lead the runner-up by this much, "
                                                               "else neutral (mixed or leaning statements)")
    neutral_scale: float = Field(1.0, gt=0.0, le=1.0, description="the government-level mean P(neutral) is "
                                 "multiplied by this before the label is chosen (below 1: favor or against sooner)")
    target_form: Literal["as_written", "proposition"] = Field(
        "as_written", description="what the model reads as the target: as written, or the claim inside a "
                                  "report-framed target ('reports that X' -> 'X'; pipeline/stance/targets.py)")
    # the clause, chosen on govbench dev (63.8 against 58.6 among found, 37 against 34 of 58) and the
    # stance audit (30 against 27 of 68) with the 1.7-epoch cross-encoder; neither difference significant
    input: Literal["content", "clause"] = Field(
        "clause", description="what the model reads of a statement: its content, or the clause with its cue verb "
                              "('rejected the proposal' rather than 'the proposal')")


class StanceBackend(BackendBase):
    """Implement score(pairs) -> one {favor, against, neutral} probability dict per pair."""

    labels = STANCE_LABELS

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"backend": self.params.backend}
        model = getattr(self.params, "model", None)
        if model:
            out["model"] = self.ctx.models.used.get(model, {"name": model}) if self.ctx and self.ctx.models else model
        return out
