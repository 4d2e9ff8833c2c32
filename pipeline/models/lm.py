"""Shared helpers for instruct causal LMs: chat prompts, batched greedy generation, label scoring.

Inputs are sorted by length and batched with left padding (only as much
padding as the longest prompt of each batch needs); decoding is greedy and
therefore deterministic. Device and dtype are the model's (models.device /
models.dtype).
"""
from __future__ import annotations

import copy
from typing import Any, Optional, Sequence

import torch


def chat_prompt(tokenizer: Any, system: Optional[str], user: str) -> str:
    """The model's own chat template; a plain fallback for tokenizers that have none."""
    msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    if getattr(tokenizer, "chat_template", None):
        try:
            return tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)
        except Exception:  # noqa: BLE001 - e.g. templates that reject a system turn
            msgs = [{"role": "user", "content": (system + "\n\n" if system else "") + user}]
            return tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)
    return ((system + "\n\n") if system else "") + user + "\n\nAnswer: "


def has_chat_template(tokenizer: Any) -> bool:
    return bool(getattr(tokenizer, "chat_template", None))


def prepare_tokenizer(tokenizer: Any) -> Any:
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _batches(lengths: Sequence[int], batch_size: int, max_batch_tokens: Optional[int] = None) -> list[list[int]]:
    """Indices sorted by length, cut into batches (by count and, optionally, padded token volume)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and (len(cur) >= batch_size or (max_batch_tokens and lengths[i] * (len(cur) + 1) > max_batch_tokens)):
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out


@torch.inference_mode()
def generate(model: Any, tokenizer: Any, prompts: list[str], gen_kwargs: dict[str, Any], batch_size: int = 8,
             max_batch_tokens: Optional[int] = None) -> list[tuple[str, bool]]:
    """Greedy (or beam) continuation of each prompt: (text, hit_token_limit) in input order."""
    prepare_tokenizer(tokenizer)
    ids = [tokenizer(p, add_special_tokens=False)["input_ids"] for p in prompts]
    out: list[tuple[str, bool]] = [("", False)] * len(prompts)
    max_new = gen_kwargs.get("max_new_tokens")
    for idx in _batches([len(x) for x in ids], batch_size, max_batch_tokens):
        enc = tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt").to(model.device)
        gen = model.generate(**enc, pad_token_id=tokenizer.pad_token_id, **gen_kwargs)
        new = gen[:, enc["input_ids"].shape[1]:]
        for j, i in enumerate(idx):
            row = new[j]
            n = int((row != tokenizer.pad_token_id).sum()) if tokenizer.pad_token_id != tokenizer.eos_token_id \
                else len(row)
            eos = tokenizer.eos_token_id
            ended = bool(eos is not None and (row == eos).any())
            text = tokenizer.decode(row, skip_special_tokens=True)
            out[i] = (text, bool(max_new and not ended and n >= max_new))
    return out


def _cache_arg(model: Any) -> str:
    """transformers >= 5.2x names the KV cache argument `cache`; earlier versions `past_key_values`."""
    import inspect

    params = inspect.signature(model.forward).parameters
    return "cache" if "cache" in params else "past_key_values"


def _cache_of(output: Any) -> Any:
    cache = getattr(output, "cache", None)
    return cache if cache is not None else output.past_key_values


@torch.inference_mode()
def continuation_logprobs(model: Any, tokenizer: Any, prompts: list[str], continuations: list[list[int]],
                          batch_size: int = 8, max_batch_tokens: Optional[int] = None) -> torch.Tensor:
    """log P(continuation | prompt) summed over the continuation's tokens: [n_prompts, n_continuations].

    The prompt is run once (only the last position's logits are computed);
    continuations longer than one token are scored from a copy of the prompt's
    KV cache, so a multi-token label costs a few token steps, not another pass
    over the prompt.
    """
    prepare_tokenizer(tokenizer)
    ids = [tokenizer(p, add_special_tokens=False)["input_ids"] for p in prompts]
    out = torch.zeros((len(prompts), len(continuations)))
    first = torch.tensor([c[0] for c in continuations])
    multi = [k for k, c in enumerate(continuations) if len(c) > 1]
    for idx in _batches([len(x) for x in ids], batch_size, max_batch_tokens):
        enc = tokenizer.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt").to(model.device)
        mask0 = enc["attention_mask"].long()
        pos0 = (mask0.cumsum(-1) - 1).clamp(min=0)  # positions count real tokens only, as in generate()
        res = model(**enc, position_ids=pos0, use_cache=bool(multi), logits_to_keep=1)
        logp0 = torch.log_softmax(res.logits[:, -1, :].float(), dim=-1)
        scores = logp0[:, first.to(logp0.device)].clone()
        for k in multi:
            cont = torch.tensor(continuations[k], device=model.device)
            n = len(idx)
            step_ids = cont[:-1].unsqueeze(0).expand(n, -1)
            mask = torch.cat([enc["attention_mask"], torch.ones((n, step_ids.shape[1]), dtype=enc["attention_mask"].dtype,
                                                                  device=model.device)], dim=1)
            pos = mask0.sum(-1, keepdim=True) + torch.arange(step_ids.shape[1], device=model.device)
            step = model(input_ids=step_ids, attention_mask=mask, position_ids=pos, use_cache=True,
                         **{_cache_arg(model): copy.deepcopy(_cache_of(res))})
            lp = torch.log_softmax(step.logits.float(), dim=-1)
            tok_lp = lp.gather(-1, cont[1:].unsqueeze(0).expand(n, -1).unsqueeze(-1)).squeeze(-1)
            scores[:, k] += tok_lp.sum(-1)
        for j, i in enumerate(idx):
            out[i] = scores[j].cpu()
    return out
