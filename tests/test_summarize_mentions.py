"""pipeline/summarize/mentions.py: its examples hold (the summarizer-level cases are in
test_summarize_reported.py)."""
from __future__ import annotations

import doctest

import pipeline.summarize.mentions as mentions


def test_mentions_doctests():
    res = doctest.testmod(mentions)
    assert res.attempted >= 3 and res.failed == 0
