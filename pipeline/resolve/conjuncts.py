"""The conjuncts of a speaker phrase that names several sources ("reporters who were on the ground
as well as the information director at the Saudi Embassy", "the Defense Ministry and doctors"):
each may be decided alone, so a government among them is not lost to the guard's reading of the
first head."""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from .mentions import _ordered_unique

_JOIN = re.compile(r"\s*,?\s+(?:and|as well as|along with)\s+", re.IGNORECASE)
_BOTH = re.compile(r"^\s*both\s+", re.IGNORECASE)


def conjuncts(mention: str, names: Iterable[tuple[int, int]] = ()) -> list[str]:
    """The parts of `mention` joined at its top level by "and", "as well as" or "along with"; [] when
    there is one part. Never inside a name or a nested phrase (`names`: (start, end) offsets in
    `mention`, such as gazetteer matches, "Customs and Border Protection", or ``nested_phrases``) nor
    inside brackets.

    >>> conjuncts("the Defense Ministry and doctors")
    ['the Defense Ministry', 'doctors']
    >>> conjuncts("Customs and Border Protection", [(0, 29)])
    []
    """
    spans = list(names)
    lead = _BOTH.match(mention)
    start = lead.end() if lead else 0
    parts, last = [], start
    for m in _JOIN.finditer(mention, start):
        if any(a <= m.start() < b for a, b in spans) or mention.count("(", 0, m.start()) > mention.count(")", 0, m.start()):
            continue
        parts.append(mention[last:m.start()])
        last = m.end()
    parts.append(mention[last:])
    parts = [p.strip(" ,") for p in parts if p.strip(" ,")]
    return parts if len(parts) > 1 else []


def nested_phrases(doc, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) character offsets, relative to `start`, of the coordinations inside the phrase at
    [start, end) of the parse `doc` that join two nouns below its head: "head of chemical and biological
    weapons for NATO and the British army" joins "army" to "NATO", the object of "for", not to "head"."""
    if not hasattr(doc, "char_span"):  # no parse (or a stand-in without tokens)
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    out = []
    for t in (t for t in span or () if start <= t.idx < end):
        h = t.head
        if t.dep_ == "conj" and h.pos_ in ("NOUN", "PROPN", "PRON") and start <= h.idx < end \
                and start <= h.head.idx < end:
            out.append((h.idx - start, t.idx + len(t.text) - start))
    return out


def conjoined_decision(resolver: Any, sp: Any, article: Any, home, why, day, people) -> Optional[Any]:
    """The governments among the conjuncts of the speaker phrase that name their country or institution
    themselves (none taken from the article's country) and a body, office or office holder (not a
    bare place: "close ties to Pyongyang and Beijing"), or None."""
    text = sp.text
    if not conjuncts(text):  # no "and" at the top level even before names are protected: nothing to split
        return None
    as_written = sp.start >= 0 and article.clean_text[sp.start:sp.start + len(text)] == text
    nested = nested_phrases(article.doc, sp.start, sp.start + len(text)) if as_written else []
    parts = conjuncts(text, [(m.start, m.end) for m in resolver.gaz.find(text)] + nested)
    found = [(p, d) for p in parts for d in [resolver.decide(p, home, why, day, None, people)]
             if d.kind == "government" and not d.needs_country and d.role != "state"]  # not "Paris and Beijing"
    if not found:
        return None
    p, d = found[0]
    d = d.restated(f"conjunct {p!r} of {text!r}: {d.reason}")
    d.governments = _ordered_unique(g for _, x in found for g in x.governments)
    return d
