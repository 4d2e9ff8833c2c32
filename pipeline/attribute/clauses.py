"""Where a cue's speech sits beyond its own dependents: a verb after a quotation that it frames, the subject a
subjectless cue shares with the verb it hangs on, and a that-clause the parse hangs on the noun of the cue's
prepositional phrase ("said in a statement that ..."). Used by candidates.CandidateFinder."""
from __future__ import annotations

import re
from typing import Any

from .spans import source_span, subtree

SUBJECT_DEPS = {"nsubj", "csubj"}
_FRAME_EXTRAS = {"advmod", "npadvmod", "prep"}
_FRAME_GAP = re.compile(r"[\"\u201d\u2019']?\s*[,?!]\s*[\"\u201d\u2019']")


def frames_quote(tok: Any, span: Any, in_quote: set[int], text: str) -> bool:
    """'"France will always be France," an angry Hollande retaliated.', '"...," retorted X on Tuesday.':
    a finite verb outside quotes frames the quotation that opens its sentence, closed by ",", "?" or
    "!", when a subject stands next to it and nothing else outside the quotes but punctuation, an
    adverb or a short phrase (at most four words) follows. Such a verb reports speech, whatever it is."""
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBZ", "VBP") or tok.i in in_quote:
        return False
    toks = [t for t in span if not (t.is_space or t.is_punct)]
    if not toks or toks[0].i not in in_quote:
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i not in in_quote]
    if len(subjects) != 1:
        return False
    subj = set(subtree(subjects[0]))
    if not (max(subj) == tok.i - 1 or min(subj) == tok.i + 1):
        return False  # the subject right before the verb, or right after it ("retorted X")
    outside = {t.i for t in toks if t.i not in in_quote}  # words only: punctuation is never counted
    extras = [c for c in tok.children if c.i not in subj and c.i not in in_quote and not c.is_punct]
    if any(c.dep_ not in _FRAME_EXTRAS or len(subtree(c)) > 4 for c in extras):
        return False
    if outside - subj - {tok.i} - {i for c in extras for i in subtree(c)}:
        return False
    frame = min(subj | {tok.i})
    quoted = [t for t in toks if t.i in in_quote and t.i < frame]
    if not quoted:
        return False
    gap = text[quoted[-1].idx + len(quoted[-1].text):tok.doc[frame].idx]  # ',” ' between quote and frame
    return bool(_FRAME_GAP.match(gap))


def inherited_source(tok: Any, passive: bool = False) -> set[int]:
    """The subject a subjectless cue shares: "He went on to say", "by saying", "voters saying",
    "..., adding that", "said and added". None for a passive cue: "It moved closer and had been
    projected to pass over New Zealand" shares its subject with "moved", but as what was projected
    (`passive`: inherit anyway, the behaviour before session 30)."""
    if not passive and any(c.dep_ == "auxpass" for c in tok.children):
        return set()
    t = tok
    for _ in range(4):
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return subtree(t.head) - subtree(t)
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            t = t.head.head
        elif t.dep_ in ("xcomp", "advcl", "conj", "acomp") and t.head.i != t.i:
            t = t.head
        else:
            return set()
        subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return source_span(subj[0])
        if any(c.dep_ in ("nsubjpass", "expl") for c in t.children):
            return set()
    return set()


def clause_under_prep(tok: Any, source: set[int], media: frozenset[str]) -> tuple[set[int], set[int]]:
    """'said in a statement that the strike hit a depot', 'wrote in a 2013 essay that ...': the parse
    hangs the that-clause on the noun of the cue's prepositional phrase ("a statement that ..."), so
    the verb has no content of its own. A clause counts only when it hangs on a noun of where words
    were said (`media`: cues.yaml's speech and medium nouns) reached from the preposition through
    nouns alone, "that" is its mark and it has a subject of its own (a relative clause, "a statement
    that was issued on Monday", does not). Returns (content, the prepositional words that join the cue)."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i or prep.i in source:
            continue
        for node in prep.subtree:
            if node.dep_ not in ("acl", "relcl") or not {node.head.lemma_.lower(), node.head.lower_} & media:
                continue  # "bristled at the suggestion that ...": a proposition, not where it was said
            path, up = [], node.head
            while up.i != prep.i:
                path.append(up)
                up = up.head
            if any(t.pos_ not in ("NOUN", "PROPN", "ADP", "NUM") for t in path):
                continue  # "went out of his way to say that ...": the clause is another verb's
            marks = [c for c in node.children if c.dep_ == "mark" and c.lower_ == "that"]
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                        and c.lower_ not in ("that", "which", "who")]
            if marks and subjects and marks[0].i < subjects[0].i:
                clause = subtree(node)
                return clause, {i for i in subtree(prep) if i < marks[0].i} | {marks[0].i}
    return set(), set()
