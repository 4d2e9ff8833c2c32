"""Span helpers for rule attribution: token sets of the spaCy parse <-> character spans of the text.

Pure functions over a spaCy Doc (tokens are referred to by index): subtrees, sentence lookups,
quoted tokens, trimming punctuation and datelines off spans, joining runs of tokens into spans.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Optional

from .quotes import Quote

TRIM = " \n\t,;:—–-\"'\u201c\u201d\u2018\u2019`"


def subtree(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree if not t.is_space}


def source_span(tok: Any) -> set[int]:
    """The source phrase: the subject's subtree without participial modifiers
    ("a letter obtained by the AP" is "a letter")."""
    out = subtree(tok)
    for c in tok.children:
        if c.dep_ == "acl" and c.i > tok.i:
            out -= subtree(c)
    return out


def _that_clauses(tok: Any) -> set[int]:
    return {i for c in tok.children if c.dep_ in ("acl", "relcl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for i in subtree(c)}


def noun_agent(prep: Any) -> tuple[set[int], set[int]]:
    """A speech noun's agent and its that-clause, which the parse may hang on either: "claims by Nigeria's
    government that it had agreed a ceasefire", "a suggestion by a potential president that ..." -> (the object of
    "by", the clause). Nothing without a that-clause: "the decision by the FBI to ...", "estimates by the
    government about ..." say no words of the agent's."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    clause = (_that_clauses(objs[0]) | _that_clauses(prep.head)) if objs else set()
    if not clause:
        return set(), set()
    return subtree(objs[0]) - clause, clause


TAIL_MARKS = {"while", "as", "after", "before", "since", "despite", "although", "though", "even", "because", "when",
              "whereas", "amid", "with"}


def trim_tail(doc: Any, content: set[int], in_quote: set[int], deps: list[str]) -> set[int]:
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


def tokens_in(doc: Any, a: int, b: int) -> set[int]:
    sp = doc.char_span(a, b, alignment_mode="expand")
    return {t.i for t in sp if not t.is_space} if sp is not None else set()


def attribution_sentences(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def token_sentences(doc: Any, sents: list[tuple[int, int]]) -> list[int]:
    out = []
    j = 0
    for t in doc:
        while j + 1 < len(sents) and t.idx >= sents[j][1]:
            j += 1
        out.append(j)
    return out


def quoted_tokens(doc: Any, quotes: list[Quote]) -> set[int]:
    out: set[int] = set()
    for q in quotes:
        sp = doc.char_span(q.start, q.end, alignment_mode="contract")
        if sp is not None:
            out.update(t.i for t in sp)
    return out


def sentence_at(pos: int, sents: list[tuple[int, int]]) -> Optional[int]:
    i = bisect.bisect_right([a for a, _ in sents], pos) - 1
    if 0 <= i < len(sents) and sents[i][0] <= pos < max(sents[i][1], sents[i][0] + 1):
        return i
    return None


def is_quote_sentence(text: str, sent: tuple[int, int], quotes: list[Quote]) -> bool:
    a, b = sent
    return any(q.outer_start <= a + (len(text[a:b]) - len(text[a:b].lstrip())) and q.end >= b - 2 for q in quotes)


def token_chars(doc: Any, toks: set[int]) -> tuple[int, int]:
    lo, hi = min(toks), max(toks)
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def span_text(doc: Any, toks: set[int], text: str) -> str:
    if not toks:
        return ""
    a, b = trim(text, *token_chars(doc, toks))
    return text[a:b]


def np_span(tok: Any) -> set[int]:
    """A noun phrase without its relative clauses and appositions."""
    out = {tok.i}
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod"):
            out |= {t.i for t in c.subtree}
    return out


def char_runs(doc: Any, toks: set[int], text: str) -> list[tuple[int, int]]:
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


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


# "BRUSSELS -", "MACAU (Reuters) -", "SANAA, Dec 6 (Reuters) -", "UNITED NATIONS (CBS News/CBSDC/AP) —"
DATELINE = re.compile(r"[A-Z][A-Z.'’]+(?:[ ,]+[A-Z0-9][A-Za-z0-9.'’]*){0,4}(?:\s*\([A-Za-z.,/&' ]{1,40}\))?\s*(?:--|[-—–])\s*")


def skip_dateline(text: str, a: int, b: int) -> int:
    """Past a dateline at the start of a span: 'BRUSSELS - European leaders', 'MACAU (Reuters) -'."""
    m = DATELINE.match(text, a, b)
    if m and m.end() < b and (a == 0 or text[a - 1] == "\n" or not text[max(0, a - 2):a].strip()):
        first = text[a:m.end()].split()[0].strip(",.")
        if first.isupper() and len(first) >= 2:
            return m.end()
    return a


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(s for s in spans if s[1] > s[0])
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
