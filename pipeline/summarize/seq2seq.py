"""Abstractive summaries from any AutoModelForSeq2SeqLM (BART, PEGASUS, T5 with its "summarize: " prefix).

Inputs longer than the model accepts are chunked at sentence boundaries and
the chunk summaries merged (summarized again), never truncated. All chunks of
all jobs (articles x governments) are sorted by length and generated in
batches with dynamic padding. Generation settings left unset come from the
model's own generation_config (e.g. bart-large-cnn: 4 beams, 56-142 tokens,
no repeated trigrams).
"""
from __future__ import annotations

from typing import Any

import torch

from ..models.lm import _batches
from ..text import split_sentences
from .base import SummaryJob, SummaryOutput, summarize_chunked
from .guard import GenerativeSummarizer
from .params import Seq2SeqParams  # noqa: F401 (params.py: no torch)

_T5_TYPES = ("t5", "mt5", "umt5", "longt5", "switch_transformers")


class Seq2SeqSummarizer(GenerativeSummarizer):
    Params = Seq2SeqParams
    kind = "abstractive"

    def __init__(self, params: Seq2SeqParams, ctx: Any):
        super().__init__(params, ctx)
        ctx.models.check_task(params.model, ("summarization",), "summarize.model")
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForSeq2SeqLM", dtype=params.dtype)
        cfg = self.model.config
        if params.prefix is not None:
            self.prefix = params.prefix
        else:
            tsp = (getattr(cfg, "task_specific_params", None) or {}).get("summarization") or {}
            self.prefix = tsp.get("prefix") or ("summarize: " if cfg.model_type in _T5_TYPES else "")
        self.limit = self._input_limit()
        gc = self.model.generation_config
        self.gen = {
            "num_beams": params.num_beams or getattr(gc, "num_beams", None) or 4,
            "max_length": params.max_length or self._model_default("max_length", 142),
            "min_length": params.min_length if params.min_length is not None else self._model_default("min_length", 0),
            "no_repeat_ngram_size": params.no_repeat_ngram_size if params.no_repeat_ngram_size is not None
            else self._model_default("no_repeat_ngram_size", 3),
            "length_penalty": params.length_penalty if params.length_penalty is not None
            else self._model_default("length_penalty", 1.0),
            "early_stopping": True,
            "do_sample": False,
        }

    def _model_default(self, key: str, fallback: Any) -> Any:
        tsp = (getattr(self.model.config, "task_specific_params", None) or {}).get("summarization") or {}
        if key in tsp:
            return tsp[key]
        value = getattr(self.model.generation_config, key, None)
        # transformers' built-in defaults (max_length=20 ...) are not a summarization setting
        if value is None or (key == "max_length" and value == 20) or (key in ("min_length", "no_repeat_ngram_size")
                                                                      and value == 0):
            return fallback
        return value

    def _input_limit(self) -> int:
        if self.params.max_input_tokens:
            return self.params.max_input_tokens
        cands = [getattr(self.model.config, k, None) for k in ("max_position_embeddings", "n_positions", "max_length")]
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        if tok_max and tok_max < 100_000:
            cands.append(tok_max)
        cands = [c for c in cands if isinstance(c, int) and c > 0]
        return min(cands) if cands else 512

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "generation": self.gen, "prefix": self.prefix, "max_input_tokens": self.limit}

    def generate_summaries(self, jobs: list[SummaryJob], gen_settings: dict[str, Any]) -> list[SummaryOutput]:
        n_prefix = len(self.tokenizer(self.prefix, add_special_tokens=False)["input_ids"]) if self.prefix else 0
        n_special = self.tokenizer.num_special_tokens_to_add(pair=False)
        limit = self.limit - n_prefix - n_special
        sentences = [[s for st in job.statements for s in split_sentences(st)] for job in jobs]
        done = summarize_chunked(sentences, self.tokenizer, limit,
                                 lambda owners, texts: self._generate(owners, texts, gen_settings), self.params.merge,
                                 self.params.max_rounds)
        return [SummaryOutput(text, {**meta, "model": self.params.model}) for text, meta in done]

    @torch.inference_mode()
    def _generate(self, owners: list[int], texts: list[str], gen_settings: dict[str, Any]) -> list[str]:
        tok = self.tokenizer
        tok.padding_side = "right"
        inputs = [self.prefix + t for t in texts]
        ids = [tok(t, verbose=False)["input_ids"] for t in inputs]
        out = [""] * len(texts)
        for idx in _batches([len(x) for x in ids], self.params.batch_size):
            enc = tok.pad({"input_ids": [ids[i] for i in idx]}, return_tensors="pt").to(self.model.device)
            gen = dict(gen_settings)
            # a short statement cannot fill a long minimum without inventing: cap it at half the input
            shortest = min(len(ids[i]) for i in idx)
            gen["min_length"] = min(gen["min_length"] or 0, shortest // 2)
            res = self.model.generate(**enc, **gen)
            for j, i in enumerate(idx):
                out[i] = tok.decode(res[j], skip_special_tokens=True).strip()
        return out
