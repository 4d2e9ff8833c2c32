"""The target the stance model reads: the claim inside a report-framed target (pipeline/stance/targets.py)."""
from __future__ import annotations

import doctest

import pytest

from pipeline.stance import targets
from pipeline.stance.targets import claim_proposition, model_target


def test_doctests():
    assert doctest.testmod(targets).failed == 0


@pytest.mark.parametrize("target, claim", [
    ("allegations that the coalition supplies weapons to ISIL", "the coalition supplies weapons to ISIL"),
    ("the claim that a meteorite caused the crater near Managua", "a meteorite caused the crater near Managua"),
    ("the Washington Post report that the intruder reached the East Room", "the intruder reached the East Room"),
    ("speculation that Kim Jong Un is ill", "Kim Jong Un is ill"),
    ("reports of suspected Ebola cases in Mosul", "suspected Ebola cases in Mosul"),
    ("North Korea's claimed hydrogen bomb test", "North Korea's hydrogen bomb test"),
    ("the alleged use of chlorine gas in Anbar", "the use of chlorine gas in Anbar"),
])
def test_a_report_framed_target_gives_its_claim(target, claim):
    assert claim_proposition(target) == claim


@pytest.mark.parametrize("target", [
    "Britain's continued membership of the European Union",
    "the Iran nuclear deal",
    "the reported",  # the hedge alone: nothing would be left
    "reports of Kim",  # one word is no claim
    "a report on Kim Jong-un's health",  # a report *on* something states no claim
])
def test_other_targets_are_unchanged(target):
    assert claim_proposition(target) == target


def test_model_target_forms():
    assert model_target("rumours of Fidel Castro's death", "as_written") == "rumours of Fidel Castro's death"
    assert model_target("rumours of Fidel Castro's death", "proposition") == "Fidel Castro's death"
    with pytest.raises(ValueError, match="target_form 'claim'"):
        model_target("x y", "claim")
