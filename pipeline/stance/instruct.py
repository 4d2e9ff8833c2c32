"""Stance from an instruct causal LM, by the likelihood of each label, calibrated.

The model is never asked to generate free text: each label's log-probability
as the answer (the whole label continuation, every token of it, and the
log-sum over a label's alternative words) is read off, then divided by the
probabilities the same prompt gives with content-free statements ("N/A", ...),
as in contextual calibration (Zhao et al. 2021). A model's prior preference
for one label word thus does not decide the answer.
"""
from __future__ import annotations

from typing import Any

import torch

from ..models.lm import chat_prompt, continuation_logprobs, has_chat_template
from .base import StanceBackend, StancePair
from .params import DEFAULT_PROMPT, DEFAULT_SYSTEM, InstructStanceParams  # noqa: F401 (params.py: importable without torch)


class InstructStance(StanceBackend):
    Params = InstructStanceParams

    def __init__(self, params: InstructStanceParams, ctx: Any):
        super().__init__(params, ctx)
        missing = set(self.labels) - set(params.label_words)
        if missing:
            raise ValueError(f"stance.label_words: no word for {', '.join(sorted(missing))}")
        ctx.models.check_task(params.model, ("text-generation",), "stance.model")
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForCausalLM", dtype=params.dtype)
        if not has_chat_template(self.tokenizer):
            ctx.note(f"stance (instruct): model {params.model!r} has no chat template; a plain prompt is used")
        # every (label, word) continuation, as token ids in the position right after the prompt
        self.continuations: list[list[int]] = []
        self.owner: list[int] = []
        for k, lab in enumerate(self.labels):
            words = params.label_words[lab]
            for w in [words] if isinstance(words, str) else words:
                ids = self.tokenizer.encode(w, add_special_tokens=False)
                if not ids:
                    raise ValueError(f"stance.label_words.{lab}: {w!r} has no tokens")
                self.continuations.append(ids)
                self.owner.append(k)
        self._prior: dict[str, torch.Tensor] = {}

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "calibrate": self.params.calibrate,
                "label_tokens": {self.labels[o]: c for o, c in zip(self.owner, self.continuations)}}

    def _prompt(self, statement: str, target: str) -> str:
        if len(statement) > self.params.max_statement_chars:
            self.ctx.note(f"stance (instruct): statements longer than {self.params.max_statement_chars} "
                          f"characters are cut to that length")
        user = self.params.prompt.format(statement=statement[: self.params.max_statement_chars], target=target)
        return chat_prompt(self.tokenizer, self.params.system_prompt, user)

    def _label_logprobs(self, prompts: list[str]) -> torch.Tensor:
        """log P(label | prompt), renormalized over the labels: [n_prompts, n_labels]."""
        if not prompts:
            return torch.zeros((0, len(self.labels)))
        cont = continuation_logprobs(self.model, self.tokenizer, prompts, self.continuations,
                                     self.params.batch_size, self.params.max_batch_tokens)
        per_label = torch.stack([torch.logsumexp(cont[:, [j for j, o in enumerate(self.owner) if o == k]], dim=-1)
                                 for k in range(len(self.labels))], dim=-1)
        return per_label - torch.logsumexp(per_label, dim=-1, keepdim=True)

    def _content_free_prior(self, targets: list[str]) -> None:
        todo = [t for t in dict.fromkeys(targets) if t not in self._prior]
        if not todo:
            return
        prompts = [self._prompt(x, t) for t in todo for x in self.params.content_free]
        cf = self._label_logprobs(prompts).view(len(todo), len(self.params.content_free), -1)
        n = torch.log(torch.tensor(float(len(self.params.content_free))))
        for t, rows in zip(todo, cf):
            self._prior[t] = torch.logsumexp(rows, dim=0) - n

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        if not pairs:
            return []
        logp = self._label_logprobs([self._prompt(p.statement, p.target) for p in pairs])
        if self.params.calibrate:
            self._content_free_prior([p.target for p in pairs])
            logp = logp - torch.stack([self._prior[p.target] for p in pairs])
        probs = torch.softmax(logp, dim=-1)
        return [{lab: float(row[k]) for k, lab in enumerate(self.labels)} for row in probs]
