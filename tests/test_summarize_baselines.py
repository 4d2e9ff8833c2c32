"""Lead-k baseline and the extractive summarizer over the packaged encoder."""
from __future__ import annotations

import pytest

from pipeline.summarize import SummaryJob
from pipeline.summarize.extractive import CentroidParams, CentroidSummarizer
from pipeline.summarize.lead import LeadParams, LeadSummarizer

STATEMENTS = ["We condemn the treaty. It violates the resolutions.", "We will respond sternly.",
              "The talks were constructive and we support dialogue with all parties in the region."]


def test_lead_is_named_a_baseline_and_ignores_a_model_loudly(tiny_ctx):
    s = LeadSummarizer(LeadParams(k=2, model="minilm"), tiny_ctx)
    out = s.summarize([SummaryJob("a", "X", STATEMENTS)])
    assert out[0].text == "We condemn the treaty. It violates the resolutions."
    assert out[0].meta["baseline"] == "lead-2" and s.describe()["kind"] == "baseline"
    assert any("ignored" in n for n in tiny_ctx.notes)


def test_extractive_keeps_the_word_budget_and_order(tiny_ctx):
    s = CentroidSummarizer(CentroidParams(max_sentences=2, max_words=12), tiny_ctx)
    out = s.summarize([SummaryJob("a", "X", STATEMENTS), SummaryJob("b", "Y", [])])
    assert out[1].text == ""
    picked = out[0].meta["selected"]
    assert 1 <= len(picked) <= 2 and [p["statement"] for p in picked] == sorted(p["statement"] for p in picked)
    assert len(out[0].text.split()) <= 12 or len(picked) == 1


@pytest.mark.parametrize("statements, expected", [
    (["Seoul objects.", "The ministry said the treaty undermines regional security and peace."],
     "The ministry said the treaty undermines regional security and peace."),
    (["Seoul objects.", "No comment."], "Seoul objects. No comment."),  # nothing longer: fragments stay
])
def test_extractive_skips_fragments_unless_nothing_else(tiny_ctx, statements, expected):
    s = CentroidSummarizer(CentroidParams(min_sentence_words=4, max_sentences=2), tiny_ctx)
    assert s.summarize([SummaryJob("a", "X", statements)])[0].text == expected
