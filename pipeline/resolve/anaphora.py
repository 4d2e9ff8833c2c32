"""The coreference step of the resolver: a speaker mention that is an anaphor ("he", "the ministry", "a
spokeswoman") takes the decision of what it refers to, the nearest fitting earlier speaker or, failing that, the
office holder or institution the text names (``coref.py``), unless a nearer person or the topic of the sentence
before (``subjects.py``) reads otherwise."""
from __future__ import annotations

from typing import Any, Callable, Optional

from .coref import Antecedent, find_antecedent, nearer_person, text_antecedent
from .decision import Decision
from .subjects import subject_continues, third_person_subject, topic_before


def anaphor_decision(resolver: Any, article: Any, st: Any, mention: str, at: int, done: list[Antecedent],
                     para_of: Callable[[int], int], persons: Any, people: Any,
                     context: tuple) -> tuple[Optional[Decision], Optional[str]]:
    """The decision for the anaphoric speaker `mention` of statement `st` (at offset `at`), and the text of the
    antecedent whose decision it takes (None when it takes none: no antecedent fits, or a nearer person or the
    sentence's topic decides instead; the person who is the subject of the sentence before, when that one decides).
    `context` is (home, why, day, fallback), as ``GovernmentResolver.decide`` takes them; `done` holds the article's
    earlier speakers."""
    home, why, day, fallback = context
    d: Optional[Decision] = None
    ant = find_antecedent(mention, done, para_of(at), resolver.lex, resolver.coref_paragraphs, article.clean_text,
                          persons if resolver.named_unknown else None)
    if ant is None:
        ant = text_antecedent(resolver, article, mention, at, para_of(at), context)
    other = nearer_person(mention, ant, persons, at, resolver.lex, article.clean_text) if ant else None
    lead = min(at, st.char_start)  # the sentence before is never a piece of this statement's quote
    if other is not None:  # two readings: the subject of the sentence before decides, else
        # the antecedent is kept only when the nearer person speaks for the same government
        o = resolver._via_other_mention(other, resolver.decide(other, home, why, day), people, home, why, day, None)
        keep = subject_continues(article.doc, ant, other, lead)
        if keep is False and o.kind != "unknown":
            d = o.restated(f"coreference {mention!r} -> {other!r}, the subject of the sentence before: {o.reason}")
            ant = None
        elif keep is not True and (o.kind != "government" or o.government != ant.decision.government):
            third = third_person_subject(article, ant, other, lead, mention, resolver.lex) \
                if keep is None and resolver.subject_person else None
            if third is not None:  # neither reading: the subject of the sentence before goes on speaking
                t = resolver._via_other_mention(third, resolver.decide(third, home, why, day), people, home, why, day, None)
                d = t.restated(f"coreference {mention!r} -> {third!r}, the subject of the sentence before: {t.reason}")
                return d, third  # the speaker shown is that person
            d = Decision(None, "unknown", None, f"{mention!r} may be {other!r}, named after {ant.text!r}", person=True)
            ant = None
    org, where = topic_before(resolver, article, ant, mention, at, lead) if ant is not None else (None, "")
    if org is not None:  # "Religion News Service was among the first ... It said"
        o = resolver.decide(org, home, why, day)
        if o.kind != "government" or o.government != ant.decision.government:
            d = o.restated(f"{mention!r} -> {org!r}, {where}: {o.reason}")
            ant = None
    if ant is None:
        return d, None
    a = ant.decision
    return a.restated(f"coreference {mention!r} -> {ant.text!r}: {a.reason}"), ant.text
