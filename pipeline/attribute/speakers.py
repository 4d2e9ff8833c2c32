"""Speakers of the candidate attributions: pronouns ("He added") and short nominals ("the
spokesperson") take the nearest fitting earlier speaker; the resolve stage decides governments.
"""
from __future__ import annotations

import re
from typing import Any

from .candidates import Candidate
from .spans import np_span, source_span, span_text

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
PERSONAL = {"he", "she", "they", "it", "we", "i", "you"}


def resolve_speakers(cands: list[Candidate], doc: Any, text: str, in_quote: set[int],
                     definite_all_words: bool = False) -> None:
    """Pronouns and 'the spokesperson' take the nearest fitting earlier speaker; "he" and
    "she" may instead take a person named as a subject since that speaker ("Suu Kyi
    presided over ... '...,' she said"). With `definite_all_words`, "the X" fits an earlier
    speaker only when every word of X is a word of its phrase ("the Post": "the Washington Post";
    "the Associated Press": not "White House Press Secretary Josh Earnest")."""
    reported = set().union(*(c.content for c in cands)) if cands else set()
    subjects = [sj for sj in _person_subjects(doc, in_quote) if sj[0] not in reported]
    for i, c in enumerate(cands):
        c.speaker_text = span_text(doc, c.source, text)
        if not c.source:
            continue
        mention = c.speaker_text
        low = mention.lower()
        earlier = [p for p in cands[:i] if p.source and p.speaker_text]
        if low == "you":
            continue  # generic ("more than you can say for ...") or the addressee: never an earlier speaker
        if low in PERSONAL or low in ("who", "which", "that"):
            if low in ("who", "which", "that"):
                # relative pronoun: the noun it modifies
                head = doc[min(c.source)]
                noun = head.head.head if head.head.dep_ == "relcl" else None
                if noun is not None:
                    noun = _before_time_word(noun)
                    c.speaker_text = span_text(doc, np_span(noun), text)
                continue
            at = min(c.source)
            chosen = None
            for p in reversed(earlier):
                if p.speaker_text.lower() in PRONOUNS or min(p.source) >= at:
                    continue
                if _pronoun_fits(low, p.speaker_text):
                    chosen = p
                    break
            if low in ("he", "she"):
                since = min(chosen.source) if chosen is not None else -1
                person = next((sj for sj in reversed(subjects)
                               if since < sj[0] < at and at - sj[0] < 400 and sj[0] not in c.content), None)
                if person is not None:
                    c.speaker_text = span_text(doc, set(range(person[0], person[1])), text)
                    continue
            if chosen is not None:
                c.speaker_text = chosen.speaker_text
                c.resolved_from = id(chosen)
        elif low.startswith("the ") and len(low.split()) <= 3:
            head = low.split()[-1]
            names = _capitalised_modifiers(mention)
            for p in reversed(earlier):
                had = p.speaker_text.lower()
                had_words = set(re.findall(r"[\w.'\u2019-]+", had))
                fits = (set(low.split()[1:]) <= had_words if definite_all_words
                        else _head_in(head, had_words) and names <= had_words)
                if fits and had != low:
                    c.speaker_text = p.speaker_text
                    c.resolved_from = id(p)
                    break


TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
              "tonight", "weekend", "week", "month", "year", "morning", "afternoon", "evening", "night", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
              "december"}


def _before_time_word(noun: Any) -> Any:
    """The noun a relative clause is about when the parse hung it on a time word: "released its budget proposal
    Monday, which calls for ..." (the proposal), "saw a dermatologist on Monday, who told him" (the dermatologist).
    Else the noun itself."""
    if noun.lower_ not in TIME_WORDS or any(c.dep_ in ("prep", "compound", "poss") for c in noun.children):
        return noun  # "the March of Dimes, which signed the letter": a name, not a month
    up = noun.head.head if noun.dep_ == "pobj" else noun.head
    if up.pos_ in ("NOUN", "PROPN") and up.i < noun.i:
        return up
    taken = [c for c in up.children if c.dep_ in ("dobj", "attr", "oprd") and c.i < noun.i]
    return taken[-1] if taken else noun


HEARSAY_VERBS = frozenset({"say", "believe", "claim", "think", "rumor", "rumour", "allege", "understand", "report",
                           "suggest", "argue", "assume", "fear", "expect"})


def impersonal_it(source: set[int], head: Any) -> bool:
    """Is the source an "it" that stands for no one? "It's worth noting there is little love lost ..." (an aside
    of the writer's: the cue completes "worth" on a copula whose subject is "it") and "It was said Kim had taken
    over" (hearsay: a passive speech verb with "it" as its subject and a clause after it) have no speaker."""
    if len(source) != 1:
        return False
    src = head.doc[min(source)]
    if src.lower_ != "it":
        return False
    if src.dep_ == "nsubjpass" and src.head.i == head.i and head.lemma_.lower() in HEARSAY_VERBS:
        return any(ch.dep_ == "ccomp" for ch in head.children)
    up = head.head
    return head.dep_ == "xcomp" and up.lower_ == "worth" and src.head.i == up.head.i and src.dep_ == "nsubj"


def _head_in(head: str, words: set[str]) -> bool:
    """The head is a word of the earlier phrase, in the singular or the plural ("the official":
    "Lebanese officials"); not a piece of a word ("the masked man": not "chairman", "spokeswoman";
    "The armed men": not "statement")."""
    return head in words or head + "s" in words or (head.endswith("s") and head[:-1] in words)


def _capitalised_modifiers(mention: str) -> set[str]:
    """The capitalised words of "the X" before its head, lower-cased: a name or a country of its own
    ("The Turkish government", "the Associated Press") that the earlier speaker's phrase must hold too;
    a lower-case modifier ("the senior official") asks for nothing."""
    words = re.findall(r"[\w.'\u2019-]+", mention)[1:-1]
    return {w.lower() for w in words if w[:1].isupper()}


def _person_subjects(doc: Any, in_quote: set[int]) -> list[tuple[int, int]]:
    """Token spans of people named as the subject of a clause, outside quotes, in order."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.start in in_quote:
            continue
        head = ent.root
        if head.dep_ == "compound" and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            # the whole subject phrase: "Retired U.S. Air Force Gen. Norman Ham", not just the name
            phrase = {i for i in source_span(head) if ent.start - 8 <= i < ent.end + 12} | set(range(ent.start, ent.end))
            out.append((min(phrase), max(phrase) + 1))
    return out


def _pronoun_fits(pronoun: str, antecedent: str) -> bool:
    """Cheap agreement: 'it' takes institutions, he/she take people, they/we take either."""
    low = antecedent.lower()
    institutional = any(w in low for w in ("ministry", "government", "kremlin", "office", "department",
                                           "agency", "council", "committee", "house", "embassy", "administration",
                                           "campaign", "company", "report", "poll", "survey", "court", "commission"))
    if pronoun == "it":
        return institutional
    if pronoun in ("he", "she", "i"):
        return not institutional or any(w in low for w in ("spokes", "official", "minister", "president"))
    return True
