"""Dependency-rule attribution: who said what, from the spaCy parse.

Finds (source, cue, content) triples:
- a speech verb with its subject as source and its clausal complement and/or
  the quotes of its sentence as content ("X said that ...", '"...," he added');
- "according to X", with the rest of the sentence as content;
- quotes with no cue of their own, given to the speaker of the statement just
  before them ("floating" quotes);
- pronouns and nominal mentions ("He added", "the spokesperson") resolved to
  the nearest earlier speaker that fits.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Optional

import yaml
from pydantic import Field

from ..config import BackendParams, ConfigPath
from ..stage import BackendBase
from ..types import Article, Speaker, Statement
from .quotes import Quote, find_quotes, words

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
SUBJECT_DEPS = {"nsubj", "csubj"}  # a passive subject ("X is expected to") is not the source
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "dobj", "advcl", "conj"}
# A quote whose head has one of these roles is a title or scare quote, not a statement.
NON_CONTENT_QUOTE_DEPS = {"pobj", "compound", "amod", "appos", "poss", "nmod", "npadvmod", "attr", "oprd", "acomp"}


@functools.lru_cache(maxsize=8)
def load_lexicon(path: Optional[str]) -> dict[str, frozenset[str]]:
    p = Path(path) if path else Path(__file__).with_name("cues.yaml")
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


class RuleAttributorParams(BackendParams):
    backend: Literal["rules"] = "rules"
    cue_lexicon: Optional[ConfigPath] = None  # YAML with speech_verbs/speech_nouns; default: the packaged one
    extra_cues: list[str] = Field(default_factory=list)
    min_quote_words: int = 4  # shorter quotes without a verb are scare quotes
    floating_window: int = 2  # sentences back to look for the speaker of a cue-less quote
    include_beliefs: bool = True  # think/believe/hope... count as attribution (PolNeAR does)


@dataclass
class Candidate:
    source: Optional[tuple[int, int]]
    cue: Optional[tuple[int, int]]
    content: list[tuple[int, int]]
    kind: str  # direct | indirect | mixed
    sentence: int
    speaker_text: str = ""
    resolved_from: Optional[int] = None  # index of the candidate a pronoun resolved to
    quotes: list[Quote] = field(default_factory=list)


BELIEF_VERBS = {"believe", "think", "feel", "hope", "expect", "fear", "know", "want", "worry"}


class RuleAttributor(BackendBase):
    """Rules over the spaCy dependency parse; deterministic and fast."""

    Params = RuleAttributorParams

    def __init__(self, params: RuleAttributorParams, ctx: Any):
        super().__init__(params, ctx)
        lex = load_lexicon(params.cue_lexicon)
        verbs = set(lex.get("speech_verbs", ())) | set(params.extra_cues)
        if not params.include_beliefs:
            verbs -= BELIEF_VERBS
        self.verbs = frozenset(verbs)
        self.nouns = frozenset(lex.get("speech_nouns", ()))

    def describe(self) -> dict[str, Any]:
        return {"backend": "rules", "cue_verbs": len(self.verbs)}

    # ------------------------------------------------------------------ API
    def attribute(self, article: Article) -> None:
        doc = article.doc
        text = article.clean_text
        quotes = find_quotes(text)
        sents = article.sentences or [(s.start_char, s.end_char) for s in doc.sents]
        cands: list[Candidate] = []
        claimed: set[int] = set()
        for si, (s0, s1) in enumerate(sents):
            span = doc.char_span(s0, s1, alignment_mode="expand")
            if span is None:
                continue
            for cand in self._cue_candidates(span, si, quotes, text, claimed):
                cands.append(cand)
        cands.extend(self._floating_quotes(quotes, claimed, sents, cands, text))
        cands.sort(key=lambda c: (c.content[0][0] if c.content else -1))
        self._resolve_speakers(cands, doc, text)
        article.statements = [self._to_statement(c, text) for c in cands if c.content]

    # ------------------------------------------------------------- finding
    def _is_cue(self, tok: Any) -> bool:
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            return False
        if tok.lemma_.lower() not in self.verbs:
            return False
        if tok.lemma_.lower() == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            return False
        return True

    def _cue_candidates(self, span: Any, si: int, quotes: list[Quote], text: str, claimed: set[int]) -> Iterable[Candidate]:
        s0, s1 = span.start_char, span.end_char
        sent_quotes = [q for q in quotes if q.start < s1 and q.end > s0]
        for tok in span:
            if _inside_any(tok.idx, sent_quotes):
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                cand = self._according_to(tok, span, si, sent_quotes)
                if cand:
                    yield cand
                continue
            if not self._is_cue(tok):
                continue
            source = self._subject(tok)
            if source is None:
                continue
            src_span = _subtree_span(source, stop_at=tok, quotes=sent_quotes)
            contents: list[tuple[int, int]] = []
            used_quotes: list[Quote] = []
            for q in sent_quotes:
                if self._is_content_quote(q, tok.doc, text) and not (src_span[0] <= q.start < src_span[1]):
                    contents.append((q.start, q.end))
                    used_quotes.append(q)
            comp = self._complement(tok, src_span)
            if comp is not None:
                c0, c1 = comp
                # a complement that is itself a quote is already counted
                if not any(q.outer_start <= c0 and c1 <= q.outer_end for q in used_quotes):
                    overlaps = [q for q in used_quotes if q.start < c1 and q.end > c0]
                    contents = [c for c in contents if not (c0 <= c[0] and c[1] <= c1)]
                    contents.append((c0, c1))
                    kind = "mixed" if overlaps else None
                else:
                    kind = None
            else:
                kind = None
            if not contents:
                continue
            contents = _merge_spans(contents)
            if kind is None:
                kind = "direct" if used_quotes and all(
                    any(q.start <= a and b <= q.end for q in used_quotes) for a, b in contents) else (
                    "mixed" if used_quotes else "indirect")
            for q in used_quotes:
                claimed.add(q.start)
            yield Candidate(source=src_span, cue=_cue_span(tok), content=contents, kind=kind, sentence=si,
                            speaker_text=text[src_span[0]:src_span[1]], quotes=used_quotes)

    def _according_to(self, tok: Any, span: Any, si: int, sent_quotes: list[Quote]) -> Optional[Candidate]:
        to = tok.doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        src = _subtree_span(objs[0])
        phrase = (tok.idx, src[1])
        s0, s1 = span.start_char, span.end_char
        text = tok.doc.text
        parts = [(s0, phrase[0]), (phrase[1], s1)]
        parts = [_trim(text, a, b) for a, b in parts]
        parts = [p for p in parts if p[1] - p[0] > 1 and words(text[p[0]:p[1]]) >= 3]
        if not parts:
            return None
        return Candidate(source=src, cue=(tok.idx, to.idx + len(to)), content=parts,
                         kind="direct" if sent_quotes else "indirect", sentence=si,
                         speaker_text=text[src[0]:src[1]])

    def _subject(self, verb: Any) -> Optional[Any]:
        for c in verb.children:
            if c.dep_ in SUBJECT_DEPS:
                return c
            if c.dep_ == "agent":  # "it was announced by the ministry"
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        # "... and added" / "said and added": share the head verb's subject
        if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
            return self._subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
        return None

    def _complement(self, verb: Any, src_span: tuple[int, int]) -> Optional[tuple[int, int]]:
        """The reported clause: all clausal complements of the cue, joined on each side of it."""
        before: list[tuple[int, int]] = []
        after: list[tuple[int, int]] = []
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp", "parataxis") or (c.dep_ == "advcl" and c.i < verb.i):
                sub = _subtree_span(c, stop_at=None)
                if src_span[0] <= sub[0] < src_span[1]:
                    continue
                if sub[1] > verb.idx and sub[0] < verb.idx:
                    sub = (sub[0], verb.idx)
                sub = _trim(verb.doc.text, *sub)
                if sub[1] - sub[0] > 0 and words(verb.doc.text[sub[0]:sub[1]]) >= 2:
                    (before if sub[0] < verb.idx else after).append(sub)
        # the larger side wins; pieces on one side are joined into one contiguous clause
        sides = [side for side in (after, before) if side]
        if not sides:
            return None
        joined = [(min(a for a, _ in side), max(b for _, b in side)) for side in sides]
        return max(joined, key=lambda s: s[1] - s[0])

    def _is_content_quote(self, q: Quote, doc: Any, text: str) -> bool:
        inner = text[q.start:q.end]
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
        if words(inner) < self.params.min_quote_words and not has_verb:
            return False
        if span is not None and len(span) > 0:
            roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
            lead = roots[0] if roots else span.root
            if lead.dep_ in NON_CONTENT_QUOTE_DEPS and words(inner) < 12:
                return False
        return True

    def _floating_quotes(self, quotes: list[Quote], claimed: set[int], sents: list[tuple[int, int]],
                         cands: list[Candidate], text: str) -> list[Candidate]:
        out: list[Candidate] = []
        for q in quotes:
            if q.start in claimed or words(text[q.start:q.end]) < self.params.min_quote_words:
                continue
            si = _sentence_of(q.start, sents)
            inner = text[q.start:q.end]
            # only quotes that stand as whole sentences, not quoted phrases inside narration
            before = text[sents[si][0]:q.outer_start].strip() if si is not None else ""
            if before and not before.endswith((":", ",")):
                continue
            prev = [c for c in cands + out if c.content and c.content[-1][1] <= q.outer_start
                    and si is not None and 0 <= si - c.sentence <= self.params.floating_window]
            if not prev or not inner.strip():
                continue
            p = max(prev, key=lambda c: c.content[-1][1])
            out.append(Candidate(source=None, cue=None, content=[(q.start, q.end)], kind="direct",
                                 sentence=si if si is not None else p.sentence,
                                 speaker_text=p.speaker_text, resolved_from=id(p), quotes=[q]))
            claimed.add(q.start)
        return out

    # ------------------------------------------------------------ speakers
    def _resolve_speakers(self, cands: list[Candidate], doc: Any, text: str) -> None:
        """Pronouns and 'the spokesperson' take the nearest fitting earlier speaker."""
        by_id = {id(c): c for c in cands}
        for i, c in enumerate(cands):
            if c.resolved_from is not None:
                src = by_id.get(c.resolved_from)
                if src is not None:
                    c.speaker_text = src.speaker_text
                continue
            if c.source is None:
                continue
            mention = text[c.source[0]:c.source[1]].strip()
            low = mention.lower()
            earlier = [p for p in cands[:i] if p.source is not None and p.speaker_text]
            if low in PRONOUNS:
                for p in reversed(earlier):
                    if text[p.source[0]:p.source[1]].strip().lower() not in PRONOUNS or p.speaker_text.lower() not in PRONOUNS:
                        if _pronoun_fits(low, p.speaker_text, doc):
                            c.speaker_text = p.speaker_text
                            c.resolved_from = id(p)
                            break
            elif low.startswith("the ") and len(low.split()) <= 3:
                head = low.split()[-1]
                for p in reversed(earlier):
                    if head in p.speaker_text.lower() and p.speaker_text.lower() != low:
                        c.speaker_text = p.speaker_text
                        c.resolved_from = id(p)
                        break

    def _to_statement(self, c: Candidate, text: str) -> Statement:
        start = min(a for a, _ in c.content)
        end = max(b for _, b in c.content)
        mention_start, mention_end = c.source if c.source else (-1, -1)
        speaker = Speaker(text=c.speaker_text.strip() or "(unknown)", start=mention_start, end=mention_end)
        if c.source:
            speaker.mention = text[c.source[0]:c.source[1]]
        return Statement(text=text[start:end], char_start=start, char_end=end, type=c.kind, speaker=speaker,
                         cue=text[c.cue[0]:c.cue[1]] if c.cue else None,
                         cue_start=c.cue[0] if c.cue else -1, cue_end=c.cue[1] if c.cue else -1,
                         content_spans=list(c.content))


# ---------------------------------------------------------------- helpers
def _inside_any(pos: int, quotes: list[Quote]) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _subtree_span(tok: Any, stop_at: Any = None, quotes: Optional[list[Quote]] = None) -> tuple[int, int]:
    """Char span of a token's subtree, never running into the cue verb or a quote."""
    toks = [t for t in tok.subtree if stop_at is None or t.i < stop_at.i or tok.i > stop_at.i]
    toks = [t for t in toks if t.dep_ != "punct" or (toks[0] != t and toks[-1] != t)]
    if quotes:
        toks = [t for t in toks if not _inside_any(t.idx, quotes)] or [tok]
    toks.sort(key=lambda t: t.i)
    # keep the contiguous run around the head
    run = [t for t in toks]
    start = run[0].idx
    end = run[-1].idx + len(run[-1])
    return _trim(tok.doc.text, start, end)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    strip = " \n\t,;:—–-\"'\u201c\u201d\u2018\u2019"
    while a < b and text[a] in strip:
        a += 1
    while b > a and text[b - 1] in strip:
        b -= 1
    return a, b


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(spans)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _cue_span(tok: Any) -> tuple[int, int]:
    parts = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return parts[0].idx, parts[-1].idx + len(parts[-1])


def _sentence_of(pos: int, sents: list[tuple[int, int]]) -> Optional[int]:
    for i, (a, b) in enumerate(sents):
        if a <= pos < b:
            return i
    return None


def _pronoun_fits(pronoun: str, antecedent: str, doc: Any) -> bool:
    """Cheap agreement: 'it' takes institutions, he/she take people, they/we take either."""
    low = antecedent.lower()
    institutional = any(w in low for w in ("ministry", "government", "kremlin", "office", "department",
                                           "agency", "council", "committee", "house", "embassy", "administration"))
    if pronoun == "it":
        return institutional
    if pronoun in ("he", "she", "i"):
        return not institutional or any(w in low for w in ("spokes", "official", "minister", "president"))
    return True
