"""Settling which candidate owns which tokens, and quotes beyond a candidate's sentence.

* Nesting: a cue inside another attribution's content is part of that content, not a statement of
  its own, except a clear cue verb conjoined to the content's verb with no subject ("X said A,
  and urged B": X's second statement).
* One statement per cue head; overlapping contents go to the earlier cue.
* A quote that a content enters runs whole, past its sentence; quoted sentences with no cue of
  their own continue the statement before them ("floating" quotes).
"""
from __future__ import annotations

import re
from typing import Any

from .candidates import Candidate
from .lexicon import Lexicon
from .quotes import Quote, words
from .spans import TRIM, is_quote_sentence, quoted_tokens, sentence_at, subtree

# right after a closing quote, on the same line: its own attribution ("Trump told", ", said the minister")
_SPEAKER_AFTER = re.compile(r"[\u201d\u2019\"']*[ \t]*,?[ \t]*(?:(?:[A-Z][\w.'\u2019-]*|the|a|an)[ \t]+){1,5}?(?:said|says|told|tells|added|"
                            r"adds|wrote|writes|tweeted|asked|replied|explained|insisted|warned|declared)\b|"
                            r"[\u201d\u2019\"']*[ \t]*,?[ \t]*(?:said|says|told|added|wrote|tweeted|asked|replied)[ \t]+[A-Z]")
# ... unless that cue opens a statement of its own: '"B." He added, "C."', 'He added that ...', 'She said:'
_INTRODUCES = re.compile(r"[ \t]*(?:[,:][ \t]*[\"\u201c\u2018']|:|[ \t]+that\b)")
SECOND_REPORT_RATE = 0.6  # a conjoined verb split off as a second statement must be a clear cue


def settle_conflicts(cands: list[Candidate], doc: Any, in_quote: set[int], params: Any, learned: Lexicon) -> None:
    """Nested statements: a cue inside a quote or a complement clause is part of the outer
    content; one in a relative or coordinated clause ("a plan, which he said...",
    "A said X, and B said Y") is a statement of its own, cut out of the outer content.
    Then a token belongs to one statement's content."""
    if params.nested == "drop":
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
                if params.split_conjoined and h is not None and _second_report(h, outer, in_quote) \
                        and learned.cue_rate(h) >= SECOND_REPORT_RATE:
                    # "X said A, and called B": the parse hangs "called" off A, but it is X's
                    # second statement; B leaves the first content
                    cc = [t.i for t in h.head.children if t.dep_ == "cc" and t.i < h.i]
                    region = subtree(h) | inner.content | {i for i in cc if i > min(outer.content)}
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


def attach_quotes(cands: list[Candidate], quotes: list[Quote], sents: list[tuple[int, int]], sent_of: list[int],
                  doc: Any, text: str, params: Any) -> None:
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
    # 1. a quote that a statement's content enters runs whole, even past its sentence; a quote run over
    # paragraphs that another statement also enters ('X said: "A. B.' / '"C. D," X said.') is cut at the
    # paragraph breaks, and each statement takes the part in its own paragraph
    for c in cands:
        chars = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in c.content]
        lo = min(a for a, _ in chars)
        hi = max(b for _, b in chars)
        s0, s1 = sents[c.sentence]
        for qi, q in enumerate(quotes):
            if q.start < hi and q.end > lo and (q.start < s0 or q.end > s1):
                a, b = q.start, q.end
                if overlaps_taken(max(a, s1), b, c) or overlaps_taken(a, min(b, s0), c):
                    a = max(a, text.rfind("\n", 0, lo) + 1)
                    nl = text.find("\n", hi)
                    b = min(b, nl if nl >= 0 else len(text))
                if (a < s0 or b > s1) and not overlaps_taken(max(a, s1), b, c) and not overlaps_taken(a, min(b, s0), c):
                    c.extra.append((a, b))
                    used.add(qi)
            if q.start < hi and q.end > lo:
                used.add(qi)
    # 2. quoted sentences with no cue of their own continue the statement before them
    # the statement a following cue-less quote continues: the sentence's last statement whose
    # content is quoted ('"A," said X, who wrote ... . "B."' continues X's quote), else its last
    quoted_toks = quoted_tokens(doc, quotes)

    def continues_rank(c: Candidate) -> tuple[int, int]:
        quoted = bool(c.content & quoted_toks) or bool(c.extra)
        return (int(quoted) if params.float_to_quoted else 0, min(c.content))

    last_by_sent: dict[int, Candidate] = {}
    for c in cands:
        if c.sentence not in last_by_sent or continues_rank(c) > continues_rank(last_by_sent[c.sentence]):
            last_by_sent[c.sentence] = c
    for qi, q in enumerate(quotes):
        if qi in used or words(text[q.start:q.end]) < 2:
            continue
        si = sentence_at(q.start, sents)
        if si is None:
            continue
        # the quote must open its sentence (a floating quote, not a phrase inside narration)
        if text[sents[si][0]:q.start].strip(TRIM):
            continue
        qs_end = sentence_at(max(q.start, q.end - 1), sents)
        if any(s in by_sent for s in range(si, (qs_end if qs_end is not None else si) + 1)):
            continue  # its sentence has a cue: not floating
        prev = None
        for back in range(1, params.floating_window + 2):
            if si - back in last_by_sent:
                prev = last_by_sent[si - back]
                break
            if si - back < 0 or not is_quote_sentence(text, sents[si - back], quotes):
                break
        if prev is None:
            continue
        if overlaps_taken(q.start, q.end, prev):
            continue
        after = _SPEAKER_AFTER.match(text, q.end)
        if after and not (params.float_before_introducing_cue and _INTRODUCES.match(text, after.end())):
            continue  # '"... who knows?" Trump told ITV': the quote's own speaker follows it
        prev.extra.append((q.start, q.end))
        used.add(qi)
        end_si = qs_end if qs_end is not None else si
        last_by_sent[end_si] = prev
        by_sent.setdefault(end_si, [])
