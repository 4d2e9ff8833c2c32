"""What every summarizer receives and returns, and the stage that batches them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..stage import BackendBase
from ..text import split_sentences

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that"}


@dataclass
class StatementContext:
    """Where one statement sits in its article: the spaCy sentences that hold it, and the
    attribution spans (speaker, cue, content) as offsets into `window`.

    Summarizers that write reported speech need this; the others read `SummaryJob.statements` only.
    """

    window: str  # the article sentences that hold the statement, as written in clean_text
    offset: int  # clean_text offset of window[0]
    position: int  # clean_text offset of the statement (article order)
    content_spans: list[tuple[int, int]]
    type: str = "indirect"  # direct | indirect | mixed
    speaker: str = ""  # the resolved speaker ("He" becomes who "he" is)
    speaker_span: Optional[tuple[int, int]] = None  # the mention, when it is inside the window
    cue: Optional[str] = None
    cue_span: Optional[tuple[int, int]] = None
    sentence_starts: list[int] = field(default_factory=list)  # window offsets where a sentence starts
    speaker_described: str = ""  # how a summary's first mention names the speaker (resolve: Speaker.described)
    speaker_described_by: str = ""  # "name" or "country" (Speaker.described_by)

    @property
    def speaker_mention(self) -> str:
        return self.window[self.speaker_span[0]:self.speaker_span[1]] if self.speaker_span else ""

    @property
    def pronoun_speaker(self) -> bool:
        return self.speaker_mention.strip().lower() in _PRONOUNS

    @property
    def relative_speaker(self) -> bool:
        """The mention opens a relative clause ("Riyadh, which has denied ...", "Iran, whose leaders
        have called for ..."): written from there, the clause is a fragment unless the pronoun is named."""
        words = self.speaker_mention.strip().lower().split()
        return bool(words) and (" ".join(words) in RELATIVE_PRONOUNS or words[0] == "whose")


def statement_context(clean_text: str, sentences: list[tuple[int, int]], st: Any) -> StatementContext:
    """The StatementContext of statement `st` in an article (clean_text and its spaCy sentence spans)."""
    spans = [tuple(s) for s in (st.content_spans or [])] or [(st.char_start, st.char_end)]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    sp = st.speaker
    if sp.start >= 0:
        lo, hi = min(lo, sp.start), max(hi, sp.end)
    if st.cue_start >= 0:
        lo, hi = min(lo, st.cue_start), max(hi, st.cue_end)
    cover = [(a, b) for a, b in sentences if a < hi and b > lo]
    w0 = min([lo] + [a for a, _ in cover])
    w1 = max([hi] + [b for _, b in cover])

    def rel(a: int, b: int) -> Optional[tuple[int, int]]:
        return (a - w0, b - w0) if a >= w0 and b <= w1 and b > a else None

    return StatementContext(
        window=clean_text[w0:w1], offset=w0, position=st.char_start,
        content_spans=[r for r in (rel(a, b) for a, b in spans) if r],
        type=st.type, speaker=(sp.text or "").strip(),
        speaker_span=rel(sp.start, sp.end) if sp.start >= 0 else None,
        cue=st.cue, cue_span=rel(st.cue_start, st.cue_end) if st.cue_start >= 0 else None,
        sentence_starts=sorted({a - w0 for a, _ in cover if a >= w0} | {0}),
        speaker_described=sp.described, speaker_described_by=sp.described_by)


@dataclass
class SummaryJob:
    """One government in one article: summarize its statements, and nothing else.

    `sources`, when the article is known, holds one StatementContext per statement (same order)."""

    article_id: str
    government: str
    statements: list[str]
    target: Optional[str] = None
    sources: Optional[list[StatementContext]] = None


@dataclass
class SummaryOutput:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


class Summarizer(BackendBase):
    """Base class: implement summarize(jobs) -> one SummaryOutput per job, in order."""

    kind = "abstractive"  # or "extractive" / "baseline"

    def summarize(self, jobs: list[SummaryJob]) -> list[SummaryOutput]:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        out = {"backend": self.params.backend, "kind": self.kind}
        model = getattr(self.params, "model", None)
        if model:
            out["model"] = self.ctx.models.used.get(model, {"name": model}) if self.ctx and self.ctx.models else model
        return out

    def note(self, message: str) -> None:
        """A fallback or warning that the run must show (run.json notes)."""
        if self.ctx is not None:
            self.ctx.note(f"summarize ({self.params.backend}): {message}")


def pack_chunks(sentences: list[str], n_tokens: list[int], limit: int) -> list[list[int]]:
    """Greedy packing of consecutive sentences into chunks of at most `limit` tokens.

    Nothing is dropped: a sentence longer than the limit becomes a chunk of its
    own and the caller splits it further (see split_long).
    """
    chunks: list[list[int]] = []
    cur: list[int] = []
    used = 0
    for i, n in enumerate(n_tokens):
        if cur and used + n > limit:
            chunks.append(cur)
            cur, used = [], 0
        cur.append(i)
        used += n
    if cur:
        chunks.append(cur)
    return chunks


def _n_tokens(tokenizer: Any, text: str) -> int:
    return len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])


def _split_to_fit(tokenizer: Any, text: str, limit: int) -> list[str]:
    """Pieces of `text` of at most `limit` tokens each: halves at word boundaries, and a single
    over-long word at token boundaries (checked again after decoding)."""
    if _n_tokens(tokenizer, text) <= limit:
        return [text]
    words = text.split()
    if len(words) > 1:
        mid = len(words) // 2
        return (_split_to_fit(tokenizer, " ".join(words[:mid]), limit)
                + _split_to_fit(tokenizer, " ".join(words[mid:]), limit))
    ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]
    step = max(1, limit)
    while step >= 1:
        pieces = [tokenizer.decode(ids[k:k + step], skip_special_tokens=True) for k in range(0, len(ids), step)]
        if all(_n_tokens(tokenizer, p) <= limit for p in pieces):
            return [p for p in pieces if p.strip()]
        step //= 2
    return [text]  # unreachable for real tokenizers: one token always fits


def chunk_text(sentences: list[str], tokenizer: Any, limit: int) -> list[str]:
    """The sentences as texts of at most `limit` tokens each, in order, covering every word.

    Sentences are kept whole where they fit; an over-long sentence is cut at
    word (or, for one giant word, token) boundaries into pieces that fit. Long
    input is thus split, never silently truncated.
    """
    limit = max(8, int(limit))
    pieces: list[str] = []
    for s in sentences:
        pieces.extend(_split_to_fit(tokenizer, s, limit))
    lengths = [_n_tokens(tokenizer, p) + 1 for p in pieces]
    chunks = [" ".join(pieces[i] for i in chunk) for chunk in pack_chunks(pieces, lengths, limit)]
    # joining can merge tokens differently: re-check, and split any chunk that grew past the limit
    return [c for chunk in chunks for c in _split_to_fit(tokenizer, chunk, limit)]


_PREAMBLE = re.compile(r"^\s*(?:here(?:'s| is) (?:a |the )?(?:brief |short |concise )?summary[^:\n]*:|summary\s*:)\s*",
                       re.IGNORECASE)


def clean_generated(text: str, max_sentences: Optional[int] = None, hit_limit: bool = False) -> tuple[str, dict[str, Any]]:
    """Tidy model output: drop a 'Summary:' preamble and list bullets, keep at most `max_sentences`
    sentences, and drop a last sentence the token limit cut off. Returns the text and what was done."""
    meta: dict[str, Any] = {}
    t = _PREAMBLE.sub("", text.strip())
    t = re.sub(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", "", t, flags=re.MULTILINE)
    t = re.sub(r"\s+", " ", t).strip()
    sents = split_sentences(t)
    if hit_limit and len(sents) > 1 and not re.search(r"[.!?][\"'\u201d\u2019)]*$", sents[-1]):
        sents = sents[:-1]
        meta["trimmed_incomplete_sentence"] = True
    if max_sentences and len(sents) > max_sentences:
        meta["dropped_sentences"] = len(sents) - max_sentences
        sents = sents[:max_sentences]
    return " ".join(sents), meta


def summarize_chunked(sentences_per_job: list[list[str]], tokenizer: Any, limit: int,
                      generate: Callable[[list[int], list[str]], list[str]], merge: str = "resummarize",
                      max_rounds: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """Summaries of texts that may be longer than the model's input: chunk, summarize, merge.

    Every job's sentences are cut into chunks of at most `limit` tokens;
    `generate(job_indices, texts)` is called once per round on the chunks of
    all jobs together (so it can sort and batch across jobs). A job with several chunks then has
    its chunk summaries joined and, with merge="resummarize", summarized again
    (re-chunked if the joined text is still too long) for up to `max_rounds`
    rounds; merge="concat" keeps the joined chunk summaries.
    """
    results: list[Optional[tuple[str, dict[str, Any]]]] = [None] * len(sentences_per_job)
    meta = [{"chunks": 0, "rounds": 0} for _ in sentences_per_job]
    pending = {}
    for j, sents in enumerate(sentences_per_job):
        if not sents:
            results[j] = ("", {"chunks": 0, "rounds": 0})
        else:
            pending[j] = chunk_text(sents, tokenizer, limit)
            meta[j]["chunks"] = len(pending[j])
    for rnd in range(1, max_rounds + 1):
        if not pending:
            break
        flat = [(j, c) for j, chunks in pending.items() for c in chunks]
        outs = generate([j for j, _ in flat], [c for _, c in flat])
        by_job: dict[int, list[str]] = {}
        for (j, _), o in zip(flat, outs):
            by_job.setdefault(j, []).append(o.strip())
        nxt = {}
        for j, summaries in by_job.items():
            meta[j]["rounds"] = rnd
            joined = " ".join(s for s in summaries if s)
            if len(summaries) == 1 or merge == "concat" or rnd == max_rounds:
                if len(summaries) > 1:
                    meta[j]["joined_parts"] = len(summaries)  # concat, or resummarize stopped at max_rounds
                    meta[j].setdefault("merge", "concat")
                results[j] = (joined, meta[j])
            else:
                meta[j]["merge"] = "resummarize"
                nxt[j] = chunk_text(split_sentences(joined) or [joined], tokenizer, limit)
        pending = nxt
    return [r if r is not None else ("", m) for r, m in zip(results, meta)]
