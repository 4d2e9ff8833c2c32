"""A government the article shows speaking only through generic roles given the country it is about
is not reported.

A role that names no country ("an official", "authorities", "the police") takes the country the
article or its paragraph is about (``decision.role_without_country``). That is fair evidence for
*adding* statements to a government the article names as speaking elsewhere, and weak evidence that
a government spoke at all: "state authorities" in a story set in a Mexican state, "A police
spokesman" in one set in an Indian province. So when every statement of a government came that way
(directly, by coreference or by continuing such a statement) from a role a city or province has too,
with no name and no word that ties it to the state, its statements go to unknown, with the reason.
Measured in session 36 (``resolve.context_alone_speaks``; docs/history.md)."""
from __future__ import annotations

import re
from typing import Optional

from ..types import Statement
from .decision import Decision
from .guard import LOCAL_ROLES

# "the government" is the national one wherever it stands (govbench's guideline); the other roles a city
# or province has too are weak unless a word ties them to the state ("government officials",
# "Federal officials", "national police")
_GENERIC_ROLES = LOCAL_ROLES - {"government"}
_STATE_WORD = re.compile(r"\b(?:government|federal|national|state-run)\b", re.IGNORECASE)


def _weak(st: Statement, d: Optional[Decision]) -> bool:
    """A government statement whose country is only the article's, by a generic role a city or a
    province has too ("officials", "authorities", "police"), with no person or body named."""
    if d is None or d.kind != "government" or not d.from_context or d.role not in _GENERIC_ROLES:
        return False
    words = (st.speaker.text or "").split()
    return not any(w[:1].isupper() for w in words[1:]) and not _STATE_WORD.search(st.speaker.text or "")


def drop_context_only(statements: list[Statement], decided: list[Optional[Decision]]) -> None:
    """Unset, in place, the speakers (and their `decided` entries) whose government has no statement
    in the article that names it by other evidence. `decided[i]` is statement i's decision (None: no source)."""
    explicit = {g for st, d in zip(statements, decided) if d is not None and d.kind == "government"
                and not _weak(st, d) for g in d.governments}
    for i, (st, d) in enumerate(zip(statements, decided)):
        if not _weak(st, d) or d.government in explicit:
            continue
        sp = st.speaker
        sp.reason = (f"{sp.reason}; no statement in the article names {d.government} by other evidence, and the "
                     "country an article is about does not alone make its government speak")
        sp.government, sp.kind = None, "unknown"
        decided[i] = None
