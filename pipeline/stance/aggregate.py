"""From statement-level probabilities to one stance per government, with the deciding statements."""
from __future__ import annotations

from typing import Literal

from ..types import STANCE_LABELS, StanceResult

Weighting = Literal["polarity", "uniform", "squared"]
WEIGHTINGS = ("polarity", "uniform", "squared")


def statement_weight(p: dict[str, float], weighting: str) -> float:
    """How much one statement counts: 'polarity' 1 - P(neutral) (a clearly hostile line outweighs two
    neutral ones), 'squared' its square (polar lines count even more), 'uniform' 1."""
    if weighting == "uniform":
        return 1.0
    w = max(1e-3, 1.0 - p.get("neutral", 0.0))
    if weighting == "squared":
        return w * w
    if weighting == "polarity":
        return w
    raise ValueError(f"stance.weighting: unknown {weighting!r}; known: {', '.join(WEIGHTINGS)}")


def aggregate(probs: list[dict[str, float]], target: str, max_evidence: int = 3, min_margin: float = 0.0,
              weighting: str = "polarity", neutral_scale: float = 1.0) -> StanceResult:
    """The weighted mean of the statement distributions decides the label.

    A favor or against label must lead the runner-up by at least `min_margin`, else the government is
    neutral: a government whose statements pull both ways ("mixed") or only lean is neutral, as the
    annotation rules say. `neutral_scale` < 1 discounts the mean P(neutral) when the label is chosen
    (the score reported is the undiscounted mean of that label). Evidence: the statements whose own
    label is the government's label, the most decisive first (the first one is what a reader should
    check); when none has that label (a neutral decided by balance), the statements nearest to it.
    """
    if not probs:
        return StanceResult(target=target, label="neutral", score=0.0, evidence=[])
    weights = [statement_weight(p, weighting) for p in probs]
    total = sum(weights)
    mean = {lab: sum(w * p.get(lab, 0.0) for w, p in zip(weights, probs)) / total for lab in STANCE_LABELS}
    choose = {lab: mean[lab] * (neutral_scale if lab == "neutral" else 1.0) for lab in STANCE_LABELS}
    label = max(STANCE_LABELS, key=lambda lab: choose[lab])
    ranked = sorted(choose.values(), reverse=True)
    if label != "neutral" and ranked[0] - ranked[1] < min_margin:
        label = "neutral"
    own = [i for i, p in enumerate(probs) if max(STANCE_LABELS, key=lambda lab: p.get(lab, 0.0)) == label]
    if not own:
        own = list(range(len(probs)))
    evidence = sorted(own, key=lambda i: (-probs[i].get(label, 0.0), i))[:max_evidence]
    return StanceResult(target=target, label=label, score=round(float(mean[label]), 4), evidence=evidence,
                        label_scores={k: round(float(v), 4) for k, v in mean.items()})
