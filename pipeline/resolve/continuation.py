"""Which statement without a source continues the government speaker before it.

"..., the ministry said. It added that ...": the attribute stage may leave the second statement without
a source, and the resolver lets it continue the government speaker of the sentence before in the same
paragraph (``resolve.implicit_speakers``). Only a cue that someone says something carries that speaker
on: an active finite verb ("added", "said Wednesday"). A noun ("amid suggestions that ...", "accusations
of"), a passive ("No arrests have been confirmed", "He has been harshly criticized") or a participle
opening a clause ("Announcing the return of the girls", "Asked ...") names no speaker, and the words are
not the previous speaker's (session 39: the FNC-1 train pool, PolNeAR and dev_extra3).
"""
from __future__ import annotations

import re
from typing import Any

# a cue that starts with a copula, "to" or "'s" never has the speaker before it as its agent
AGENTLESS = re.compile(r"(?:is|are|was|were|be|been|being|to|['\u2019]s)\s", re.IGNORECASE)


def cue_continues_speaker(article: Any, st: Any, any_cue: bool = False) -> bool:
    """Can this source-less statement be the previous speaker's? `any_cue`: every cue but AGENTLESS
    (before session 39)."""
    if AGENTLESS.match(st.cue or ""):
        return False
    doc = getattr(article, "doc", None)
    if any_cue or doc is None or st.cue_start < 0:
        return True
    span = doc.char_span(st.cue_start, st.cue_end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    root = span.root
    if root.pos_ not in ("VERB", "AUX") or root.tag_ == "VBG":
        return False  # "suggestions", "a claim", "Announcing", "reporting"
    kids = [c.dep_ for c in root.children]
    if "auxpass" in kids or (root.tag_ == "VBN" and "aux" not in kids):
        return False  # "have been denied", "not accorded", "Asked"
    return True
