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

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Optional

from pydantic import Field

from ..config import BackendParams
from ..text import DEFAULT_SPACY_MODEL, has_clause, parse_model, sentence_problems, split_sentences_many
from .base import StatementContext, SummaryJob, SummaryOutput, Summarizer

_OPEN_Q = "\"'\u201c\u2018"
_CLOSE_Q = "\"'\u201d\u2019"
_TRAIL = ".!?\u2026" + _CLOSE_Q + ")]"
_WS = re.compile(r"\s+")
FORMS = ("clause", "speaker_sentence", "sentence", "composed")
_UNNAMED = {"(unknown)", "he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "unknown", ""}


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
    rank: Literal["position", "centroid"] = Field(
        "position", description="which statements fill the budget first: article order, or closeness to the "
                                "centroid of all the government's statements (MiniLM) with a bonus for early ones")
    model: str = Field("minilm", description="sentence encoder for rank: centroid")
    position_weight: float = Field(0.1, ge=0.0)
    spacy_model: str = DEFAULT_SPACY_MODEL


@dataclass
class Candidate:
    text: str
    form: str
    statement: int
    position: int
    shorter: list["Candidate"] = field(default_factory=list)  # other well-formed forms, for a tight budget


def _squash(text: str) -> str:
    """One space between words; editorial brackets ('[Chinese] President Xi [Jinping]') keep their
    words and lose the brackets, which spaCy takes for sentence ends."""
    text = _BRACKETS.sub(r"\1", text).replace("''", '"').replace("``", '"')  # typewriter double quotes
    return _WS.sub(" ", text).strip()


_BRACKETS = re.compile(r"\[([^\[\]\n]{1,60})\]")


def _cap(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def _close_quotes(text: str) -> str:
    """Close a double quote opened inside the sentence and left open (a quote that runs on into the
    next paragraph); never invent an opening one."""
    t = text
    if t.count("\u201c") > t.count("\u201d"):
        t += "\u201d"
    elif t.count('"') % 2:
        t += '"'
    return t


def _finish(text: str) -> str:
    """Closing punctuation: ',"' at the end becomes '."'; a bare end gets a full stop."""
    t = text.rstrip(" ,;:\u2014\u2013-")
    m = re.search(r"[,;:]([\"'\u201d\u2019]+)$", t)
    if m:
        t = t[:m.start()] + "." + m.group(1)
    if not re.search(r"[.!?\u2026][\"'\u201d\u2019)\]]*$", t):
        t += "."
    return t


def _speaks(ctx: StatementContext) -> bool:
    """The speaker mention is the subject of the cue ('he said', 'said he'), so a pronoun there can
    be replaced by who it is; elsewhere ('should they dare') it is left as written."""
    if not ctx.speaker_span or not ctx.cue_span:
        return False
    (s0, s1), (c0, c1) = ctx.speaker_span, ctx.cue_span
    gap = ctx.window[s1:c0] if s1 <= c0 else ctx.window[c1:s0]
    return len(gap.strip()) <= 3 or re.fullmatch(r"\s*(?:also|then|later|again|has|have|had|was|were|is|will|would)?\s*",
                                                 gap) is not None


def _replace_speaker(window: str, ctx: StatementContext, a: int, b: int) -> str:
    """window[a:b] with a pronoun speaker ('he said') swapped for the resolved speaker."""
    if ctx.speaker_span and ctx.pronoun_speaker and _named(ctx.speaker) and _speaks(ctx):
        s0, s1 = ctx.speaker_span
        if a <= s0 and s1 <= b:
            at_start = not window[a:s0].strip(_OPEN_Q + " ")
            return window[a:s0] + (_cap(ctx.speaker) if at_start else ctx.speaker) + window[s1:b]
    return window[a:b]


def _named(speaker: str) -> bool:
    return bool(speaker) and speaker.strip().lower() not in _UNNAMED


_BREAK_WORDS = {"and", "but", "or", "while", "which", "who", "whom", "whose", "as", "after", "because", "although",
                "though", "since", "when", "where", "whereas", "amid", "despite", "saying", "adding", "according",
                "citing", "before", "until", "unless", "if", "so", "yet", "nor", "then"}


def _clause_end(w: str, a: int, b: int, sentence_end: int) -> int:
    """Where a clause that the attribution spans end at `b` should stop: at `b` when that is a
    natural break (punctuation, 'and', 'which', ...); at the end of the sentence when the rest is
    short ("..., Carter told a Senate panel") or when `b` cuts a phrase in two ("The government
    says paying ransom to terrorists | only fuels more abductions")."""
    tail = w[b:sentence_end]
    if not tail.strip():
        return sentence_end
    opened = w[a:b].count("\u201c") > w[a:b].count("\u201d") or w[a:b].count('"') % 2 == 1
    if opened:  # a quotation left open: run to its end when it closes in this sentence
        m = re.search(r"[\u201d\"]", tail)
        if m:
            return b + m.end()
    nxt = tail.lstrip()
    word = re.match(r"[\W_]*?([\w']+)", nxt)
    first = word.group(1).lower() if word else ""
    if first in _BREAK_WORDS:  # ", but others disagreed": another clause begins
        return b
    if len(tail.split()) <= 6 and not re.search(r"[\"\u201c\u201d]", tail):
        return sentence_end
    if nxt[:1] in ",;:.!?)\u2014\u2013-" or nxt[:1] in _CLOSE_Q:
        return b
    return sentence_end


def clause_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The attribution span (speaker, cue, content) as written, widened to quotes and a full stop.

    None when the span starts inside a sentence on a lower-case word that is not the speaker
    ('which has been accused by ...'): the whole sentence reads better there."""
    spans = list(ctx.content_spans)
    if ctx.speaker_span:
        spans.append(ctx.speaker_span)
    if ctx.cue_span:
        spans.append(ctx.cue_span)
    if not spans or not ctx.speaker_span:
        return None
    w = ctx.window
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    while a > 0 and w[a - 1] in _OPEN_Q:
        a -= 1
    first = w[a:].lstrip(_OPEN_Q + " ")[:1]
    sentence_start = a in ctx.sentence_starts or not w[:a].strip() or w[:a].rstrip().endswith((".", "!", "?", ":"))
    if first.islower() and not sentence_start and a != ctx.speaker_span[0]:
        return None
    if first.islower() and a == ctx.speaker_span[0] and ctx.pronoun_speaker and not _speaks(ctx):
        return None
    b = _clause_end(w, a, b, min([s for s in ctx.sentence_starts if s >= b] + [len(w)]))
    while b < len(w) and w[b] in _TRAIL:
        b += 1
    text = _finish(_close_quotes(_cap(_squash(_replace_speaker(w, ctx, a, b)))))
    return speaker_first(ctx, text) if lead_speaker else text


_LOWER_OK = {"the", "a", "an", "it", "its", "they", "their", "there", "this", "that", "these", "those", "he", "his",
             "she", "her", "we", "our", "us", "some", "many", "most", "all", "no", "none", "any", "both", "each",
             "such", "more", "much", "other", "others", "if", "while", "when", "although", "because", "only"}


def speaker_first(ctx: StatementContext, text: Optional[str]) -> Optional[str]:
    """'"We reject this," the ministry said.' -> 'The ministry said: "We reject this."' (and 'X, officials
    said.' -> 'Officials said x.'): the speaker leads, as in a reported-speech summary. Only for a
    clause whose one speaker and cue come after all its content."""
    if not text or not ctx.speaker_span or not ctx.cue_span or len(ctx.content_spans) != 1:
        return text
    (c0, c1), (s0, s1), (k0, k1) = ctx.content_spans[0], ctx.speaker_span, ctx.cue_span
    if not (c1 <= min(s0, k0)) or not _speaks(ctx):
        return text
    w = ctx.window
    nxt = min([x for x in ctx.sentence_starts if x >= max(s1, k1)] + [len(w)])
    tail = _squash(w[max(s1, k1):nxt]).strip(" .,;")
    if len(tail.split()) > 6 or re.search(r"[\"'\u201c\u201d\u2018\u2019]", tail):
        return text
    speaker = ctx.speaker if (ctx.pronoun_speaker and _named(ctx.speaker)) else w[s0:s1]
    cue = w[k0:k1]
    a = c0
    while a > 0 and w[a - 1] in _OPEN_Q:
        a -= 1
    b = c1
    while b < len(w) and w[b] in _CLOSE_Q + ",":
        b += 1
    content = _squash(w[a:b]).rstrip(",")
    quoted = content[:1] in _OPEN_Q
    if quoted:
        inner = content.strip(_OPEN_Q + _CLOSE_Q + " ").rstrip(",")
        if not inner or re.search(r"[\"\u201c\u201d]", inner):
            return text
        body = f"{_cap(speaker)} {cue}{(' ' + tail) if tail else ''}: \u201c{_finish(_cap(inner))}\u201d"
    else:
        first = content.split()[0] if content.split() else ""
        if first.lower() in _LOWER_OK and first[:1].isupper():
            content = content[0].lower() + content[1:]
        body = _finish(f"{_cap(speaker)} {cue}{(' ' + tail) if tail else ''} {content}")
    return body


def sentence_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The spaCy sentence(s) that hold the statement, with a pronoun speaker named."""
    if not ctx.window.strip():
        return None
    text = _squash(_replace_speaker(ctx.window, ctx, 0, len(ctx.window)))
    return _finish(_close_quotes(_cap(text)))


def speaker_sentence_form(ctx: StatementContext, lead_speaker: bool = False) -> Optional[str]:
    """The clause, kept to the one sentence that names the speaker (a quote that runs on over
    several sentences or paragraphs is cut at the end of that sentence)."""
    if not ctx.speaker_span:
        return None
    starts = sorted(set(ctx.sentence_starts) | {0})
    s0 = max(x for x in starts if x <= ctx.speaker_span[0])
    s1 = min([x for x in starts if x > s0] + [len(ctx.window)])
    if s0 == 0 and s1 == len(ctx.window):
        return None  # one sentence: the same as the clause

    def clip(sp: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
        if not sp or sp[1] <= s0 or sp[0] >= s1:
            return None
        return (max(sp[0], s0) - s0, min(sp[1], s1) - s0)

    pieces = [c for c in (clip(sp) for sp in ctx.content_spans) if c]
    if not pieces:
        return None
    sub = replace(ctx, window=ctx.window[s0:s1], offset=ctx.offset + s0, content_spans=pieces,
                  speaker_span=clip(ctx.speaker_span), cue_span=clip(ctx.cue_span), sentence_starts=[0])
    return clause_form(sub, lead_speaker)


def composed_form(ctx: StatementContext, lead_speaker: bool = True) -> Optional[str]:
    """'<speaker> said <content>.' for content whose speaker is outside its sentence. Of content in
    several pieces ('"...," he said, "..."') the first piece is kept: one statement, one sentence."""
    if not _named(ctx.speaker) or not ctx.content_spans:
        return None
    a, b = ctx.content_spans[0]
    content = _squash(ctx.window[a:b]).strip(" ,;:").strip(_OPEN_Q + _CLOSE_Q + " ").rstrip(",;:")
    if not content:
        return None
    if not has_clause(parse_model()(content)):
        return None  # "Monitoring Military Cooperation and Taking Necessary Measures": no statement to report
    verb = "said"
    if ctx.type == "direct" or ctx.window[max(0, a - 1):a] in ("\"", "\u201c"):
        return f"{_cap(ctx.speaker)} {verb}: \u201c{_finish(_cap(content))}\u201d"
    first = content.split()[0]
    if first[:1].isupper() and first.lower() in _LOWER_OK:
        content = content[0].lower() + content[1:]
    return _finish(f"{_cap(ctx.speaker)} {verb} {content}")


def merge_contexts(ctxs: list[StatementContext]) -> StatementContext:
    """Several statements in the same sentence(s), as one: the first one's speaker and cue, and
    every piece of every statement (other speakers and cues included) as content."""
    if len(ctxs) == 1:
        return ctxs[0]
    first = ctxs[0]
    pieces = [sp for c in ctxs for sp in c.content_spans]
    for c in ctxs[1:]:
        pieces += [sp for sp in (c.speaker_span, c.cue_span) if sp]
    return replace(first, content_spans=sorted(set(pieces)), position=min(c.position for c in ctxs))


_BUILDERS = {"clause": clause_form, "speaker_sentence": speaker_sentence_form, "sentence": sentence_form, "composed": composed_form}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _inside(a: str, b: str) -> float:
    """Share of a's words that are in b."""
    wa, wb = _words(a), set(_words(b))
    return sum(w in wb for w in wa) / max(len(wa), 1)


class ReportedSpeechSummarizer(Summarizer):
    Params = ReportedParams
    kind = "extractive"

    def __init__(self, params: ReportedParams, ctx: Any):
        super().__init__(params, ctx)
        self.nlp = parse_model(params.spacy_model)
        self.encoder = None
        if params.rank == "centroid":
            from ..models.encoder import get_encoder

            self.encoder = get_encoder(ctx.models, params.model)

    def _order(self, good: list[Candidate]) -> list[Candidate]:
        """Candidates in the order they get the budget (they are printed in article order)."""
        good = sorted(good, key=lambda c: c.position)
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
                    t = _BUILDERS[f](src, self.params.speaker_first)
                    if t and all(t != x for _, x in forms):
                        forms.append((f, t))
                out[members[0]] = forms
            return out, True
        sents = split_sentences_many(job.statements)
        return [[("sentence", s) for s in ss] for ss in sents], False

    def _passes(self, texts: list[str]) -> list[list[str]]:
        """Problems of each candidate; a candidate that spaCy reads as several sentences (a quote
        running over two) must pass in every one of them."""
        uniq = list(dict.fromkeys(texts))
        probs = {}
        for t, doc in zip(uniq, self.nlp.pipe(uniq, batch_size=64)):
            sents = list(doc.sents)
            if len(sents) <= 1:
                p = sentence_problems(t, doc)
            else:
                p = sorted({x for s in sents for x in sentence_problems(s.text, s.as_doc())})
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
                c = Candidate(t, f, i, pos)
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
        return SummaryOutput(" ".join(c.text for c in chosen), meta)
