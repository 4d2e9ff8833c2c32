"""From statement-level probabilities to one stance per government, with the deciding statements."""
from __future__ import annotations

from ..types import STANCE_LABELS, StanceResult


def aggregate(probs: list[dict[str, float]], target: str, max_evidence: int = 3,
              min_margin: float = 0.0) -> StanceResult:
    """Average the statement distributions, weighting each by how far it is from neutral.

    A government that says one clearly hostile thing and two neutral things is
    against; plain averaging would call it neutral. Evidence: the statements
    whose own label is the government's label, most confident first.
    """
    if not probs:
        return StanceResult(target=target, label="neutral", score=0.0, evidence=[])
    weights = [max(1e-3, 1.0 - p.get("neutral", 0.0)) for p in probs]
    total = sum(weights)
    mean = {lab: sum(w * p.get(lab, 0.0) for w, p in zip(weights, probs)) / total for lab in STANCE_LABELS}
    label = max(STANCE_LABELS, key=lambda lab: mean[lab])
    ranked = sorted(mean.values(), reverse=True)
    if label != "neutral" and ranked[0] - ranked[1] < min_margin:
        label = "neutral"
    own = [i for i, p in enumerate(probs) if max(STANCE_LABELS, key=lambda lab: p.get(lab, 0.0)) == label]
    if not own:
        own = list(range(len(probs)))
    evidence = sorted(own, key=lambda i: -probs[i].get(label, 0.0))[:max_evidence]
    return StanceResult(target=target, label=label, score=round(float(mean[label]), 4), evidence=sorted(evidence),
                        label_scores={k: round(float(v), 4) for k, v in mean.items()})
