"""Who speaks inside what another source passes on: the relayed source is the speaker when it is a government.

- ``relayed_source``: "Reuters quoted the country's defence ministry as saying ...": the ministry.
- ``inner_source``: "CNN reported that U.S. officials now suspect ...": a reported clause that opens with its
  own speaker and speech verb, or names it in a relative clause.
- ``according_inner``: '"When I came down, I greeted him ...," the pope told reporters, according to Reuters':
  the attribute stage reads the trailing "according to Reuters" as the statement's source and the whole sentence
  before it as its content; the content names its own speaker with its own speech verb, outside the quotation.

The resolver decides each as it decides any source another speaker passes on (``_passed_on``), and keeps the
outlet when the relayed source is no government.
"""
from __future__ import annotations

import re
from typing import Any, Optional

# "Reuters quoted the country's defence ministry as saying", "Al Arabiya cited the Iraqi Defense Ministry saying"
_RELAY_CUES = frozenset({"quoted", "quoting", "quotes", "cited", "citing", "cites"})
_RELAYED = re.compile(r"\s+((?:the\s+)?[^,.;:\"\u201c\u201d\n]{3,80}?)\s+(?:as\s+)?(?:saying|to say)\b", re.IGNORECASE)


def relayed_source(text: str, statement: Any) -> Optional[str]:
    """The source an outlet passes on, when the cue says so: "Reuters quoted X as saying ..." -> X."""
    cue = (statement.cue or "").lower().split()
    if statement.cue_end < 0 or not cue or cue[0] not in _RELAY_CUES:
        return None
    m = _RELAYED.match(text, statement.cue_end)
    return m.group(1).strip() if m else None


# "CNN reported that U.S. officials now suspect ...", "AP: An Iraqi official today denied that ...": the
# reported clause opens with its own speaker and speech verb (PolNeAR leaves such nested sources out)
_INNER = re.compile(r"(?:that\s+)?((?:the\s+|an?\s+)?[A-Z](?:[^,.;:!?\"\u201c\u201d\n]|\.(?=\S|\s+[a-z])){2,80}?)\s+"
                    r"(?:(?:also|now|today|yesterday|have|has|had|had\s+earlier|earlier|later|reportedly|publicly|"
                    r"on\s+\w+day)\s+)?"
                    r"(said|says|say|told|tells|denied|denies|deny|confirmed|confirms|confirm|announced|announces|"
                    r"stated|states|claimed|claims|insisted|insists|warned|warns|suspect|suspects|believe|believes|"
                    # "The Cuban government later disputed the report, saying ..., according to AFP"
                    r"disputed|disputes|rejected|rejects|dismissed|dismisses|refuted|refutes|"
                    # "Obama emphasized that ...", as a reporter quotes it
                    r"emphasized|emphasised|emphasizes|emphasises|stressed|stresses)\b")


_NOT_A_SUBJECT = re.compile(r"\b(?:to|had|has|have|is|was|were|are|will|would|could|should|can|may|might|must|did|"
                            r"does|do|not)$|\b(?:had|has|have|is|was|were|are|will|would|could|should|can|may|might|"
                            r"must|did|does|do)\s+\w+|"
                            # "Despite government claims of a ceasefire, ...": a phrase, not a subject, before the noun
                            r"^(?:despite|after|before|although|though|while|since|because|amid|following|unlike|"
                            r"contrary to|in spite of)\b", re.IGNORECASE)


# "condemned North Korea's claim to have conducted ...": a speech act that names its own speaker
_INNER_ACT = re.compile(r"(?:that\s+)?((?:the\s+)?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})['\u2019]s?\s+"
                        r"(?:\w+\s+)?(?:claims?|announcement|statement|assertion|insistence|warning|denial|threat|pledge|"
                        r"promise|vow|accusation|allegation)\s+(?:that|to)\s+\S")


# "criticized Clinton's email use, which an FBI investigation said was 'extremely careless'": a report
# the content holds in a relative clause, with its own speaker
_RELATIVE_REPORT = re.compile(r",\s+(?:which|that)\s+((?:the\s+|an?\s+)?[A-Z][\w.\u2019'-]*(?:\s+[\w.\u2019'-]+){0,4}?)\s+"
                              r"(?:(?:have|has|had)\s+)?(?:said|says|found|concluded|determined)\s+(?:was|is|were|are|had|has|would)\b")


def inner_source(text: str, statement: Any, press: bool = False) -> Optional[str]:
    """The speaker a reported clause names for itself at its start: "U.S. officials said ..." or
    "North Korea's claim to have ...", or in a relative clause (", which an FBI investigation said
    was ..."), inside what a non-government speaker reports. Indirect statements only (a quote is
    the quoted person's), except when the one quoted is press: a reporter quoted saying "Iraqi
    officials said ..." reports, as the outlet does."""
    if (statement.type == "direct" and not press) or not statement.content_spans:
        return None
    start, end = statement.content_spans[0]
    act = _INNER_ACT.match(text[start:end])
    if act is not None:
        return act.group(1).strip()
    rel = _RELATIVE_REPORT.search(text[start:end])
    if rel is not None:
        return rel.group(1).strip()
    m = _INNER.match(text[start:end])
    if m is None or re.search(r"\b(?:who|which|that|whom|whose)\b", m.group(1)):
        return None  # "The FBI has questioned a man who says": the verb is the relative clause's
    if _NOT_A_SUBJECT.search(m.group(1)):
        return None  # "Obama had too little to say": a verb inside, so no subject before the speech verb
    if len(re.findall(r"\w+", text[start + m.end():end])) < 2:
        return None  # "reports say Abbas has denied": the clause says nothing of its own
    return m.group(1).strip()


_VERB = (r"(?:said|says|told|tells|added|adds|made clear|insisted|insists|denied|denies|confirmed|confirms|"
         r"announced|announces|warned|warns|explained|noted|declared|stated|wrote|tweeted|reported|reports|"
         # "According to CNN, FBI officials overseeing the probe now expect ...": a belief is a statement
         r"believe|believes|expect|expects|suspect|suspects)")
_NP = r"((?:the\s+|an?\s+)?[A-Za-z][^,.;:!?\"\u201c\u201d\n]{1,80}?)"
_CLOSE = r"(?<=\S)[,.!?\u2026]?[\"\u201d]\s*,?\s*"  # a closing mark: text right before it, never an opening one
# '...," the pope told reporters' / '...," said the leader of the Catholic Church' / 'Francis made clear that ...'
_AFTER_QUOTE = re.compile(_CLOSE + _NP + r"\s+" + _VERB + r"\b")
_VERB_FIRST = re.compile(_CLOSE + _VERB + r"\s+" + _NP + r"\s*(?:,|\.|$)")
_AT_START = re.compile(r"^(?:on\s+\w+day,\s+)?" + _NP + r"\s+(?:also\s+|later\s+|earlier\s+)?" + _VERB + r"\b",
                       re.IGNORECASE)


def according_inner(text: str, statement: Any) -> Optional[str]:
    """The speaker the content of an "according to ..." statement names with its own speech verb, outside
    its quotation: after a closing quotation mark ('...," X said' or '...," said X') or at its start ("X made
    clear that ..."). None for any other cue, or when the content names none."""
    if not (statement.cue or "").lower().startswith("according to") or not statement.content_spans:
        return None
    start = min(a for a, _ in statement.content_spans)
    end = max(b for _, b in statement.content_spans)
    content = text[start:end]
    for rx in (_AFTER_QUOTE, _VERB_FIRST):
        m = rx.search(content)
        if m is not None:
            return m.group(1).strip()
    m = _AT_START.match(content)
    return m.group(1).strip() if m is not None and content[:1] not in "\"\u201c" else None
