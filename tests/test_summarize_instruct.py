"""Instruct-LM summarizer on a tiny causal LM built in the test, and the output tidying."""
from __future__ import annotations

from pipeline.summarize import SummaryJob
from pipeline.summarize.base import clean_generated
from pipeline.summarize.instruct import InstructSummarizer, InstructSummaryParams


def test_clean_generated_drops_preamble_and_cut_sentence():
    text, meta = clean_generated("Summary: The ministry met. It urged calm. It said the", 3, hit_limit=True)
    assert text == "The ministry met. It urged calm."
    assert meta["trimmed_incomplete_sentence"]
    text, meta = clean_generated("Here is a summary of the statements:\n- Seoul objected to the treaty. \n- It urged "
                                 "restraint. The ministry called the talks useful. Officials said more talks are due.", 2)
    assert text == "Seoul objected to the treaty. It urged restraint." and meta["dropped_sentences"] == 2
    # a complete last sentence is kept even at the token limit; an unfinished one only when it is not all
    assert clean_generated("It ended.", 3, hit_limit=True)[0] == "It ended."
    assert clean_generated("It never ended", 3, hit_limit=True)[0] == "It never ended"


def test_instruct_summarizer_runs_batched_and_deterministic(tiny_ctx, tiny_causal_dir):
    p = InstructSummaryParams(model=str(tiny_causal_dir), max_new_tokens=6, batch_size=2, max_input_tokens=64)
    s = InstructSummarizer(p, tiny_ctx)
    jobs = [SummaryJob("a", "South Korea", ["South Korea strongly condemns the agreement."]),
            SummaryJob("a", "China", ["China called on all parties to remain calm.", "It urged restraint."]),
            SummaryJob("b", "Japan", []),
            SummaryJob("c", "United States", ["The United States warned that the deal violates resolutions. " * 12])]
    out = s.summarize(jobs)
    assert [type(o.text) for o in out] == [str] * 4
    assert out[2].text == ""
    assert out[3].meta["chunks"] > 1  # 12 long sentences do not fit 64 tokens: chunked and merged
    again = s.summarize(jobs)
    assert [o.text for o in out] == [o.text for o in again]
    assert s.describe()["generation"]["do_sample"] is False
