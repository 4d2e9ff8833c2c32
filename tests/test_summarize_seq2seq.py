"""Seq2seq summarizer on tiny models built in the test (random weights, trained tokenizer)."""
from __future__ import annotations

from pipeline.summarize import SummaryJob
from pipeline.summarize.base import chunk_text, split_sentences
from pipeline.summarize.seq2seq import Seq2SeqParams, Seq2SeqSummarizer

LONG = " ".join(f"The foreign ministry said the talks number {i} were useful and constructive." for i in range(12))


def make(ctx, model_dir, **kw):
    params = Seq2SeqParams(model=str(model_dir), max_length=12, num_beams=2, **kw)
    return Seq2SeqSummarizer(params, ctx)


def test_bart_summarizes_and_records_model(tiny_ctx, tiny_bart_dir):
    s = make(tiny_ctx, tiny_bart_dir)
    out = s.summarize([SummaryJob("a", "South Korea", ["The talks were useful.", "We urge restraint."]),
                       SummaryJob("b", "Japan", [])])
    assert len(out) == 2 and isinstance(out[0].text, str)
    assert out[1].text == "" and out[1].meta["chunks"] == 0
    assert out[0].meta["chunks"] == 1
    used = tiny_ctx.models.used[str(tiny_bart_dir)]
    assert used["auto_class"] == "AutoModelForSeq2SeqLM" and "model.safetensors" in used["sha256"]
    d = s.describe()
    assert d["generation"]["num_beams"] == 2 and d["generation"]["max_length"] == 12
    assert d["max_input_tokens"] == 64 and d["prefix"] == ""


def test_long_input_is_chunked_not_truncated(tiny_ctx, tiny_bart_dir):
    s = make(tiny_ctx, tiny_bart_dir, merge="concat")
    out = s.summarize([SummaryJob("a", "South Korea", [LONG])])
    # 12 sentences of ~14 tokens cannot fit 64 positions: several chunks, and no position overflow
    assert out[0].meta["chunks"] > 3
    assert out[0].meta["merge"] == "concat" and out[0].meta["rounds"] == 1
    r = make(tiny_ctx, tiny_bart_dir, max_rounds=2).summarize([SummaryJob("a", "South Korea", [LONG])])
    assert r[0].meta["rounds"] == 2 and r[0].meta["merge"] == "resummarize"


def test_chunks_cover_every_word(tiny_ctx, tiny_bart_dir):
    tok = tiny_ctx.models.tokenizer(str(tiny_bart_dir))
    sents = split_sentences(LONG) + ["word " * 200]  # one sentence longer than a chunk
    chunks = chunk_text(sents, tok, 40)
    assert all(len(tok(c, add_special_tokens=False)["input_ids"]) <= 40 + 2 for c in chunks)
    assert " ".join(chunks).split() == " ".join(sents).split()


def test_batching_keeps_order(tiny_ctx, tiny_bart_dir):
    s = make(tiny_ctx, tiny_bart_dir, batch_size=2)
    jobs = [SummaryJob(str(i), "X", ["short." if i % 2 else LONG[: 40 + 30 * i]]) for i in range(5)]
    batched = [o.text for o in s.summarize(jobs)]
    single = [s.summarize([j])[0].text for j in jobs]
    assert batched == single


def test_t5_gets_its_prefix(tiny_ctx, tiny_t5_dir):
    s = make(tiny_ctx, tiny_t5_dir)
    assert s.prefix == "summarize: "
    assert s.limit == 48
    out = s.summarize([SummaryJob("a", "China", ["China called on all parties to remain calm."])])
    assert isinstance(out[0].text, str)
    s2 = Seq2SeqSummarizer(Seq2SeqParams(model=str(tiny_t5_dir), prefix="", max_length=8), tiny_ctx)
    assert s2.prefix == ""


def test_registry_task_is_checked(tiny_ctx):
    import pytest

    from pipeline.models import ModelUnavailableError

    with pytest.raises(ModelUnavailableError, match="summarize.model.*sentence-embedding"):
        Seq2SeqSummarizer(Seq2SeqParams(model="minilm"), tiny_ctx)
