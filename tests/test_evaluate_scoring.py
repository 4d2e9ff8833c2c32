"""pipeline/evaluate/scoring.py: the examples in its docstrings hold (the boilerplate scorer's rules)."""
from __future__ import annotations

import doctest

import pipeline.evaluate.scoring as scoring


def test_scoring_doctests():
    res = doctest.testmod(scoring)
    assert res.attempted >= 5 and res.failed == 0
