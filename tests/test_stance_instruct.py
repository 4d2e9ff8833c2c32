"""Instruct-LM stance on a tiny causal LM built in the test: label scoring, calibration, aggregation."""
from __future__ import annotations

import pytest
import torch

from pipeline.models.lm import chat_prompt, continuation_logprobs
from pipeline.stance import StancePair, aggregate
from pipeline.stance.instruct import InstructStance, InstructStanceParams


def brute_force(model, tok, prompt, cont):
    ids = tok(prompt, add_special_tokens=False)["input_ids"]
    x = torch.tensor([ids + cont])
    with torch.no_grad():
        lp = torch.log_softmax(model(x).logits[0].float(), dim=-1)
    return float(sum(lp[len(ids) - 1 + k, t] for k, t in enumerate(cont)))


def test_multi_token_continuations_match_full_forward(tiny_ctx, tiny_causal_dir):
    tok = tiny_ctx.models.tokenizer(str(tiny_causal_dir))
    model = tiny_ctx.models.load(str(tiny_causal_dir), "AutoModelForCausalLM")
    prompts = [chat_prompt(tok, "sys", "short"),
               chat_prompt(tok, "sys", "South Korea strongly condemns the agreement and urges restraint " * 3)]
    conts = [tok.encode("favor", add_special_tokens=False), tok.encode("strongly condemns", add_special_tokens=False),
             tok.encode("neutral summary statement", add_special_tokens=False)]
    assert max(len(c) for c in conts) > 1
    got = continuation_logprobs(model, tok, prompts, conts, batch_size=2)  # left-padded batch of unequal prompts
    for i, p in enumerate(prompts):
        for k, c in enumerate(conts):
            assert got[i, k].item() == pytest.approx(brute_force(model, tok, p, c), abs=1e-3)


def test_instruct_stance_calibrated_and_batched(tiny_ctx, tiny_causal_dir):
    params = InstructStanceParams(model=str(tiny_causal_dir), batch_size=2, content_free=["N/A"],
                                  label_words={"favor": ["favor", "supports dialogue"], "against": "strongly condemns",
                                               "neutral": "neutral"})
    b = InstructStance(params, tiny_ctx)
    pairs = [StancePair("South Korea strongly condemns the agreement.", "the treaty"),
             StancePair("N/A", "the treaty"),
             StancePair("China called on all parties to remain calm.", "calm")]
    out = b.score(pairs)
    for d in out:
        assert set(d) == {"favor", "against", "neutral"} and abs(sum(d.values()) - 1) < 1e-5
    # the content-free input itself is exactly uniform after calibration
    assert out[1] == pytest.approx({"favor": 1 / 3, "against": 1 / 3, "neutral": 1 / 3}, abs=1e-4)
    raw = InstructStance(params.model_copy(update={"calibrate": False}), tiny_ctx).score(pairs)
    assert raw[1] != pytest.approx(out[1], abs=1e-3)
    single = [b.score([p])[0] for p in pairs]
    for a, s in zip(out, single):
        assert a == pytest.approx(s, abs=1e-4)
    assert b.describe()["label_tokens"]


def test_missing_label_word_is_a_config_error(tiny_ctx, tiny_causal_dir):
    with pytest.raises(ValueError, match="label_words"):
        InstructStance(InstructStanceParams(model=str(tiny_causal_dir), label_words={"favor": "yes"}), tiny_ctx)


def test_aggregate_picks_the_deciding_statements():
    probs = [{"favor": 0.1, "against": 0.1, "neutral": 0.8},
             {"favor": 0.05, "against": 0.9, "neutral": 0.05},
             {"favor": 0.2, "against": 0.2, "neutral": 0.6}]
    r = aggregate(probs, "the treaty")
    assert r.label == "against" and r.evidence == [1]
    assert aggregate([], "x").label == "neutral"
