"""Who a document speaks for: "Data released by the Labor Department showed ...". The attribute
stage's speaker is the document ("Data"); the words between it and the cue name its author."""
from __future__ import annotations

import re
from typing import Any, Optional

_AUTHORED = re.compile(r"\s*,?\s*(?:that\s+(?:was|were)\s+|which\s+(?:was|were)\s+)?(?:just\s+|newly\s+|recently\s+)?"
                       r"(?:released|published|issued|compiled|produced|prepared|provided|put\s+out|made\s+public)"
                       r"(?:\s+(?:on\s+)?\w+day|\s+(?:this|last)\s+(?:week|month|year)|\s+(?:earlier|late|recently))*"
                       r"\s+by\s+((?:the\s+)?[^,;:\"\u201c\u201d]{2,80}?)\s*,?\s*$", re.IGNORECASE)
# when, after the author: "by the Labor Department on Friday", "by the ministry last week"
_WHEN = re.compile(r"(?:\s+(?:on\s+\w+day|\w+day|(?:this|last)\s+(?:week|month|year)|earlier|recently|"
                   r"(?:earlier|late)\s+(?:on\s+)?\w+))+$", re.IGNORECASE)


def document_author(text: str, statement: Any, document_words: frozenset[str]) -> Optional[str]:
    """The author named between a document speaker and its cue ("Figures released by Germany's
    interior ministry show" -> "Germany's interior ministry"), or None. `document_words`: the
    lexicon's document nouns ("data", "figures", "report").

    >>> from types import SimpleNamespace as S
    >>> t = "Data released by the Labor Department on Friday showed that hiring slowed."
    >>> st = S(speaker=S(start=0, end=4), cue_start=t.index("showed"))
    >>> document_author(t, st, frozenset({"data"}))
    'the Labor Department'
    """
    sp = statement.speaker
    if sp.start < 0 or sp.end <= sp.start or statement.cue_start < sp.end:
        return None
    words = re.findall(r"[\w'-]+", text[sp.start:sp.end].lower())
    if not words or words[-1] not in document_words:
        return None
    m = _AUTHORED.match(text[sp.end:statement.cue_start])
    return _WHEN.sub("", m.group(1)).strip() if m else None


def issued_by_organisation(mention: str, national: list, organisations: frozenset[str],
                           document_words: frozenset[str]) -> bool:
    """"A United Nations report on Iraq", "the IMF report": an intergovernmental organisation's name,
    then at most two words, then a document word. Not a country's name ("the Iraq report" names a
    topic) and not a demonym ("a Russian report" may be a newspaper's).

    >>> from types import SimpleNamespace as S
    >>> un = S(government="United Nations", field="names", start=2, end=16)
    >>> issued_by_organisation("A United Nations report on Iraq", [un], frozenset({"United Nations"}), frozenset({"report"}))
    True
    """
    for m in national:
        if m.field != "names" or m.government not in organisations:
            continue
        words = re.findall(r"[\w'-]+", mention[m.end:].lower())[:3]
        if any(w in document_words for w in words):
            return True
    return False
