"""Stance from an instruct causal LM, by the likelihood of each label, calibrated.

The model is never asked to generate free text: each label's log-probability
as the answer is read off, then divided by the probabilities the same prompt
gives with a content-free statement ("N/A"), as in contextual calibration
(Zhao et al. 2021). A model's prior preference for one label word thus does
not decide the answer.
"""
from __future__ import annotations

from typing import Any, Literal

import torch
from pydantic import Field

from .base import StanceBackend, StancePair, StanceParams

DEFAULT_SYSTEM = ("You are a careful analyst of diplomatic statements. You judge only what the statement "
                  "itself says.")
DEFAULT_PROMPT = (
    "Target: {target}\n"
    "Statement: \"{statement}\"\n\n"
    "Does the speaker of this statement support the target (favor), oppose it (against), "
    "or take no clear position on it (neutral)? Answer with one word: favor, against or neutral.")


class InstructStanceParams(StanceParams):
    backend: Literal["instruct"] = "instruct"
    model: str = "qwen2.5-0.5b-instruct"
    system_prompt: str = DEFAULT_SYSTEM
    prompt: str = DEFAULT_PROMPT
    label_words: dict[str, str] = Field(default_factory=lambda: {"favor": "favor", "against": "against",
                                                                   "neutral": "neutral"})
    calibrate: bool = True
    content_free: list[str] = Field(default_factory=lambda: ["N/A", "", "[MASK]"])
    batch_size: int = Field(8, ge=1)
    max_statement_chars: int = Field(1500, ge=50)
    dtype: str | None = None  # override models.dtype for this model


class InstructStance(StanceBackend):
    Params = InstructStanceParams

    def __init__(self, params: InstructStanceParams, ctx: Any):
        super().__init__(params, ctx)
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForCausalLM", dtype=params.dtype)
        self.label_ids = {lab: self._first_token(word) for lab, word in params.label_words.items()}
        self._prior: dict[str, torch.Tensor] = {}

    def _first_token(self, word: str) -> int:
        ids = self.tokenizer.encode(word, add_special_tokens=False)
        return ids[0]

    def _prompt(self, statement: str, target: str) -> str:
        user = self.params.prompt.format(statement=statement[: self.params.max_statement_chars], target=target)
        msgs = [{"role": "system", "content": self.params.system_prompt}, {"role": "user", "content": user}]
        return self.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)

    @torch.inference_mode()
    def _label_logprobs(self, prompts: list[str]) -> torch.Tensor:
        """Log-probabilities of each label's first token as the answer, one row per prompt."""
        tok = self.tokenizer
        tok.padding_side = "left"
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        labels = list(self.label_ids)
        ids = torch.tensor([self.label_ids[lab] for lab in labels])
        rows = [None] * len(prompts)
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        for b in range(0, len(order), self.params.batch_size):
            idx = order[b:b + self.params.batch_size]
            enc = tok([prompts[i] for i in idx], return_tensors="pt", padding=True, add_special_tokens=False)
            enc = enc.to(self.model.device)
            # only the next-token distribution is needed: skip the vocabulary projection elsewhere
            logits = self.model(**enc, logits_to_keep=1).logits[:, -1, :].float()
            logp = torch.log_softmax(logits, dim=-1)[:, ids.to(logits.device)]
            logp = logp - torch.logsumexp(logp, dim=-1, keepdim=True)  # renormalize over the labels
            for j, i in enumerate(idx):
                rows[i] = logp[j].cpu()
        return torch.stack(rows) if rows else torch.zeros((0, len(labels)))

    def _content_free_prior(self, target: str) -> torch.Tensor:
        if target not in self._prior:
            cf = self._label_logprobs([self._prompt(x, target) for x in self.params.content_free])
            self._prior[target] = torch.logsumexp(cf, dim=0) - torch.log(torch.tensor(float(len(cf))))
        return self._prior[target]

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        if not pairs:
            return []
        logp = self._label_logprobs([self._prompt(p.statement, p.target) for p in pairs])
        if self.params.calibrate:
            prior = torch.stack([self._content_free_prior(p.target) for p in pairs])
            logp = logp - prior
        probs = torch.softmax(logp, dim=-1)
        labels = list(self.label_ids)
        return [{lab: float(row[k]) for k, lab in enumerate(labels)} for row in probs]
