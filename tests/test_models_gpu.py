"""The GPU path (models.device/models.dtype auto -> CUDA in bf16/fp16) on the tiny models; skipped without a GPU."""
from __future__ import annotations

import pytest
import torch

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU")


@pytest.fixture
def gpu_ctx(tmp_path):
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext

    return RunContext(config=None, models=ModelManager(ModelsSection(cache_dir=str(tmp_path / "c"))))


def test_auto_picks_cuda_half_precision(gpu_ctx):
    assert gpu_ctx.models.device.type == "cuda"
    assert gpu_ctx.models.dtype() in (torch.bfloat16, torch.float16)


def test_seq2seq_on_gpu(gpu_ctx, tiny_bart_dir):
    from pipeline.summarize import SummaryJob
    from pipeline.summarize.seq2seq import Seq2SeqParams, Seq2SeqSummarizer

    s = Seq2SeqSummarizer(Seq2SeqParams(model=str(tiny_bart_dir), max_length=10), gpu_ctx)
    assert s.model.device.type == "cuda" and s.model.dtype in (torch.bfloat16, torch.float16)
    out = s.summarize([SummaryJob("a", "X", ["The ministry said the talks were useful. " * 8]), SummaryJob("b", "Y", ["Hi."])])
    assert len(out) == 2 and out[0].meta["chunks"] >= 1
    assert gpu_ctx.models.used[str(tiny_bart_dir)]["device"].startswith("cuda")


def test_nli_and_instruct_stance_on_gpu_match_cpu(gpu_ctx, tiny_ctx, tiny_nli_dir, tiny_causal_dir):
    from pipeline.stance import StancePair
    from pipeline.stance.instruct import InstructStance, InstructStanceParams
    from pipeline.stance.nli import NLIStance, NLIStanceParams

    pairs = [StancePair("South Korea strongly condemns the agreement.", "the treaty"),
             StancePair("China called on all parties to remain calm.", "calm")]
    for cls, params in ((NLIStance, NLIStanceParams(model=str(tiny_nli_dir))),
                        (InstructStance, InstructStanceParams(model=str(tiny_causal_dir),
                                                              label_words={"favor": "supports dialogue",
                                                                           "against": "against", "neutral": "neutral"}))):
        gpu = cls(params, gpu_ctx).score(pairs)
        cpu = cls(params, tiny_ctx).score(pairs)
        for g, c in zip(gpu, cpu):
            assert max(abs(g[k] - c[k]) for k in g) < 0.05


def test_instruct_summarizer_on_gpu(gpu_ctx, tiny_causal_dir):
    from pipeline.summarize import SummaryJob
    from pipeline.summarize.instruct import InstructSummarizer, InstructSummaryParams

    s = InstructSummarizer(InstructSummaryParams(model=str(tiny_causal_dir), max_new_tokens=5), gpu_ctx)
    out = s.summarize([SummaryJob("a", "X", ["The ministry said the talks were useful."])] * 3)
    assert len({o.text for o in out}) == 1  # deterministic decoding
