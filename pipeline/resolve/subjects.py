"""The subject of the sentence before a statement, read from the parse: which of two readings a pronoun
takes ("Mr. Biden said beside Hillary Clinton. He added ..."), and an organisation that became the
topic after an antecedent spoke ("Religion News Service was among the first ... It said"). Split from
coref.py, which it serves."""
from __future__ import annotations

from typing import Any, Optional

from .coref import Antecedent, _another_organisation, _capitalised, _own_words


def subject_before(doc: Any, at: int) -> Optional[Any]:
    """The subject (a spaCy span) of the main clause of the sentence right before the one at `at`
    (callers pass where the statement or its speaker starts, whichever is first, so that the sentence
    before is never a piece of the statement's own quote); None without a parse, or when that
    sentence's root has no subject."""
    if doc is None or not hasattr(doc, "sents"):
        return None
    prev = None
    for sent in doc.sents:
        if sent.start_char <= at < sent.end_char:
            break
        prev = sent
    else:
        return None
    if prev is None:
        return None
    subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head == prev.root), None)
    return None if subj is None else prev.doc[subj.left_edge.i:subj.right_edge.i + 1]


def organisation_subject_before(article: Any, ant: "Antecedent", at: int) -> Optional[str]:
    """The organisation (a parse ORG entity, outside quotes) that is the subject of the sentence right
    before the one at `at`, when it comes after the antecedent and is not the antecedent again:
    "Religion News Service was among the first media to set the record straight. It said ..." ("It" is
    the news service, not the Vatican that spoke two paragraphs earlier). None without a parse."""
    span = subject_before(article.doc, at)
    if span is None or ant.end < 0 or span.start_char < ant.end:
        return None
    org = next((e for e in span.ents if e.label_ == "ORG"), None)
    if org is None or not _another_organisation(article, org, _own_words(ant)):
        return None
    return org.text


def subject_continues(doc: Any, ant: "Antecedent", other: str, at: int) -> Optional[bool]:
    """Which of two persons a he/she pronoun at `at` means, by the subject of the sentence before:
    True for the antecedent ("Mr. Biden said beside Hillary
    Clinton. He added ..."), False for `other`, the person named after it ("Asked whether Donald Trump
    ..., Ban demurred. ... he said"), None when the subject is neither."""
    span = subject_before(doc, at)
    if span is None:
        return None
    words = _capitalised(span.text)
    if words & _own_words(ant):
        return True
    if words & _capitalised(other):
        return False
    return None
