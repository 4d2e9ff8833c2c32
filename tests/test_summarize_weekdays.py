"""pipeline/summarize/weekdays.py: its examples hold, and weekdays that carry meaning stay."""
from __future__ import annotations

import doctest

import pipeline.summarize.weekdays as weekdays
from pipeline.summarize.weekdays import without_weekdays


def test_weekdays_doctests():
    res = doctest.testmod(weekdays)
    assert res.attempted >= 2 and res.failed == 0


def test_a_weekday_after_a_speech_verb_or_on_goes_and_others_stay():
    assert without_weekdays("The Labor Department reported Friday the impact was wide.") == \
        "The Labor Department reported the impact was wide."
    assert without_weekdays("The ministry said late on Sunday night that ten died.") == \
        "The ministry said that ten died."
    for kept in ("He said Monday's vote was rigged.", "Talks must end by Friday.",
                 "On Saturday, the ministry said so."):
        assert without_weekdays(kept) == kept
