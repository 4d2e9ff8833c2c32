"""Faithfulness check for generated summaries: every sentence must be supported by one of the
government's own statements, or it is dropped and the drop recorded.

Support is decided per summary sentence against that government's statements only:

- ``nli``: entailment by a local NLI model (``nli_model``: a folder or registry name of an
  ``AutoModelForSequenceClassification`` whose config names an "entailment" label); premises are
  each statement alone and all of them joined; supported when P(entailment) >= ``nli_threshold``.
- ``paraphrase``: close paraphrase, for when no NLI model is installed (none ships offline here):
  the sentence's MiniLM cosine to some statement (or statement sentence) is >= ``paraphrase_threshold``
  (0.6: above what unrelated news sentences reach, the calibration of the faithfulness metric)
  AND every number and capitalised name in the sentence occurs in the statements, the sentences
  that hold them (speaker, cue, "on Wednesday") or the government's name (a paraphrase may reword,
  it may not add a figure or a person).
  This is a proxy, not entailment: a negated claim on the same topic can pass; its name is
  recorded with every check.
- ``auto``: ``nli`` when ``nli_model`` is set, else ``paraphrase``.

A summary left with no sentence is replaced by the reported-speech summary of the same statements
(``fallback: reported``), by name, in the summary's meta and the run's notes.
"""
from __future__ import annotations

import re
from typing import Any, Literal, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..text import split_sentences, split_sentences_many
from .base import SummaryJob, SummaryOutput

_NUMBER = re.compile(r"\d[\d,.]*")
_FUNCTION_CAPS = {"The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "In",
                  "On", "At", "But", "And", "Or", "If", "As", "Mr", "Mrs", "Ms", "Dr"}


class FaithfulnessParams(BaseModel):
    """summarize.faithfulness in the config."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())
    enabled: bool = True  # drop generated sentences that no statement supports
    # nli: entailment by nli_model; paraphrase: MiniLM cosine plus names and numbers; auto: nli when given
    scorer: Literal["auto", "nli", "paraphrase"] = "auto"
    nli_model: Optional[str] = Field(None, description="local folder or registry name of an NLI model")
    nli_threshold: float = Field(0.5, gt=0.0, le=1.0)  # P(entailment) a supported sentence needs
    encoder: str = Field("minilm", description="sentence encoder for the paraphrase scorer")
    paraphrase_threshold: float = Field(0.6, gt=0.0, le=1.0)  # cosine a supported sentence needs
    check_names: bool = Field(True, description="paraphrase: numbers and names must occur in the statements")
    # when no sentence is left: the reported-speech summary, or an empty one (the drop is recorded)
    fallback: Literal["reported", "none"] = "reported"


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def new_facts(sentence: str, sources: list[str]) -> list[str]:
    """Numbers and names in `sentence` that none of `sources` contains. A name is a word spaCy tags
    as a proper noun, or a capitalised word inside the sentence; function words do not count."""
    from ..text import parse_model

    pool = " " + _norm(" ".join(sources)) + " "
    missing = []
    for m in _NUMBER.finditer(sentence):
        tok = _norm(m.group(0))
        if tok and f" {tok} " not in pool and tok.replace(" ", "") not in pool.replace(" ", ""):
            missing.append(m.group(0))
    doc = parse_model()(sentence)
    for t in doc:
        if not t.text[:1].isupper() or t.text in _FUNCTION_CAPS or not t.is_alpha:
            continue
        if t.pos_ != "PROPN" and t.is_sent_start:
            continue  # "Officials said ...": a capital because the sentence starts there
        stem = _norm(t.text).removesuffix(" s")
        if stem and f" {stem}" not in pool and t.text not in missing:
            missing.append(t.text)
    return missing


class FaithfulnessChecker:
    """Scores and filters summary sentences (see the module doc). Models load on first use."""

    def __init__(self, params: FaithfulnessParams, ctx: Any):
        self.params = params
        self.ctx = ctx
        self.name = "nli" if (params.scorer == "nli" or (params.scorer == "auto" and params.nli_model)) \
            else "paraphrase"
        if self.name == "nli" and not params.nli_model:
            raise ValueError("summarize.faithfulness.scorer is 'nli' but summarize.faithfulness.nli_model is not set")
        self._encoder = None
        self._nli = None

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scorer": self.name}
        if self.name == "nli":
            out.update(model=self.params.nli_model, threshold=self.params.nli_threshold)
        else:
            out.update(encoder=self.params.encoder, threshold=self.params.paraphrase_threshold,
                       check_names=self.params.check_names,
                       note="close-paraphrase proxy (MiniLM cosine + no new numbers or names), not entailment")
        return out

    # -- scorers -----------------------------------------------------------------------------
    def _paraphrase(self, sentences: list[str], statements: list[str], extra_names: list[str]) -> list[dict]:
        if self._encoder is None:
            from ..models.encoder import get_encoder

            self._encoder = get_encoder(self.ctx.models, self.params.encoder)
        units = list(dict.fromkeys(statements + [s for ss in split_sentences_many(statements) for s in ss]))
        emb = self._encoder.encode(sentences + units)
        s_emb, u_emb = np.asarray(emb[:len(sentences)]), np.asarray(emb[len(sentences):])
        sims = (s_emb @ u_emb.T).max(axis=1) if len(units) else np.zeros(len(sentences))
        out = []
        for sent, sim in zip(sentences, sims):
            missing = new_facts(sent, statements + extra_names) if self.params.check_names else []
            ok = float(sim) >= self.params.paraphrase_threshold and not missing
            out.append({"score": round(float(sim), 4), "supported": ok, **({"new_facts": missing} if missing else {})})
        return out

    def _entailment(self, sentences: list[str], statements: list[str]) -> list[dict]:
        import torch

        if self._nli is None:
            mgr = self.ctx.models
            tok = mgr.tokenizer(self.params.nli_model)
            model = mgr.load(self.params.nli_model, "AutoModelForSequenceClassification")
            labels = {str(v).lower(): int(k) for k, v in model.config.id2label.items()}
            ent = next((i for name, i in labels.items() if name.startswith("entail")), None)
            if ent is None:
                raise ValueError(f"summarize.faithfulness.nli_model {self.params.nli_model!r}: no 'entailment' label "
                                 f"in config.id2label {model.config.id2label}")
            self._nli = (tok, model, ent)
        tok, model, ent = self._nli
        premises = statements + ([" ".join(statements)] if len(statements) > 1 else [])
        out = []
        for sent in sentences:
            enc = tok(premises, [sent] * len(premises), return_tensors="pt", padding=True, truncation=True,
                      max_length=min(512, getattr(tok, "model_max_length", 512) or 512)).to(model.device)
            with torch.inference_mode():
                probs = torch.softmax(model(**enc).logits.float(), dim=-1)[:, ent]
            p = float(probs.max())
            out.append({"score": round(p, 4), "supported": p >= self.params.nli_threshold})
        return out

    def check(self, job: SummaryJob, summary: str) -> tuple[str, dict[str, Any]]:
        """The summary with unsupported sentences dropped, and the record of what was checked."""
        sentences = split_sentences(summary)
        if not sentences or not job.statements:
            return summary, {**self.describe(), "sentences": len(sentences), "dropped": []}
        # who spoke and when: the speaker's name, the government's, and the sentences that hold each
        # statement ("officials said Wednesday") may be reported; any other name or number may not
        names = [job.government] + [x for s in (job.sources or []) for x in (s.speaker, s.window) if x]
        scores = (self._entailment(sentences, job.statements) if self.name == "nli"
                  else self._paraphrase(sentences, job.statements, names))
        kept = [s for s, sc in zip(sentences, scores) if sc["supported"]]
        dropped = [{"sentence": s, **sc} for s, sc in zip(sentences, scores) if not sc["supported"]]
        return " ".join(kept), {**self.describe(), "sentences": len(sentences), "kept": len(kept), "dropped": dropped}

    def apply(self, jobs: list[SummaryJob], outs: list[SummaryOutput], fallback) -> tuple[list[SummaryOutput], dict]:
        """Check every output; `fallback(job_indices)` gives the replacement outputs for emptied ones."""
        checked, emptied = [], []
        n_dropped = 0
        for i, (job, o) in enumerate(zip(jobs, outs)):
            text, rec = self.check(job, o.text)
            n_dropped += len(rec.get("dropped", []))
            if o.text.strip() and not text.strip() and job.statements:
                emptied.append(i)
            checked.append(SummaryOutput(text, {**o.meta, "faithfulness": rec}))
        if emptied and self.params.fallback == "reported":
            for i, fb in zip(emptied, fallback(emptied)):
                checked[i] = SummaryOutput(fb.text, {**checked[i].meta, "fallback": "reported",
                                                      "fallback_meta": fb.meta})
        return checked, {"dropped_sentences": n_dropped, "emptied": len(emptied)}
