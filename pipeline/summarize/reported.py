"""Reported-speech summaries: one well-formed sentence per statement that names who spoke.

Built on what the earlier stages computed: spaCy's sentences (segment) and each statement's
attribution spans (attribute: speaker, cue, content; resolve: who a "he" is). For a statement
the summarizer writes, in order of preference,

1. ``clause``: the attribution span as written (speaker + cue + content, e.g. "Pentagon officials
   said they had no immediate information ..."), widened to its quotes and closing punctuation;
2. ``sentence``: the whole spaCy sentence(s) that hold the statement;
3. ``composed``: "<speaker> said <content>." when the speaker is not in the statement's sentence
   (a quote that continues after "he said").

A pronoun speaker ("he said") is replaced by the resolved speaker. Each candidate must pass
``pipeline.text.sentence_problems`` (a finite verb with a subject at the root, balanced quotes,
closing punctuation); a statement none of whose forms passes is left out and the drop recorded.
Sentences are then taken in article order while they fit ``max_words`` (one statement: one
sentence), skipping repeats. Jobs without attribution context (plain text: SummEval) get the
well-formed sentences of their statements, in order, under the same budget.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from pydantic import Field

from ..config import BackendParams
from ..text import DEFAULT_SPACY_MODEL, group_problems, parse_model, person_name, split_sentences_many
from .base import SummaryJob, SummaryOutput, Summarizer
from .mentions import first_mentions, second_mentions
from .reported_forms import FORMS, _BUILDERS, merge_contexts
from .reported_text import _inside, _words
from .weekdays import without_weekdays




class ReportedParams(BackendParams):
    backend: Literal["reported"] = "reported"
    max_words: int = Field(60, ge=5, description="word budget of a summary (a first sentence may exceed it alone)")
    max_sentences: int = Field(3, ge=1)
    speaker_first: bool = Field(True, description="rewrite '\"...,\" X said.' as 'X said: \"...\"'")
    forms: list[Literal["clause", "speaker_sentence", "sentence", "composed"]] = Field(
        default_factory=lambda: list(FORMS), description="sentence forms to try per statement, in order")
    min_words: int = Field(4, ge=1, description="shorter candidate sentences are fragments")
    redundancy: float = Field(0.7, gt=0.0, le=1.0,
                              description="skip a sentence whose words are this much inside one already taken")
    rank: Literal["position", "centroid", "reported_first"] = Field(
        "position", description="which statements fill the budget first: article order; closeness to the "
                                "centroid of all the government's statements (MiniLM) with a bonus for early ones; "
                                "or reported (indirect) statements before direct quotations, each in article order")
    model: str = Field("minilm", description="sentence encoder for rank: centroid")
    position_weight: float = Field(0.1, ge=0.0)  # bonus for earlier statements when ranking (rank: centroid)
    spacy_model: str = DEFAULT_SPACY_MODEL  # spaCy pipeline that parses candidate sentences to check them
    full_names: bool = Field(True, description="name a speaker the article calls by a bare name ('Mr. Putin') "
                                               "by its fuller name at the summary's first mention ('President "
                                               "Vladimir Putin'), as resolve found it")
    drop_weekdays: bool = Field(True, description="leave out the weekday the article dated a statement by, outside "
                                                  "quotations ('said on Saturday it was' -> 'said it was'): detached "
                                                  "from the article's date it names no day (government summaries; "
                                                  "plain-text jobs such as SummEval keep their sentences as written)")
    join_pieces: bool = Field(True, description="write reported content its speaker cuts in two ('Cost estimates, "
                                                "he added, were ...') as one clause in the composed form ('X said "
                                                "cost estimates were ...'), not its first piece alone")
    country_names: bool = Field(False, description="name the country of a state body or office whose words name "
                                                   "none ('the Foreign Ministry') at the summary's first mention "
                                                   "('the South Korean Foreign Ministry'), as resolve found it")


@dataclass
class Candidate:
    text: str
    form: str
    statement: int
    position: int
    shorter: list["Candidate"] = field(default_factory=list)  # other well-formed forms, for a tight budget
    quoted: bool = False  # a direct quotation (rank: reported_first puts these last)




class ReportedSpeechSummarizer(Summarizer):
    Params = ReportedParams
    kind = "extractive"

    def __init__(self, params: ReportedParams, ctx: Any):
        super().__init__(params, ctx)
        self.nlp = parse_model(params.spacy_model)
        # each sentence form's builder, with the composed form's own option bound once
        self.builders = {**_BUILDERS, "composed": partial(_BUILDERS["composed"], join_pieces=params.join_pieces)}
        self.encoder = None
        if params.rank == "centroid":
            from ..models.encoder import get_encoder

            self.encoder = get_encoder(ctx.models, params.model)

    def _order(self, good: list[Candidate]) -> list[Candidate]:
        """Candidates in the order they get the budget (they are printed in article order)."""
        good = sorted(good, key=lambda c: c.position)
        if self.params.rank == "reported_first":
            return sorted(good, key=lambda c: c.quoted)
        if self.encoder is None or len(good) < 2:
            return good
        import numpy as np

        emb = np.asarray(self.encoder.encode([c.text for c in good]))
        centroid = emb.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        score = emb @ centroid + self.params.position_weight * np.array([1 - k / len(good) for k in range(len(good))])
        return [good[k] for k in np.argsort(-score, kind="stable")]

    def describe(self) -> dict[str, Any]:
        out = {**super().describe(), "forms": list(self.params.forms), "max_words": self.params.max_words,
               "rank": self.params.rank, "spacy_model": self.params.spacy_model}
        if self.params.rank != "centroid":
            out.pop("model", None)  # no encoder is used
        return out

    # -- candidates ---------------------------------------------------------------------------
    def _candidates(self, job: SummaryJob) -> tuple[list[list[tuple[str, str]]], bool]:
        """Per statement, its candidate sentences (form, text) in order of preference. Statements of
        one sentence are written as one (the first of them carries it, the others get none)."""
        if job.sources and len(job.sources) == len(job.statements):
            groups: dict[tuple[int, int], list[int]] = {}
            for i, src in enumerate(job.sources):
                groups.setdefault((src.offset, len(src.window)), []).append(i)
            out: list[list[tuple[str, str]]] = [[] for _ in job.sources]
            for members in groups.values():
                src = merge_contexts([job.sources[i] for i in members])
                forms: list[tuple[str, str]] = []
                for f in self.params.forms:
                    t = self.builders[f](src, self.params.speaker_first)
                    if t and all(t != x for _, x in forms):
                        forms.append((f, t))
                out[members[0]] = forms
            return out, True
        sents = split_sentences_many(job.statements)
        return [[("sentence", s) for s in ss] for ss in sents], False

    def _passes(self, texts: list[str]) -> list[list[str]]:
        """Problems of each candidate; a candidate that spaCy reads as several sentences (a quote
        running over two) must pass in every one of them, its quote marks judged over the whole."""
        uniq = list(dict.fromkeys(texts))
        probs = {}
        for t, doc in zip(uniq, self.nlp.pipe(uniq, batch_size=64)):
            sents = list(doc.sents) or [doc[:]]
            p = sorted({x for ps in group_problems(sents, t) for x in ps})
            if len(_words(t)) < self.params.min_words:
                p.append("too_short")
            probs[t] = p
        return [probs[t] for t in texts]

    def all_sentences(self, job: SummaryJob) -> list[str]:
        """Every well-formed reported-speech sentence of a job's statements, in article order, with no
        word budget (the input of the abstractive summarizer's per-government prompt)."""
        cands, with_context = self._candidates(job)
        flat = [t for forms in cands for _, t in forms]
        checks = dict(zip(flat, self._passes(flat))) if flat else {}
        order = sorted(range(len(cands)), key=lambda i: job.sources[i].position if with_context else i)
        out = []
        for i in order:
            ok = [t for _, t in cands[i] if not checks.get(t)]
            if with_context:
                out += ok[:1]
            else:
                out += ok
        return out

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:
        per_job = [self._candidates(j) for j in jobs]
        flat = [t for cands, _ in per_job for forms in cands for _, t in forms]
        checks = dict(zip(flat, self._passes(flat))) if flat else {}
        return [self._pick(job, cands, with_context, checks) for job, (cands, with_context) in zip(jobs, per_job)]

    def _pick(self, job: SummaryJob, cands: list[list[tuple[str, str]]], with_context: bool,
              checks: dict[str, list[str]]) -> SummaryOutput:
        p = self.params
        chosen: list[Candidate] = []
        dropped: list[dict[str, Any]] = []
        skipped: list[dict[str, Any]] = []
        good: list[Candidate] = []
        for i, forms in enumerate(cands):
            pos = job.sources[i].position if with_context else i
            ok = [(f, t) for f, t in forms if not checks.get(t)]
            if with_context:
                if not forms and job.sources[i] is not None:
                    continue  # written together with an earlier statement of the same sentence
                if not ok:
                    dropped.append({"statement": i, "problems": sorted({x for _, t in forms for x in checks.get(t, [])})
                                    or ["no_candidate"], "text": job.statements[i][:200]})
                    continue
                f, t = ok[0]
                c = Candidate(t, f, i, pos, quoted=job.sources[i].type == "direct")
                c.shorter = [Candidate(t2, f2, i, pos) for f2, t2 in ok[1:] if len(t2.split()) < len(t.split())]
                good.append(c)
            else:
                for f, t in forms:
                    if checks.get(t):
                        dropped.append({"statement": i, "problems": checks[t], "text": t[:200]})
                    else:
                        good.append(Candidate(t, f, i, pos))
        words = 0
        for c in self._order(good):
            if len(chosen) >= p.max_sentences:
                break
            n = len(c.text.split())
            if any(_inside(c.text, x.text) >= p.redundancy for x in chosen):
                skipped.append({"statement": c.statement, "why": "repeats a chosen sentence"})
                continue
            part = next((x for x in chosen if _inside(x.text, c.text) >= p.redundancy), None)
            if part is not None:  # a chosen sentence this one says again, and more: keep the fuller one only
                if words - len(part.text.split()) + n > p.max_words:
                    skipped.append({"statement": c.statement, "why": "repeats a chosen sentence"})
                    continue
                chosen.remove(part)
                words -= len(part.text.split())
                skipped.append({"statement": part.statement, "why": "said again, more fully, by a later choice"})
            if chosen and words + n > p.max_words:
                fit = next((x for x in c.shorter if words + len(x.text.split()) <= p.max_words
                            and not any(_inside(x.text, y.text) >= p.redundancy for y in chosen)), None)
                if fit is None:
                    skipped.append({"statement": c.statement, "why": "over the word budget"})
                    continue
                c, n = fit, len(fit.text.split())
            chosen.append(c)
            words += n
        chosen.sort(key=lambda c: c.position)
        meta: dict[str, Any] = {"mode": "attribution" if with_context else "sentences",
                                "selected": [{"statement": c.statement, "form": c.form} for c in chosen]}
        if dropped:
            meta["dropped"] = dropped
        if skipped:
            meta["skipped"] = skipped
        texts = [without_weekdays(c.text) if self.params.drop_weekdays and with_context else c.text for c in chosen]
        kinds = {k for k, on in (("name", self.params.full_names), ("country", self.params.country_names)) if on}
        if with_context and kinds:
            texts = first_mentions(texts, [[(x, src.speaker_described if src.speaker_described_by in kinds else "")
                                            for x in (src.speaker_mention, src.speaker)]
                                           for src in (job.sources[c.statement] for c in chosen)])
        if with_context and len(chosen) > 1:
            speakers = [[x for x in (job.sources[c.statement].speaker, job.sources[c.statement].speaker_mention) if x]
                        for c in chosen]
            texts = second_mentions(texts, speakers, person_name)
        return SummaryOutput(" ".join(texts), meta)
