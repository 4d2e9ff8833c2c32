"""A government the article shows speaking only through generic roles given the country it is about
is not reported.

A role that names no country ("an official", "authorities", "the police") takes the country the
article or its paragraph is about (``decision.role_without_country``). That is fair evidence for
*adding* statements to a government the article names as speaking elsewhere, and weak evidence that
a government spoke at all: "state authorities" in a story set in a Mexican state, "A police
spokesman" in one set in an Indian province. So when every statement of a government came that way
(directly, by coreference or by continuing such a statement) from a role a city or province has too,
with no word that ties it to the state, its statements go to unknown, with the reason. Measured in
session 36 (``resolve.context_alone_speaks``; docs/history.md); since session 44 a person's name with
the role ties nothing to the state either, while a named body or office does."""
from __future__ import annotations

import re
from typing import Optional

from ..types import Statement
from .bodies import BodyLexicon
from .decision import Decision
from .guard import LOCAL_ROLES

# "the government" is the national one wherever it stands (govbench's guideline); the other roles a city
# or province has too are weak unless a word ties them to the state ("government officials",
# "Federal officials", "national police")
_GENERIC_ROLES = LOCAL_ROLES - {"government"}
# bodies a city or a province has too: no tie to the state ("the city administration", "the police department")
_LOCAL_BODIES = _GENERIC_ROLES | {"administration"}
_ONE_PERSON = frozenset({"official", "spokesman", "spokeswoman", "spokesperson"})  # a role one named person holds
_STATE_WORD = re.compile(r"\b(?:government|federal|national|state-run)\b", re.IGNORECASE)


def _weak(st: Statement, d: Optional[Decision], lex: BodyLexicon, titles: frozenset[str]) -> bool:
    """A government statement whose country is only the article's, by a generic role a city or a
    province has too ("officials", "authorities", "police"), with no state body or office named. A body
    that no city has ties it to the state ("the health ministry's spokesman"; not "a senior administration
    official"); the name of the one person who holds the role adds no country ("RP Solanki, an official at
    the station") while a capitalised office or title word with it does ("Juan Perez, a spokesman for the
    Interior Ministry"); any capitalised word keeps a group's or body's statement ("officials cited by NBC").
    `lex`: the resolver's ``BodyLexicon``; `titles`: its title words."""
    if d is None or d.kind != "government" or not d.from_context or d.role not in _GENERIC_ROLES:
        return False
    text = st.speaker.text or ""
    if _STATE_WORD.search(text) or any(w.kind.startswith("body") and w.text not in _LOCAL_BODIES
                                       for w in lex.find(text)):
        return False
    capitals = [w for w in re.findall(r"[\w'\u2019-]+", text)[1:] if w[:1].isupper()]
    if d.role in _ONE_PERSON:  # the capitals may be the holder's name
        return not any(lex.kind(w) is not None or w.lower() in titles for w in capitals)
    return not capitals


def drop_context_only(statements: list[Statement], decided: list[Optional[Decision]], lex: BodyLexicon,
                      titles: frozenset[str]) -> None:
    """Unset, in place, the speakers (and their `decided` entries) whose government has no statement
    in the article that names it by other evidence. `decided[i]` is statement i's decision (None: no source);
    `lex` and `titles`: the resolver's lexicon and title words (``_weak``)."""
    weak = [_weak(st, d, lex, titles) for st, d in zip(statements, decided)]  # each statement's, read once
    explicit = {g for d, w in zip(decided, weak) if d is not None and d.kind == "government" and not w
                for g in d.governments}
    for i, (st, d) in enumerate(zip(statements, decided)):
        if not weak[i] or d.government in explicit:
            continue
        sp = st.speaker
        sp.reason = (f"{sp.reason}; no statement in the article names {d.government} by other evidence, and the "
                     "country an article is about does not alone make its government speak")
        sp.government, sp.kind = None, "unknown"
        decided[i] = None
