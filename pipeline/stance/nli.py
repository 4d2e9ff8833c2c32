"""Zero-shot stance from any NLI model (AutoModelForSequenceClassification with entailment labels).

The statement is the premise; each stance label has a hypothesis made from a
configurable template ("The speaker supports {target}."). The entailment and
contradiction label ids are read from the model's config (id2label), so
3-way MNLI models and 2-way entailment/not_entailment models both work.

mode "labels" (the zero-shot-classification recipe): one hypothesis per
stance label, the entailment logits softmaxed across the labels.
mode "single": one hypothesis ("The speaker supports {target}."); entailment
is favor, contradiction against, the rest neutral (needs a contradiction label).

A premise longer than the model's input is split into windows of whole
sentences and the windows' label distributions averaged, not truncated.
"""
from __future__ import annotations

from typing import Any, Optional

import torch

from ..models.lm import _batches
from ..summarize.base import chunk_text
from ..text import split_sentences
from .base import StanceBackend, StancePair
from .params import DEFAULT_HYPOTHESES, NLIStanceParams  # noqa: F401 (params.py: importable without torch)



def find_label_ids(id2label: dict[Any, str]) -> tuple[int, Optional[int], Optional[int]]:
    """(entailment, contradiction or None, neutral or None) ids from a model config's id2label."""
    ent = con = neu = None
    for i, name in id2label.items():
        n = str(name).lower().replace("-", "_")
        if n.startswith("entail"):
            ent = int(i)
        elif n.startswith("contradict"):
            con = int(i)
        elif n.startswith("neutral"):
            neu = int(i)
    if ent is None:
        raise ValueError(f"stance.model: the model's labels {sorted(map(str, id2label.values()))} have no "
                         f"'entailment' label; an NLI model is needed")
    return ent, con, neu


class NLIStance(StanceBackend):
    Params = NLIStanceParams

    def __init__(self, params: NLIStanceParams, ctx: Any):
        super().__init__(params, ctx)
        if params.mode == "labels":
            missing = set(self.labels) - set(params.hypotheses)
            if missing:
                raise ValueError(f"stance.hypotheses: no hypothesis for {', '.join(sorted(missing))}")
        ctx.models.check_task(params.model, ("zero-shot-classification",), "stance.model")
        self.tokenizer = ctx.models.tokenizer(params.model)
        self.model = ctx.models.load(params.model, "AutoModelForSequenceClassification", dtype=params.dtype)
        self.ent, self.con, self.neu = find_label_ids(self.model.config.id2label)
        if params.mode == "single" and self.con is None:
            raise ValueError(f"stance.mode: 'single' needs a contradiction label; the model has "
                             f"{sorted(self.model.config.id2label.values())}; use mode: labels")
        limits = [getattr(self.model.config, "max_position_embeddings", None), getattr(self.tokenizer, "model_max_length", None)]
        limits = [x for x in limits if isinstance(x, int) and 0 < x < 100_000]
        self.max_length = params.max_length or (min(limits) if limits else 512)

    def describe(self) -> dict[str, Any]:
        labels = {"entailment": self.ent, "contradiction": self.con, "neutral": self.neu}
        return {**super().describe(), "mode": self.params.mode, "nli_label_ids": labels}

    def _hypotheses(self, target: str) -> list[str]:
        if self.params.mode == "single":
            return [self.params.hypothesis_template.format(target=target)]
        return [self.params.hypotheses[lab].format(target=target) for lab in self.labels]

    def _windows(self, premise: str, hypotheses: list[str]) -> list[str]:
        room = self.max_length - max(len(self.tokenizer(h)["input_ids"]) for h in hypotheses) - 2
        if len(self.tokenizer(premise, add_special_tokens=False, verbose=False)["input_ids"]) <= room:
            return [premise]
        return chunk_text(split_sentences(premise), self.tokenizer, max(16, room))

    @torch.inference_mode()
    def _logits(self, premises: list[str], hypotheses: list[str]) -> torch.Tensor:
        tok = self.tokenizer
        tok.padding_side = "right"
        ids = [tok(p, h, verbose=False)["input_ids"] for p, h in zip(premises, hypotheses)]
        out = torch.zeros((len(ids), self.model.config.num_labels))
        for idx in _batches([len(x) for x in ids], self.params.batch_size):
            enc = tok([premises[i] for i in idx], [hypotheses[i] for i in idx], padding=True, truncation="only_first",
                      max_length=self.max_length, return_tensors="pt").to(self.model.device)
            out[idx] = self.model(**enc).logits.float().cpu()
        return out

    def score(self, pairs: list[StancePair]) -> list[dict[str, float]]:
        if not pairs:
            return []
        rows: list[tuple[int, int]] = []  # (pair, window) of each premise/hypothesis group
        premises, hyps = [], []
        for i, p in enumerate(pairs):
            hs = self._hypotheses(p.target)
            for w in self._windows(p.statement, hs):
                rows.append((i, len(premises)))
                for h in hs:
                    premises.append(w)
                    hyps.append(h)
        logits = self._logits(premises, hyps)
        k = len(self._hypotheses(pairs[0].target))
        acc = [torch.zeros(len(self.labels)) for _ in pairs]
        n = [0] * len(pairs)
        for i, start in rows:
            block = logits[start:start + k]
            if self.params.mode == "labels":
                dist = torch.softmax(block[:, self.ent], dim=0)
            else:
                pr = torch.softmax(block[0], dim=0)
                favor, against = pr[self.ent], pr[self.con]
                dist = torch.stack([favor, against, 1 - favor - against])  # order of STANCE_LABELS
            acc[i] += dist
            n[i] += 1
        out = []
        for a, c in zip(acc, n):
            d = a / max(c, 1)
            out.append({lab: float(d[j]) for j, lab in enumerate(self.labels)})
        return out
