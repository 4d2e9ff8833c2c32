"""Candidate attributions in one sentence: cue heads and their source, cue and content tokens.

A token is a cue when the learned lexicon (or, for words the corpus barely saw, the curated one)
says so; its dependents are source, content or cue by the learned role table. "according to X",
a headline "Speaker: words" and a cue introducing a quote or the next paragraph have their own
rules. Quotes next to the cue join its content. Conflicts between candidates are settled later
(conflicts.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .clauses import clause_under_prep, frames_quote, inherited_source
from .lexicon import Lexicon
from .quotes import Quote, words
from .spans import noun_agent, source_span, subtree, tokens_in, trim_tail

DEFAULT_ROLES = {
    "nsubj": "source", "csubj": "source", "ccomp": "content", "xcomp": "content", "parataxis": "content",
    "dobj": "content", "oprd": "content", "aux": "cue", "auxpass": "cue", "neg": "cue", "prt": "cue",
}
# A quote whose head has one of these roles is a title or scare quote, not a statement.
NON_CONTENT_QUOTE_DEPS = {"pobj", "compound", "amod", "appos", "poss", "nmod", "npadvmod", "attr", "oprd", "acomp"}
BELIEF_VERBS = {"believe", "think", "feel", "hope", "expect", "fear", "know", "want", "worry"}


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


class CandidateFinder:
    """Finds the candidate attributions of a sentence, with the attributor's params and lexicons."""

    def __init__(self, params: Any, learned: Lexicon, verbs: frozenset[str], extra: frozenset[str],
                 media: frozenset[str] = frozenset(), phrasal_non_cues: frozenset[str] = frozenset()):
        self.params = params
        self.learned = learned
        self.verbs = verbs
        self.extra = extra
        self.media = media  # nouns of where words were said ("in a statement that ...")
        self.phrasal_non_cues = phrasal_non_cues  # "show up": the particle makes the verb no cue

    # ------------------------------------------------------------ cue heads
    def is_cue(self, tok: Any) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            return False
        if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
            return False
        if lemma in self.extra or tok.lower_ in self.extra:
            return True
        if any(f"{lemma} {c.lower_}" in self.phrasal_non_cues for c in tok.children if c.dep_ == "prt"):
            return False
        if not self.params.include_beliefs and lemma in BELIEF_VERBS:
            return False
        if self.params.use_learned and self.learned.seen(tok) >= self.params.min_lemma_count:
            return self.learned.cue_rate(tok) >= self.params.min_cue_rate
        # words the corpus barely saw: the curated lexicon (verbs only)
        return tok.pos_ == "VERB" and lemma in self.verbs

    # ------------------------------------------------------------ candidates
    def sentence_candidates(self, span: Any, si: int, quotes: list[Quote], in_quote: set[int],
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
            if not self.is_cue(tok) and not (self.params.quote_frame and frames_quote(tok, span, in_quote, text)):
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
                    source |= subtree(objs[0])
                continue
            if c.dep_ == "prep" and c.lower_ == "by" and tok.pos_ == "NOUN" and self.params.noun_agent:
                agent, clause = noun_agent(c)  # "claims by Nigeria's government that ..."
                if agent:
                    source, content, cue = source | agent, content | clause, cue | {c.i}
                    continue
            role = self.learned.role(tok, c) if self.params.use_learned else None
            if role is None:
                role = DEFAULT_ROLES.get(c.dep_, "none")
            if c.dep_ == "punct":
                # quote marks and commas belong to whatever they are next to; handled by trimming
                continue
            if role == "source":
                source |= source_span(c)
            elif role == "content":
                content |= subtree(c)
            elif role == "cue+object":
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                cue.add(c.i)
                if objs:
                    content |= subtree(objs[0])
            elif role == "cue":
                sub = subtree(c)
                if len(sub) <= 6:
                    cue |= sub
        inside = range(span.start, span.end)
        source = {i for i in source if i in inside}
        content = {i for i in content if i in inside}
        inherited = False
        if not source and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in tok.children):
            source = {i for i in inherited_source(tok, self.params.passive_inherits) if i in inside}
            inherited = bool(source)
        # "As the Post reported, CLAUSE": the clause it modifies is the content
        if not content and tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "like")
                                                       for c in tok.children):
            content = {i for i in subtree(tok.head) - subtree(tok) if span.start <= i < span.end}
        if not content and self.params.clause_after_prep:
            content, taken = clause_under_prep(tok, source, self.media)
            cue |= taken
        # '"...," he said' parsed with the quote's verb as the head of "said"
        # "X, the campaign said, Y" / '"X," he said': the cue hangs off the reported clause
        if not content and tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i \
                and (tok.dep_ == "parataxis" or tok.head.i < tok.i) \
                and (self.params.marked_cue_frames or not any(c.dep_ == "mark" for c in tok.children)):
            head_sub = subtree(tok.head) - subtree(tok)
            content = {i for i in head_sub if span.start <= i < span.end}
            if tok.dep_ != "parataxis":
                content = {i for i in content if i < tok.i}
        if content and self.params.conjoined_content != "none":
            content |= self._conjoined_content(tok, span, content)
        content -= source | cue
        source -= cue
        if self.params.tail_deps:
            content = trim_tail(doc, content, in_quote, self.params.tail_deps)
        # quotes of the sentence next to the cue: '"...," he said, "..."'
        content |= self._adjacent_quotes(tok, span, quotes, source | cue, content, text)
        if not content:
            content = self._outside_content(span, si, source | cue, quotes, text, sents)
        if not content and self.params.object_fallback:
            # "EgyptAir confirmed the news", "expressed shock": the object is what was said
            objs = [c for c in tok.children if c.dep_ in self.params.object_fallback and c.i > tok.i
                    and c.i not in source]
            if objs:
                content = {i for i in subtree(objs[0]) if span.start <= i < span.end} - source
                cue -= content
        if not content:
            return None
        return Candidate(head=tok.i, source=source, cue=cue, content=content, sentence=si, inherited=inherited)

    def _conjoined_content(self, tok: Any, span: Any, content: set[int]) -> set[int]:
        """'said that A, but B': B, a clause conjoined to the cue after the content, with its own subject
        and no cue in it (not 'said A, but critics disputed it'), goes on with what was said."""
        words = ("but",) if self.params.conjoined_content == "but" else ("but", "and")
        out: set[int] = set()
        for c in tok.children:
            cc = [t for t in tok.children if t.dep_ == "cc" and max(content) < t.i < c.i]
            if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.i < max(content) or not cc \
                    or cc[-1].lower_ not in words:
                continue
            if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
                continue  # "said A, and urged B": split_conjoined's second statement
            clause = subtree(c)
            if any(self.is_cue(tok.doc[i]) for i in clause) or not all(span.start <= i < span.end for i in clause):
                continue
            out |= clause | {cc[-1].i}
        return out

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
                return tokens_in(doc, nxt.start, nxt.end)
            if si + 1 < len(sents):
                a, b = sents[si + 1]
                para_end = text.find("\n", a)
                return tokens_in(doc, a, para_end if para_end > 0 else b)
            return set()
        words_after = [t for t in rest if not t.is_punct]
        if not lead and len(words_after) <= 6 and si > 0:
            a, b = sents[si - 1]
            if "\n" in text[b:span.start_char]:
                return set()  # the previous sentence is another paragraph
            q = next((q for q in quotes if q.start < b and q.end >= b - 2 and q.outer_end <= span.start_char + 1), None)
            if q is not None:
                return tokens_in(doc, q.start, q.end)
            return tokens_in(doc, a, b)
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
        source = subtree(objs[0])
        phrase = subtree(tok) | {to.i} | source
        # the clause it modifies: its head's subtree, else the whole sentence
        head = tok.head if tok.head.i != tok.i else None
        # a conjoined clause speaks for the whole coordination ("A rose, but B declined, according to X")
        while head is not None and head.dep_ == "conj" and head.head.i != head.i and head.pos_ in ("VERB", "AUX"):
            head = head.head
        scope = subtree(head) if head is not None and head.dep_ != "prep" else {t.i for t in span}
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
        if all(t.ent_type_ in ("GPE", "LOC") for t in before):
            return None  # "LONDON: ...", "Ottawa: As Canada ...": a dateline, not a speaker
        if before[-1].lower_ in ("update", "updates", "watch", "video", "photos", "note", "editor", "related",
                                 "breaking", "exclusive", "analysis", "opinion", "live", "read", "listen", "q", "a"):
            return None
        return Candidate(head=-1, source={t.i for t in before}, cue={colon.i}, content={t.i for t in after},
                         sentence=si, kind="")
