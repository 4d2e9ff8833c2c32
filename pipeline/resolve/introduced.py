"""A person the article names right after an unnamed official spoke is that official.

News introduces a speaker by role first and by name a sentence later: "A Jordanian government
spokesman has denied rumours ... / Mohammed al-Momani said in a statement ...", "Mexico's attorney
general said ... / Jesus Murillo Karam said further tests ...". The bare name decides nothing by
itself ("no government evidence"), though the reader knows who it is. ``introduced_after_role``
reads the pattern narrowly: the name is a parse PERSON, named here for the first time and with no
description of its own, it speaks in the sentence right after the earlier speaker's statement, and
that speaker is a government speaker written as one unnamed person ("a spokesman", "the attorney
general", not "officials" and not "spokesman John Kirby"). ``same_name_before`` lets the later
"Momani said" take what the full name was decided as.
"""
from __future__ import annotations

import re
from typing import Optional

from ..types import Article, Statement
from .bodies import BodyLexicon
from .coref import Antecedent, _number
from .decision import Decision

# a sentence ends: ".", "!" or "?" (and a closing quote) before a space or a line break
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|sir|dame)\.?\s+", re.IGNORECASE)
_NOT_A_ROLE = {None, "person", "state", "institution"}  # Decision.role of a name, a country, a named body
# a speaker phrase that is a name, or ends in one after a comma ("a senior aide to President Goodluck
# Jonathan, Hassan Tukur"): not a name inside something else ("the report assembled by Bill Gertz")
_NAME_WORD = r"(?:[A-Z][\w'\u2019.]*|al|bin|de|van|von|da|el)[\s-]+"


def _person_at(persons: list[tuple[int, int, str]], start: int, end: int) -> Optional[tuple[int, int, str]]:
    """The PERSON entity that ends the span [start, end), or None."""
    return next((p for p in persons if start <= p[0] and p[1] == end), None)


def _names_a_person(article: Article, start: int, end: int) -> bool:
    """Whether the parse finds a PERSON in [start, end), inside a statement's words or not (the
    speaker of "according to ..." stands inside them)."""
    doc = article.doc
    return doc is not None and hasattr(doc, "ents") and any(
        e.label_ == "PERSON" and start <= e.start_char < end for e in doc.ents)


def _next_sentence(text: str, before: int, at: int) -> bool:
    """Whether `at` lies in the sentence that ends at `before`, or in the one right after it."""
    return len(_SENTENCE_END.findall(text[before:at])) <= 1


def _titles_only(words: str, title_words: frozenset[str]) -> bool:
    """Nothing but title or rank words ("Rear Admiral", "Air Marshal"), or nothing."""
    return all(w.lower().strip(".") in title_words for w in words.split())


def introduced_after_role(article: Article, st: Statement, d: Decision, previous: Optional[tuple[Statement, Decision]],
                          persons: list[tuple[int, int, str]], lex: BodyLexicon,
                          title_words: frozenset[str]) -> Optional[Decision]:
    """`previous`'s government for the speaker of `st` when it is a person named for the first time
    right after an unnamed government official spoke (module docstring), else None."""
    sp = st.speaker
    if d.kind != "unknown" or previous is None or sp.start < 0:
        return None
    text = article.clean_text
    if text[sp.start:sp.start + len(sp.text)] != sp.text:
        return None
    person = _person_at(persons, sp.start, sp.start + len(sp.text))
    if person is None or len(person[2].split()) < 2 or not _titles_only(text[sp.start:person[0]], title_words):
        return None  # no full name, or a description beside it ("Momani, a professor")
    surname = person[2].split()[-1]
    if re.search(rf"\b{re.escape(surname)}\b", text[:sp.start]):
        return None  # named before: who it is was said (or not) there
    prev_st, a = previous
    ps = prev_st.speaker
    if a.kind != "government" or not a.person or len(a.governments) > 1 or ps.start < 0 or a.role in _NOT_A_ROLE:
        return None  # "he" who was Harper is no unnamed official
    if _names_a_person(article, ps.start, ps.start + len(ps.text)):
        return None  # the official was named already ("spokesman John Kirby")
    if _number(ps.text, lex, a.role) != "sg" or (a.role or "").split()[-1:] == ["officials"]:
        return None
    before = max(prev_st.char_end, ps.start + len(ps.text))
    if not _next_sentence(text, before, min(st.char_start, sp.start)):
        return None
    return a.restated(f"{sp.text!r}, named right after {ps.text!r} spoke: {a.reason}", person=True)


def same_name_before(name: str, d: Decision, done: list[Antecedent]) -> Optional[Decision]:
    """An earlier government speaker's decision for a bare name that is the end of that speaker's
    name ("Momani" after "Mohammed al-Momani", decided by ``introduced_after_role``), else None."""
    bare = _HONORIFIC.sub("", name.strip())
    if d.kind != "unknown" or not re.fullmatch(r"[A-Z][\w'\u2019-]+", bare):
        return None
    named = re.compile(rf"(?:^|,\s+)(?:{_NAME_WORD}){{1,4}}{re.escape(bare)}$")
    for ant in reversed(done):
        a = ant.decision
        if a.kind == "government" and a.person and named.search(ant.text.strip()):
            return a.restated(f"{name!r} -> {ant.text!r}, named before: {a.reason}")
    return None
