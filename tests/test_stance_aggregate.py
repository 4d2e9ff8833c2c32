"""Statement probabilities -> one stance per government: weighting, the neutral margin, evidence order."""
from __future__ import annotations

import pytest

from pipeline.stance.aggregate import aggregate, statement_weight


def P(f, a, n):
    return {"favor": f, "against": a, "neutral": n}


def test_one_clear_statement_outweighs_neutral_ones():
    probs = [P(0.05, 0.9, 0.05), P(0.1, 0.1, 0.8), P(0.1, 0.1, 0.8)]
    assert aggregate(probs, "t").label == "against"
    assert aggregate(probs, "t", weighting="uniform").label == "neutral"
    assert aggregate(probs, "t", weighting="squared").label_scores["against"] > aggregate(probs, "t").label_scores["against"]


def test_mixed_statements_are_neutral_under_a_margin():
    probs = [P(0.8, 0.15, 0.05), P(0.2, 0.75, 0.05)]
    assert aggregate(probs, "t").label == "favor"
    r = aggregate(probs, "t", min_margin=0.1)
    assert r.label == "neutral" and r.label_scores["favor"] > r.label_scores["neutral"]


def test_evidence_is_the_most_decisive_first():
    probs = [P(0.6, 0.2, 0.2), P(0.1, 0.1, 0.8), P(0.9, 0.05, 0.05), P(0.7, 0.2, 0.1)]
    r = aggregate(probs, "t", max_evidence=2)
    assert r.label == "favor" and r.evidence == [2, 3]
    assert aggregate(probs, "t", max_evidence=5).evidence == [2, 3, 0]


def test_empty_and_unknown_weighting():
    r = aggregate([], "t")
    assert r.label == "neutral" and r.evidence == [] and r.score == 0.0
    with pytest.raises(ValueError, match="weighting"):
        statement_weight(P(0.3, 0.3, 0.4), "cubic")


def test_a_neutral_discount_lets_a_leaning_government_take_sides_and_keeps_the_score():
    probs = [P(0.35, 0.05, 0.6)]
    assert aggregate(probs, "t").label == "neutral"
    r = aggregate(probs, "t", neutral_scale=0.5)
    assert r.label == "favor" and r.score == 0.35 and r.label_scores["neutral"] == 0.6
