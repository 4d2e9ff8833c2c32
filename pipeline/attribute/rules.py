"""Rule attribution over the spaCy parse: who said (or thinks, or reported) what.

Each attribution is a (source, cue, content) triple, as in PolNeAR and PARC:

1. Cues. A token is a cue when the data-derived lexicon (learned_cues.yaml, counted on
   PolNeAR train by `python -m pipeline.attribute.learn`) says that tokens with its lemma,
   part of speech and argument frame head annotated cues often enough (``min_cue_rate``),
   or, for words the corpus barely saw, when it is in the curated cues.yaml or
   ``extra_cues``. "according to X", a headline "Speaker: words", and a verb
   introducing a quote with a colon are handled by their own rules.
2. Arguments. Each dependent of the cue head is the source, the content, part of the cue
   or none of these, by the role table of the same file (keyed by dependency label, side,
   word and cue lemma: "seem" makes its subject content and has no source), with defaults
   for unseen keys. Passive agents ("by X") are sources; a participle or second verb
   without a subject ("..., adding that", "said and added") takes its head's subject.
   Dependents after an object ("proposed X in exchange for Y") have their own rows (side R2).
   A cue left without content takes its object ("EgyptAir confirmed the news"). Narration
   set off by a comma at the end of a content (", while ...", ", who ...") is cut, and so is
   a dateline at the start of a span ("BRUSSELS - European leaders").
3. Quotes. A quote in the sentence next to the cue is content; a quote that runs over
   several sentences or paragraphs is taken whole; quoted sentences that follow with no
   cue of their own continue the same statement ("floating" quotes), the quoted one when
   the sentence before has several ('"A," said X, who wrote ... . "B."').
4. Nesting. A cue inside another attribution's content is part of that content, not a
   statement of its own ("X said Y told him ..." is X's statement), except a clear cue verb
   conjoined to the content's verb with no subject ("X said A, and urged B": X's second).
5. Speakers. Pronouns ("He added") and short nominals ("the spokesperson") take the
   nearest fitting earlier speaker; the resolve stage decides governments.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import Field

from ..config import BackendParams, ConfigPath
from ..stage import BackendBase
from ..types import Article, Speaker, Statement
from .lexicon import Lexicon, frame, load_lexicon_file
from .quotes import Quote, find_quotes, words

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
PERSONAL = {"he", "she", "they", "it", "we", "i", "you"}
SUBJECT_DEPS = {"nsubj", "csubj"}
DEFAULT_ROLES = {
    "nsubj": "source", "csubj": "source", "ccomp": "content", "xcomp": "content", "parataxis": "content",
    "dobj": "content", "oprd": "content", "aux": "cue", "auxpass": "cue", "neg": "cue", "prt": "cue",
}
# A quote whose head has one of these roles is a title or scare quote, not a statement.
NON_CONTENT_QUOTE_DEPS = {"pobj", "compound", "amod", "appos", "poss", "nmod", "npadvmod", "attr", "oprd", "acomp"}
SECOND_REPORT_RATE = 0.6  # a conjoined verb split off as a second statement must be a clear cue
BELIEF_VERBS = {"believe", "think", "feel", "hope", "expect", "fear", "know", "want", "worry"}
_TRIM = " \n\t,;:—–-\"'\u201c\u201d\u2018\u2019`"
_OPEN_QUOTE = ("\"", "\u201c", "''", "\u00ab", "\u201e")


@functools.lru_cache(maxsize=8)
def load_lexicon(path: Optional[str]) -> dict[str, frozenset[str]]:
    """The curated lexicon (cues.yaml): speech_verbs and speech_nouns."""
    p = Path(path) if path else Path(__file__).with_name("cues.yaml")
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items()}


class RuleAttributorParams(BackendParams):
    backend: Literal["rules"] = "rules"
    cue_lexicon: Optional[ConfigPath] = None  # curated YAML with speech_verbs/speech_nouns; default: the packaged one
    learned_lexicon: Optional[ConfigPath] = None  # counts from `python -m pipeline.attribute.learn`; default: packaged
    use_learned: bool = True
    min_cue_rate: float = 0.4  # smoothed share of a lemma+frame's occurrences that headed a cue
    min_lemma_count: int = 4  # below this many occurrences in the corpus, the curated list decides
    extra_cues: list[str] = Field(default_factory=list)
    min_quote_words: int = 4  # shorter quotes without a verb are scare quotes
    floating_window: int = 1  # sentences between a statement and a cue-less quote that continues it
    split_conjoined: bool = True  # "X said A, and called B": two statements of X
    float_to_quoted: bool = True  # a floating quote continues the quoted statement of the sentence before
    include_beliefs: bool = True  # think/believe/hope... count as attribution (PolNeAR does)
    nested: Literal["drop", "keep"] = "drop"  # statements inside another statement's content
    # narration cut from the end of a content when set off by a comma (advcl:part = a participle
    # clause, advcl:mark = "while/after/since ...", relcl, appos, conj)
    tail_deps: list[str] = Field(default_factory=lambda: ["advcl:mark", "relcl"])
    # a cue with no content takes its object as content ("EgyptAir confirmed the news")
    object_fallback: list[str] = Field(default_factory=lambda: ["dobj", "attr", "acomp"])


@dataclass
class Candidate:
    head: int  # token index of the cue head (-1 for colon and continuation rules)
    source: set[int]
    cue: set[int]
    content: set[int]
    sentence: int
    kind: str = ""
    extra: list[tuple[int, int]] = field(default_factory=list)  # char spans beyond the sentence (quotes)
    speaker_text: str = ""
    resolved_from: Optional[int] = None
    inherited: bool = False  # source taken from the head verb's subject
    drop: bool = False


class RuleAttributor(BackendBase):
    """Rules over the spaCy dependency parse; deterministic and fast."""

    Params = RuleAttributorParams

    def __init__(self, params: RuleAttributorParams, ctx: Any):
        super().__init__(params, ctx)
        lex = load_lexicon(params.cue_lexicon)
        verbs = set(lex.get("speech_verbs", ())) | {c.lower() for c in params.extra_cues}
        if not params.include_beliefs:
            verbs -= BELIEF_VERBS
        self.verbs = frozenset(verbs)
        self.extra = frozenset(c.lower() for c in params.extra_cues)
        self.nouns = frozenset(lex.get("speech_nouns", ()))
        self.thoughts = frozenset(lex.get("thought_verbs", ()))
        self.learned: Lexicon = load_lexicon_file(params.learned_lexicon) if params.use_learned else Lexicon({}, {}, {})

    def describe(self) -> dict[str, Any]:
        return {"backend": "rules", "cue_verbs": len(self.verbs), "learned_cues": len(self.learned.cues),
                "learned_corpus": self.learned.meta.get("corpus")}

    # ------------------------------------------------------------------ API
    def attribute(self, article: Article) -> None:
        doc = article.doc
        text = article.clean_text
        quotes = find_quotes(text)
        sents = _attribution_sentences(text, article.sentences or [(s.start_char, s.end_char) for s in doc.sents])
        sent_of = _token_sentences(doc, sents)
        in_quote = _quoted_tokens(doc, quotes)
        cands: list[Candidate] = []
        for si, (s0, s1) in enumerate(sents):
            span = doc.char_span(s0, s1, alignment_mode="expand")
            if span is None:
                continue
            cands.extend(self._sentence_candidates(span, si, quotes, in_quote, text, sents))
        cands = [c for c in cands if c.content]
        self._settle_conflicts(cands, doc, in_quote)
        cands = [c for c in cands if not c.drop and c.content]
        self._attach_quotes(cands, quotes, sents, sent_of, doc, text)
        cands.sort(key=lambda c: (c.sentence, min(c.content) if c.content else -1))
        self._resolve_speakers(cands, doc, text, in_quote)
        article.statements = [st for st in (self._to_statement(c, doc, text, quotes) for c in cands) if st]

    # ------------------------------------------------------------ cue heads
    def is_cue(self, tok: Any) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            return False
        if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
            return False
        if lemma in self.extra or tok.lower_ in self.extra:
            return True
        if not self.params.include_beliefs and lemma in BELIEF_VERBS:
            return False
        if self.params.use_learned and self.learned.seen(tok) >= self.params.min_lemma_count:
            return self.learned.cue_rate(tok) >= self.params.min_cue_rate
        # words the corpus barely saw: the curated lexicon (verbs only)
        return tok.pos_ == "VERB" and lemma in self.verbs

    # ------------------------------------------------------------ candidates
    def _sentence_candidates(self, span: Any, si: int, quotes: list[Quote], in_quote: set[int],
                             text: str, sents: list[tuple[int, int]]) -> list[Candidate]:
        out: list[Candidate] = []
        colon = self._colon_candidate(span, si, text)
        if colon is not None:
            out.append(colon)
        for tok in span:
            if tok.i in in_quote:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                c = self._according_to(tok, span, si)
                if c is not None:
                    out.append(c)
                continue
            if not self.is_cue(tok):
                continue
            c = self._verb_candidate(tok, span, si, quotes, in_quote, text, sents)
            if c is not None:
                out.append(c)
        return out

    def _verb_candidate(self, tok: Any, span: Any, si: int, quotes: list[Quote], in_quote: set[int],
                        text: str, sents: list[tuple[int, int]]) -> Optional[Candidate]:
        doc = tok.doc
        source: set[int] = set()
        content: set[int] = set()
        cue: set[int] = {tok.i}
        for c in tok.children:
            if c.is_space:
                continue
            if c.dep_ == "agent":  # "was announced by the ministry"
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    cue.add(c.i)
                    source |= _subtree(objs[0])
                continue
            role = self.learned.role(tok, c) if self.params.use_learned else None
            if role is None:
                role = DEFAULT_ROLES.get(c.dep_, "none")
            if c.dep_ == "punct":
                # quote marks and commas belong to whatever they are next to; handled by trimming
                continue
            if role == "source":
                source |= _source_span(c)
            elif role == "content":
                content |= _subtree(c)
            elif role == "cue+object":
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                cue.add(c.i)
                if objs:
                    content |= _subtree(objs[0])
            elif role == "cue":
                sub = _subtree(c)
                if len(sub) <= 6:
                    cue |= sub
        inside = range(span.start, span.end)
        source = {i for i in source if i in inside}
        content = {i for i in content if i in inside}
        inherited = False
        if not source and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children):
            source = {i for i in _inherited_source(tok) if i in inside}
            inherited = bool(source)
        # "As the Post reported, CLAUSE": the clause it modifies is the content
        if not content and tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "like")
                                                       for c in tok.children):
            content = {i for i in _subtree(tok.head) - _subtree(tok) if span.start <= i < span.end}
        # '"...," he said' parsed with the quote's verb as the head of "said"
        # "X, the campaign said, Y" / '"X," he said': the cue hangs off the reported clause
        if not content and tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i \
                and (tok.dep_ == "parataxis" or tok.head.i < tok.i):
            head_sub = _subtree(tok.head) - _subtree(tok)
            content = {i for i in head_sub if span.start <= i < span.end}
            if tok.dep_ != "parataxis":
                content = {i for i in content if i < tok.i}
        content -= source | cue
        source -= cue
        if self.params.tail_deps:
            content = _trim_tail(doc, content, in_quote, self.params.tail_deps)
        # quotes of the sentence next to the cue: '"...," he said, "..."'
        content |= self._adjacent_quotes(tok, span, quotes, source | cue, content, text)
        if not content:
            content = self._outside_content(span, si, source | cue, quotes, text, sents)
        if not content and self.params.object_fallback:
            # "EgyptAir confirmed the news", "expressed shock": the object is what was said
            objs = [c for c in tok.children if c.dep_ in self.params.object_fallback and c.i > tok.i
                    and c.i not in source]
            if objs:
                content = {i for i in _subtree(objs[0]) if span.start <= i < span.end} - source
                cue -= content
        if not content:
            return None
        return Candidate(head=tok.i, source=source, cue=cue, content=content, sentence=si, inherited=inherited)

    def _adjacent_quotes(self, tok: Any, span: Any, quotes: list[Quote], taken: set[int], content: set[int],
                         text: str) -> set[int]:
        doc = tok.doc
        s0, s1 = span.start_char, span.end_char
        region = taken | content | {tok.i}
        lo = min(region)
        hi = max(region)
        out: set[int] = set()
        for q in quotes:
            if q.end <= s0 or q.start >= s1:
                continue
            qs = doc.char_span(max(q.start, s0), min(q.end, s1), alignment_mode="expand")
            if qs is None or len(qs) == 0:
                continue
            qtoks = {t.i for t in qs}
            if qtoks & taken:
                continue
            if qtoks <= content:
                continue
            if not self._is_content_quote(q, qs, text):
                continue
            # next to the cue region, with only punctuation (or the cue's own words) between
            if qs.end <= lo:
                gap = doc[qs.end:lo]
            elif qs.start > hi:
                gap = doc[hi + 1:qs.start]
            else:
                out |= qtoks  # inside the cue's clause: part of it (mixed quote)
                continue
            if all(t.is_punct or t.is_space or t.i in region for t in gap):
                out |= qtoks
        return out

    def _outside_content(self, span: Any, si: int, taken: set[int], quotes: list[Quote], text: str,
                         sents: list[tuple[int, int]]) -> set[int]:
        """Content outside the cue's sentence: 'He said:' + the quote or paragraph after it;
        'Rubio said.' standing after the statement it closes."""
        doc = span.doc
        rest = [t for t in span if t.i > max(taken) and not t.is_space]
        lead = [t for t in span if t.i < min(taken) and not t.is_punct and not t.is_space]
        s1 = span.end_char
        if rest and rest[-1].text == ":" and len(rest) <= 8:
            nxt = next((q for q in quotes if q.outer_start >= s1 - 1), None)
            if nxt is not None and not text[s1:nxt.outer_start].strip():
                return _tokens_in(doc, nxt.start, nxt.end)
            if si + 1 < len(sents):
                a, b = sents[si + 1]
                para_end = text.find("\n", a)
                return _tokens_in(doc, a, para_end if para_end > 0 else b)
            return set()
        words_after = [t for t in rest if not t.is_punct]
        if not lead and len(words_after) <= 6 and si > 0:
            a, b = sents[si - 1]
            if "\n" in text[b:span.start_char]:
                return set()  # the previous sentence is another paragraph
            q = next((q for q in quotes if q.start < b and q.end >= b - 2 and q.outer_end <= span.start_char + 1), None)
            if q is not None:
                return _tokens_in(doc, q.start, q.end)
            return _tokens_in(doc, a, b)
        return set()

    def _is_content_quote(self, q: Quote, qspan: Any, text: str) -> bool:
        inner = text[q.start:q.end]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in qspan)
        if words(inner) < self.params.min_quote_words and not has_verb:
            return False
        roots = [t for t in qspan if t.head.i < qspan.start or t.head.i >= qspan.end or t.head == t]
        lead = roots[0] if roots else qspan.root
        if lead.dep_ in NON_CONTENT_QUOTE_DEPS and words(inner) < 12:
            return False
        return True

    def _according_to(self, tok: Any, span: Any, si: int) -> Optional[Candidate]:
        to = tok.doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            return None
        source = _subtree(objs[0])
        phrase = _subtree(tok) | {to.i} | source
        # the clause it modifies: its head's subtree, else the whole sentence
        head = tok.head if tok.head.i != tok.i else None
        # a conjoined clause speaks for the whole coordination ("A rose, but B declined, according to X")
        while head is not None and head.dep_ == "conj" and head.head.i != head.i and head.pos_ in ("VERB", "AUX"):
            head = head.head
        scope = _subtree(head) if head is not None and head.dep_ != "prep" else {t.i for t in span}
        if head is not None and head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("ROOT",):
            scope = {t.i for t in span}
        content = {i for i in scope if span.start <= i < span.end and not tok.doc[i].is_space} - phrase
        if words(" ".join(tok.doc[i].text for i in content)) < 3:
            return None
        return Candidate(head=tok.i, source=source, cue={tok.i, to.i}, content=content, sentence=si, kind="")

    def _colon_candidate(self, span: Any, si: int, text: str) -> Optional[Candidate]:
        """'Pat Caddell: Democrat Voters Worried...' — a short name, a colon, the words."""
        toks = [t for t in span if not t.is_space]
        if len(toks) < 4:
            return None
        colon = next((t for t in toks[:8] if t.text == ":"), None)
        if colon is None:
            return None
        before = [t for t in toks if t.i < colon.i]
        after = [t for t in toks if t.i > colon.i]
        if not (1 <= len(before) <= 6) or len(after) < 3:
            return None
        if not before[0].text[:1].isupper() or any(t.pos_ in ("VERB", "AUX") and t.lower_ not in ("says",) for t in before):
            return None
        if not any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in before):
            return None
        if before[-1].lower_ in ("update", "updates", "watch", "video", "photos", "note", "editor", "related",
                                 "breaking", "exclusive", "analysis", "opinion", "live", "read", "listen", "q", "a"):
            return None
        return Candidate(head=-1, source={t.i for t in before}, cue={colon.i}, content={t.i for t in after},
                         sentence=si, kind="")

    # ------------------------------------------------------------ conflicts
    def _settle_conflicts(self, cands: list[Candidate], doc: Any, in_quote: set[int]) -> None:
        """Nested statements: a cue inside a quote or a complement clause is part of the outer
        content; one in a relative or coordinated clause ("a plan, which he said...",
        "A said X, and B said Y") is a statement of its own, cut out of the outer content.
        Then a token belongs to one statement's content."""
        if self.params.nested == "drop":
            by_size = sorted(cands, key=lambda c: -len(c.content))
            for outer in by_size:
                if outer.drop:
                    continue
                for inner in cands:
                    if inner is outer or inner.drop:
                        continue
                    heads = inner.cue if inner.head < 0 else {inner.head}
                    if not heads & outer.content:
                        continue
                    h = doc[inner.head] if inner.head >= 0 else None
                    if self.params.split_conjoined and h is not None and _second_report(h, outer, in_quote) \
                            and self.learned.cue_rate(h) >= SECOND_REPORT_RATE:
                        # "X said A, and called B": the parse hangs "called" off A, but it is X's
                        # second statement; B leaves the first content
                        cc = [t.i for t in h.head.children if t.dep_ == "cc" and t.i < h.i]
                        region = _subtree(h) | inner.content | {i for i in cc if i > min(outer.content)}
                        lo = min(region)
                        if lo > 0 and doc[lo - 1].text in (",", ";"):
                            region.add(lo - 1)
                        outer.content -= region
                        inner.source = set(outer.source)
                        inner.inherited = True
                    else:
                        inner.drop = True
        # the same head claimed twice (colon + verb): keep the first
        seen: set[int] = set()
        for c in cands:
            if c.drop:
                continue
            key = c.head if c.head >= 0 else -1 - min(c.cue)
            if key in seen:
                c.drop = True
            seen.add(key)
        # overlapping contents: the earlier cue keeps the tokens
        owned: set[int] = set()
        for c in sorted([c for c in cands if not c.drop], key=lambda c: min(c.cue)):
            c.content -= owned
            c.content -= {t for t in c.content if t in c.cue}
            owned |= c.content
            if not c.content:
                c.drop = True

    # ------------------------------------------------------------ quotes across sentences
    def _attach_quotes(self, cands: list[Candidate], quotes: list[Quote], sents: list[tuple[int, int]],
                       sent_of: list[int], doc: Any, text: str) -> None:
        """Whole multi-sentence quotes, and cue-less quoted sentences that continue a statement."""
        by_sent: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sent.setdefault(c.sentence, []).append(c)
        taken: list[tuple[int, int]] = []
        for c in cands:
            for i in c.content | c.source | c.cue:
                t = doc[i]
                taken.append((t.idx, t.idx + len(t)))
        taken_starts = sorted(taken)

        def overlaps_taken(a: int, b: int, own: Candidate) -> bool:
            own_chars = {(doc[i].idx) for i in own.content | own.source | own.cue}
            for x, y in taken_starts:
                if x >= b:
                    break
                if y > a and x not in own_chars:
                    return True
            return False

        used: set[int] = set()
        # 1. a quote that a statement's content enters runs whole, even past its sentence
        for c in cands:
            chars = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in c.content]
            lo = min(a for a, _ in chars)
            hi = max(b for _, b in chars)
            s0, s1 = sents[c.sentence]
            for qi, q in enumerate(quotes):
                if q.start < hi and q.end > lo and (q.start < s0 or q.end > s1):
                    if not overlaps_taken(max(q.start, s1), q.end, c) and not overlaps_taken(q.start, min(q.end, s0), c):
                        c.extra.append((q.start, q.end))
                        used.add(qi)
                if q.start < hi and q.end > lo:
                    used.add(qi)
        # 2. quoted sentences with no cue of their own continue the statement before them
        # the statement a following cue-less quote continues: the sentence's last statement whose
        # content is quoted ('"A," said X, who wrote ... . "B."' continues X's quote), else its last
        quoted_toks = _quoted_tokens(doc, quotes)

        def continues_rank(c: Candidate) -> tuple[int, int]:
            quoted = bool(c.content & quoted_toks) or bool(c.extra)
            return (int(quoted) if self.params.float_to_quoted else 0, min(c.content))

        last_by_sent: dict[int, Candidate] = {}
        for c in cands:
            if c.sentence not in last_by_sent or continues_rank(c) > continues_rank(last_by_sent[c.sentence]):
                last_by_sent[c.sentence] = c
        for qi, q in enumerate(quotes):
            if qi in used or words(text[q.start:q.end]) < 2:
                continue
            si = _sentence_at(q.start, sents)
            if si is None:
                continue
            # the quote must open its sentence (a floating quote, not a phrase inside narration)
            if text[sents[si][0]:q.start].strip(_TRIM):
                continue
            qs_end = _sentence_at(max(q.start, q.end - 1), sents)
            if any(s in by_sent for s in range(si, (qs_end if qs_end is not None else si) + 1)):
                continue  # its sentence has a cue: not floating
            prev = None
            for back in range(1, self.params.floating_window + 2):
                if si - back in last_by_sent:
                    prev = last_by_sent[si - back]
                    break
                if si - back < 0 or not _is_quote_sentence(text, sents[si - back], quotes):
                    break
            if prev is None:
                continue
            if overlaps_taken(q.start, q.end, prev):
                continue
            prev.extra.append((q.start, q.end))
            used.add(qi)
            end_si = qs_end if qs_end is not None else si
            last_by_sent[end_si] = prev
            by_sent.setdefault(end_si, [])

    # ------------------------------------------------------------ speakers
    def _resolve_speakers(self, cands: list[Candidate], doc: Any, text: str, in_quote: set[int]) -> None:
        """Pronouns and 'the spokesperson' take the nearest fitting earlier speaker; "he" and
        "she" may instead take a person named as a subject since that speaker ("Suu Kyi
        presided over ... '...,' she said")."""
        reported = set().union(*(c.content for c in cands)) if cands else set()
        subjects = [sj for sj in _person_subjects(doc, in_quote) if sj[0] not in reported]
        for i, c in enumerate(cands):
            c.speaker_text = _span_text(doc, c.source, text)
            if not c.source:
                continue
            mention = c.speaker_text
            low = mention.lower()
            earlier = [p for p in cands[:i] if p.source and p.speaker_text]
            if low in PERSONAL or low in ("who", "which", "that"):
                if low in ("who", "which", "that"):
                    # relative pronoun: the noun it modifies
                    head = doc[min(c.source)]
                    noun = head.head.head if head.head.dep_ == "relcl" else None
                    if noun is not None:
                        c.speaker_text = _span_text(doc, _np_span(noun), text)
                    continue
                at = min(c.source)
                chosen = None
                for p in reversed(earlier):
                    if p.speaker_text.lower() in PRONOUNS or min(p.source) >= at:
                        continue
                    if _pronoun_fits(low, p.speaker_text):
                        chosen = p
                        break
                if low in ("he", "she"):
                    since = min(chosen.source) if chosen is not None else -1
                    person = next((sj for sj in reversed(subjects)
                                   if since < sj[0] < at and at - sj[0] < 400 and sj[0] not in c.content), None)
                    if person is not None:
                        c.speaker_text = _span_text(doc, set(range(person[0], person[1])), text)
                        continue
                if chosen is not None:
                    c.speaker_text = chosen.speaker_text
                    c.resolved_from = id(chosen)
            elif low.startswith("the ") and len(low.split()) <= 3:
                head = low.split()[-1]
                for p in reversed(earlier):
                    if head in p.speaker_text.lower() and p.speaker_text.lower() != low:
                        c.speaker_text = p.speaker_text
                        c.resolved_from = id(p)
                        break

    # ------------------------------------------------------------ output
    def _to_statement(self, c: Candidate, doc: Any, text: str, quotes: list[Quote]) -> Optional[Statement]:
        pieces = _char_runs(doc, c.content, text) + list(c.extra)
        pieces = _merge_spans([_trim(text, a, b) for a, b in pieces])
        pieces = [(a, b) for a, b in pieces if b > a]
        if not pieces:
            return None
        start, end = pieces[0][0], pieces[-1][1]
        if pieces:
            pieces[0] = (_skip_dateline(text, *pieces[0]), pieces[0][1])
            start = pieces[0][0]
        if c.source:
            s0, s1 = _trim(text, *_token_chars(doc, c.source))
            s0 = _skip_dateline(text, s0, s1)
        else:
            s0, s1 = -1, -1
        speaker = Speaker(text=(c.speaker_text or "").strip() or "(unknown)", start=s0, end=s1)
        if s0 >= 0:
            speaker.mention = text[s0:s1]
        cue0, cue1 = _token_chars(doc, c.cue) if c.cue else (-1, -1)
        in_q = [any(q.start <= a and b <= q.end for q in quotes) for a, b in pieces]
        touches = any(q.start < b and q.end > a for a, b in pieces for q in quotes)
        kind = "direct" if all(in_q) else ("mixed" if touches else "indirect")
        category = "speech"
        if c.head >= 0 and doc[c.head].lemma_.lower() in self.thoughts and doc[c.head].lower_ != "according":
            category = "thought"
        return Statement(text=text[start:end], char_start=start, char_end=end, type=kind, speaker=speaker,
                         cue=text[cue0:cue1] if cue0 >= 0 else None, cue_start=cue0, cue_end=cue1,
                         content_spans=pieces, category=category)


# ---------------------------------------------------------------- helpers
def _subtree(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree if not t.is_space}


def _source_span(tok: Any) -> set[int]:
    """The source phrase: the subject's subtree without participial modifiers
    ("a letter obtained by the AP" is "a letter")."""
    out = _subtree(tok)
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "acl" and c.i > tok.i:
            out -= _subtree(c)
    return out


TAIL_MARKS = {"while", "as", "after", "before", "since", "despite", "although", "though", "even", "because", "when",
              "whereas", "amid", "with"}


def _second_report(h: Any, outer: "Candidate", in_quote: set[int]) -> bool:
    """A verb conjoined to the outer content's verb, with no subject of its own, after
    'and'/'but': 'said the party was not in crisis, and urged ...'."""
    if h.i in in_quote or h.dep_ != "conj" or h.pos_ != "VERB" or outer.head < 0:
        return False
    if h.head.i not in outer.content or h.head.i in outer.cue:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in h.children):
        return False
    if not any(t.dep_ == "cc" and t.lower_ in ("and", "but") for t in h.head.children if t.i < h.i):
        return False
    return bool(outer.source) and h.i > max(outer.cue)


def _trim_tail(doc: Any, content: set[int], in_quote: set[int], deps: list[str]) -> set[int]:
    """Cut narration that trails the reported clause: ', drawing boos from the crowd',
    ', who has ...', ', a claim not recognized ...' (set off by a comma, at the content's end)."""
    if not content:
        return content
    changed = True
    while changed:
        changed = False
        words_ = [i for i in content if not doc[i].is_punct and not doc[i].is_space]
        if not words_:
            return content
        last = max(words_)
        first = min(words_)
        for i in sorted(content):
            t = doc[i]
            if i in in_quote or t.head.i not in content or t.head.i == i:
                continue
            kind = t.dep_
            if kind == "advcl":
                marks = [c.lower_ for c in t.children if c.dep_ == "mark"]
                if t.tag_ in ("VBG", "VBN") and not marks:
                    kind = "advcl:part"
                elif marks and marks[0] in TAIL_MARKS:
                    kind = "advcl:mark"
            if kind not in deps:
                continue
            sub = {x.i for x in t.subtree}
            if max(sub) < last or min(sub) <= first:
                continue
            if any(x in in_quote for x in sub):
                continue
            prev = doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
            if prev is None or prev.text not in (",", "—", "–", "--", "-", ";"):
                continue
            content = content - sub - {prev.i}
            changed = True
            break
    return content


def _person_subjects(doc: Any, in_quote: set[int]) -> list[tuple[int, int]]:
    """Token spans of people named as the subject of a clause, outside quotes, in order."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.start in in_quote:
            continue
        head = ent.root
        if head.dep_ == "compound" and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            # the whole subject phrase: "Retired U.S. Air Force Gen. Norman Ham", not just the name
            phrase = {i for i in _source_span(head) if ent.start - 8 <= i < ent.end + 12} | set(range(ent.start, ent.end))
            out.append((min(phrase), max(phrase) + 1))
    return out


def _tokens_in(doc: Any, a: int, b: int) -> set[int]:
    sp = doc.char_span(a, b, alignment_mode="expand")
    return {t.i for t in sp if not t.is_space} if sp is not None else set()


def _inherited_source(tok: Any) -> set[int]:
    """The subject a subjectless cue shares: "He went on to say", "by saying", "voters saying",
    "..., adding that", "said and added"."""
    t = tok
    for _ in range(4):
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _subtree(t.head) - _subtree(t)
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            t = t.head.head
        elif t.dep_ in ("xcomp", "advcl", "conj", "acomp") and t.head.i != t.i:
            t = t.head
        else:
            return set()
        subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return _source_span(subj[0])
        if any(c.dep_ in ("nsubjpass", "expl") for c in t.children):
            return set()
    return set()


def _attribution_sentences(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences, re-joined where the splitter cut after a closing quote: '"...," he said.'"""
    out: list[tuple[int, int]] = []
    for a, b in sents:
        if out:
            pa, pb = out[-1]
            gap = text[pb:a]
            first = text[a:a + 1]
            if "\n" not in gap and first.islower() and text[pa:pb].rstrip().endswith(
                    (",\u201d", ",\"", ",''", "?\u201d", "!\u201d", "?\"", "!\"", "?''", "!''", ",\u2019", "\u2014\u201d")):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _token_sentences(doc: Any, sents: list[tuple[int, int]]) -> list[int]:
    out = []
    j = 0
    for t in doc:
        while j + 1 < len(sents) and t.idx >= sents[j][1]:
            j += 1
        out.append(j)
    return out


def _quoted_tokens(doc: Any, quotes: list[Quote]) -> set[int]:
    out: set[int] = set()
    for q in quotes:
        sp = doc.char_span(q.start, q.end, alignment_mode="contract")
        if sp is not None:
            out.update(t.i for t in sp)
    return out


def _sentence_at(pos: int, sents: list[tuple[int, int]]) -> Optional[int]:
    import bisect

    i = bisect.bisect_right([a for a, _ in sents], pos) - 1
    if 0 <= i < len(sents) and sents[i][0] <= pos < max(sents[i][1], sents[i][0] + 1):
        return i
    return None


def _is_quote_sentence(text: str, sent: tuple[int, int], quotes: list[Quote]) -> bool:
    a, b = sent
    return any(q.outer_start <= a + (len(text[a:b]) - len(text[a:b].lstrip())) and q.end >= b - 2 for q in quotes)


def _token_chars(doc: Any, toks: set[int]) -> tuple[int, int]:
    lo, hi = min(toks), max(toks)
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _span_text(doc: Any, toks: set[int], text: str) -> str:
    if not toks:
        return ""
    a, b = _trim(text, *_token_chars(doc, toks))
    return text[a:b]


def _np_span(tok: Any) -> set[int]:
    """A noun phrase without its relative clauses and appositions."""
    out = {tok.i}
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod"):
            out |= {t.i for t in c.subtree}
    return out


def _char_runs(doc: Any, toks: set[int], text: str) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as char spans; runs split only by punctuation are joined."""
    if not toks:
        return []
    idx = sorted(toks)
    runs: list[list[int]] = [[idx[0], idx[0]]]
    for i in idx[1:]:
        prev = runs[-1][1]
        gap = doc[prev + 1:i]
        if i == prev + 1 or all(t.is_space or (t.is_punct and t.text not in ('"', "\u201c", "\u201d", "''"))
                                 for t in gap):
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(doc[a].idx, doc[b].idx + len(doc[b])) for a, b in runs]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


_DATELINE = re.compile(r"[A-Z][A-Z.'’]+(?:[ ,]+[A-Z][A-Za-z.'’]*){0,4}(?:\s*\([A-Za-z. ]{1,20}\))?\s*(?:--|[-—–])\s*")


def _skip_dateline(text: str, a: int, b: int) -> int:
    """Past a dateline at the start of a span: 'BRUSSELS - European leaders', 'MACAU (Reuters) -'."""
    m = _DATELINE.match(text, a, b)
    if m and m.end() < b and (a == 0 or text[a - 1] == "\n" or not text[max(0, a - 2):a].strip()):
        first = text[a:m.end()].split()[0].strip(",.")
        if first.isupper() and len(first) >= 2:
            return m.end()
    return a


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(s for s in spans if s[1] > s[0])
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _pronoun_fits(pronoun: str, antecedent: str) -> bool:
    """Cheap agreement: 'it' takes institutions, he/she take people, they/we take either."""
    low = antecedent.lower()
    institutional = any(w in low for w in ("ministry", "government", "kremlin", "office", "department",
                                           "agency", "council", "committee", "house", "embassy", "administration",
                                           "campaign", "company", "report", "poll", "survey", "court", "commission"))
    if pronoun == "it":
        return institutional
    if pronoun in ("he", "she", "i"):
        return not institutional or any(w in low for w in ("spokes", "official", "minister", "president"))
    return True
