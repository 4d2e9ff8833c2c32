"""The faithfulness check of generated summaries: unsupported sentences are dropped and recorded;
an emptied summary falls back, by name, to the reported-speech summary."""
from __future__ import annotations

import pytest

from pipeline.summarize.base import StatementContext, SummaryJob, SummaryOutput
from pipeline.summarize.faithful import FaithfulnessChecker, FaithfulnessParams, new_facts
from pipeline.summarize.guard import GenerativeParams, GenerativeSummarizer

STATEMENTS = ["The treaty undermines regional security and must be withdrawn.",
              "Seoul will consult its allies on a response."]
WINDOW = "The ministry said the treaty undermines regional security and must be withdrawn."


def job() -> SummaryJob:
    src = StatementContext(window=WINDOW, offset=0, position=0, content_spans=[(18, len(WINDOW) - 1)],
                           speaker="The ministry", speaker_span=(0, 12), cue="said", cue_span=(13, 17),
                           sentence_starts=[0])
    src2 = StatementContext(window="Seoul will consult its allies on a response, the minister said.", offset=200,
                            position=200, content_spans=[(0, 44)], speaker="the minister", speaker_span=(46, 58),
                            cue="said", cue_span=(59, 63), sentence_starts=[0])
    return SummaryJob("a", "South Korea", STATEMENTS, sources=[src, src2])


def test_new_facts_are_numbers_and_names_the_statements_lack():
    assert new_facts("Japan will send 500 troops to Seoul.", STATEMENTS) == ["500", "Japan"]
    assert new_facts("The ministry said Seoul will consult its allies.", STATEMENTS + ["South Korea"]) == []


def test_paraphrase_check_keeps_supported_and_drops_invented_sentences(tiny_ctx):
    checker = FaithfulnessChecker(FaithfulnessParams(), tiny_ctx)
    text, rec = checker.check(job(), "South Korea said the treaty undermines regional security and must be "
                                     "withdrawn. Japan will send 500 troops to the border next week.")
    assert text == "South Korea said the treaty undermines regional security and must be withdrawn."
    assert rec["scorer"] == "paraphrase" and "not entailment" in rec["note"]
    assert rec["kept"] == 1 and rec["dropped"][0]["sentence"].startswith("Japan will send")
    assert set(rec["dropped"][0]["new_facts"]) >= {"500", "Japan"}


def test_nli_scorer_with_a_local_model_and_its_threshold(tiny_ctx, tiny_nli_dir):
    keep_all = FaithfulnessChecker(FaithfulnessParams(nli_model=str(tiny_nli_dir), nli_threshold=1e-6), tiny_ctx)
    text, rec = keep_all.check(job(), "Seoul will consult its allies. The treaty must go.")
    assert rec["scorer"] == "nli" and rec["kept"] == 2 and text
    assert all(0.0 <= d["score"] <= 1.0 for d in rec["dropped"])
    drop_all = FaithfulnessChecker(FaithfulnessParams(nli_model=str(tiny_nli_dir), nli_threshold=1.0), tiny_ctx)
    assert drop_all.check(job(), "Seoul will consult its allies.")[0] == ""
    with pytest.raises(ValueError, match="nli_model is not set"):
        FaithfulnessChecker(FaithfulnessParams(scorer="nli"), tiny_ctx)


class Canned(GenerativeSummarizer):
    """A generator that returns a fixed text, to drive the check through GenerativeSummarizer.summarize."""

    Params = GenerativeParams

    def __init__(self, text: str, ctx, **params):
        super().__init__(GenerativeParams(backend="canned", **params), ctx)
        self.gen, self.text = {"max_new_tokens": 50}, text

    def generate_summaries(self, jobs, gen):
        return [SummaryOutput(self.text, {"model": "canned"}) for _ in jobs]


def test_generated_summary_with_nothing_supported_falls_back_to_reported_speech_by_name(tiny_ctx):
    s = Canned("Japan will send 500 troops to Tokyo next week.", tiny_ctx)
    (out,) = s.summarize([job()])
    assert out.meta["fallback"] == "reported"
    assert out.text.startswith("The ministry said the treaty undermines regional security")
    assert out.meta["faithfulness"]["dropped"][0]["sentence"].startswith("Japan will send")
    assert any("faithfulness" in n and "FALLBACK" in n for n in tiny_ctx.notes)


def test_the_check_can_be_switched_off(tiny_ctx):
    s = Canned("Japan will send 500 troops to Tokyo next week.", tiny_ctx, faithfulness={"enabled": False})
    (out,) = s.summarize([job()])
    assert out.text == "Japan will send 500 troops to Tokyo next week." and "faithfulness" not in out.meta
