"""Extractive summaries over the sentence encoder: centroid relevance with MMR redundancy control.

Each statement sentence is scored by cosine similarity to the centroid of all
of the government's statement sentences; sentences are picked greedily by
maximal marginal relevance until the word budget is spent, then put back in
their original order.
"""
from __future__ import annotations

from typing import Any, Literal

import numpy as np
from pydantic import Field

from ..config import BackendParams
from ..models.encoder import get_encoder
from ..text import split_sentences
from .base import SummaryJob, SummaryOutput, Summarizer


class CentroidParams(BackendParams):
    backend: Literal["extractive"] = "extractive"
    model: str = "minilm"
    max_sentences: int = Field(3, ge=1)
    max_words: int = Field(80, ge=5)  # word budget of a summary
    mmr_lambda: float = Field(0.7, ge=0.0, le=1.0)  # 1 = relevance only, 0 = diversity only
    position_weight: float = Field(0.1, ge=0.0)  # bonus for earlier statements (news puts the key line first)
    max_sentence_words: int = Field(60, ge=5)  # skip run-on sentences unless nothing else is left
    # skip fragments (headline pieces) unless nothing else is left; measured in pipeline/compare/RESULTS.md s. 6
    min_sentence_words: int = Field(4, ge=1)


def mmr_select(emb: np.ndarray, relevance: np.ndarray, lengths: list[int], max_items: int, max_words: int,
               lam: float) -> list[int]:
    """Greedy MMR under an item and a word budget; the first pick is always taken."""
    chosen: list[int] = []
    words = 0
    candidates = list(range(len(relevance)))
    while candidates and len(chosen) < max_items:
        if chosen:
            redundancy = (emb[candidates] @ emb[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(candidates))
        scores = lam * relevance[candidates] - (1 - lam) * redundancy
        best = candidates[int(np.argmax(scores))]
        if chosen and words + lengths[best] > max_words:
            candidates.remove(best)
            continue
        chosen.append(best)
        words += lengths[best]
        candidates.remove(best)
    return sorted(chosen)


class CentroidSummarizer(Summarizer):
    Params = CentroidParams
    kind = "extractive"

    def __init__(self, params: CentroidParams, ctx: Any):
        super().__init__(params, ctx)
        self.encoder = get_encoder(ctx.models, params.model)

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        per_job = [self._sentences(job) for job in jobs]
        flat = [s for sents in per_job for s, _ in sents]
        emb_all = self.encoder.encode(flat)  # one batched pass over every job
        outputs, k = [], 0
        for job, sents in zip(jobs, per_job):
            emb = emb_all[k:k + len(sents)]
            k += len(sents)
            outputs.append(self._pick(sents, emb))
        return outputs

    def _sentences(self, job: SummaryJob) -> list[tuple[str, int]]:
        out = []
        for i, st in enumerate(job.statements):
            for s in split_sentences(st):
                out.append((s, i))
        return out

    def _pick(self, sents: list[tuple[str, int]], emb: np.ndarray) -> SummaryOutput:
        if not sents:
            return SummaryOutput("", {"selected": []})
        p = self.params
        centroid = emb.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        n_statements = max(i for _, i in sents) + 1
        relevance = emb @ centroid + p.position_weight * np.array(
            [1.0 - i / max(n_statements, 1) for _, i in sents])
        lengths = [len(s.split()) for s, _ in sents]
        eligible = ([j for j, n in enumerate(lengths) if p.min_sentence_words <= n <= p.max_sentence_words]
                    or [j for j, n in enumerate(lengths) if n <= p.max_sentence_words] or list(range(len(sents))))
        picked = mmr_select(emb[eligible], relevance[eligible], [lengths[j] for j in eligible],
                            p.max_sentences, p.max_words, p.mmr_lambda)
        chosen = [eligible[j] for j in picked]
        return SummaryOutput(" ".join(sents[j][0] for j in chosen),
                             {"selected": [{"statement": sents[j][1], "sentence": sents[j][0]} for j in chosen]})
