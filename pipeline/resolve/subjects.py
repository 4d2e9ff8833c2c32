"""The subject of the sentence before a statement, read from the parse: which of two readings a pronoun
takes ("Mr. Biden said beside Hillary Clinton. He added ..."), and an organisation that became the
topic after an antecedent spoke ("Religion News Service was among the first ... It said"), and the
nearest subject an "it" or "they" continues ("The video was posted ... it shows"). Split from
coref.py, which it serves."""
from __future__ import annotations

import re
from typing import Any, Optional

from .coref import (_DOCUMENT_ANAPHOR, ARTICLES, GENDERED_TITLES, Antecedent, _another_organisation, _capitalised,
                    _own_words)
from .mentions import _inside_quotes


_SUBJECT = ("nsubj", "nsubjpass")
_QUOTE_MARKS = frozenset("\"'\u201c\u201d\u2018\u2019")


def _sentence_at(doc: Any, at: int) -> Optional[Any]:
    """The parse's sentence holding character `at`; None without a parse or outside every sentence."""
    if doc is None or not hasattr(doc, "sents"):
        return None
    return next((s for s in doc.sents if s.start_char <= at < s.end_char), None)


def subject_before(doc: Any, at: int) -> Optional[Any]:
    """The subject (a spaCy span) of the main clause of the sentence right before the one at `at`
    (callers pass where the statement or its speaker starts, whichever is first, so that the sentence
    before is never a piece of the statement's own quote); None without a parse, or when that
    sentence's root has no subject."""
    sent = _sentence_at(doc, at)
    if sent is None or sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    subj = next((t for t in prev if t.dep_ in _SUBJECT and t.head == prev.root), None)
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


def third_person_subject(article: Any, ant: "Antecedent", other: str, at: int, pronoun: str,
                         lex: Any) -> Optional[str]:
    """The person who is the subject of the sentence before the he/she `pronoun` at `at`, when that subject is
    neither the antecedent nor `other` (the person named last before the pronoun): the pronoun continues the
    subject ("Paul Heathcote, acting on behalf of the Education Secretary, banned Guffick. He said ..." is
    Heathcote, not Guffick nor a speaker two paragraphs up). Only a subject named after the antecedent whose head
    is a PERSON entity ("Her fundamental argument, much akin to David Cameron's, ..." is no person) and that shows no
    other gender by an honorific anywhere in the text, and not a quotation standing as a sentence. Not when the
    pronoun's own sentence has a name (a person, or a proper noun the parse took for something else) for its main
    subject ("While he's said he'll fight on, Sanders ...", "Santilli wears a suit in videos he calls ..."). None
    otherwise."""
    doc = getattr(article, "doc", None)
    span = subject_before(doc, at)
    if span is None or ant.end < 0 or span.start_char < ant.end or span.text.lstrip()[:1] in _QUOTE_MARKS:
        return None  # a quotation standing as a sentence ("“Donald Trump.”") is not one the narrative goes on with
    own = _sentence_at(doc, at)
    if own is not None and any(t.dep_ in _SUBJECT and t.head == own.root and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN")
                               for t in own):
        return None  # "While he's said he'll fight on, Sanders ...": the pronoun's own sentence names its person
    head = span.root
    if head.ent_type_ != "PERSON":  # the subject is a person, not a thing that names one ("Her argument, akin to Cameron's")
        return None
    words = _capitalised(span.text)
    if words & _own_words(ant) or words & _capitalised(other):
        return None
    gender = (lex.pronouns.get(pronoun.strip().lower()) or {}).get("gender")
    titles = re.findall(rf"\b({GENDERED_TITLES})\.?\s+{re.escape(head.text)}\b", doc.text)
    if gender and any(lex.gender_of(t) not in (None, gender) for t in titles):
        return None  # the text calls that person "Mrs. Clinton" somewhere: not "he"
    return span.text


_EACH = frozenset({"each", "every", "any", "no"})
_DASHES = (" - ", " \u2013 ", " \u2014 ", " -- ")


def _aside(before: str) -> bool:
    """Whether a sentence's text up to a word leaves a dash pair or a bracket open: the word is in an aside
    ("because it is demanding - each line lasts two hours - and ..."), which no pronoun continues."""
    return sum(before.count(d) for d in _DASHES) % 2 == 1 or before.count("(") > before.count(")")


def _said(article: Any, pos: int) -> bool:
    """Whether `pos` is inside a quote or inside what a statement with a source says: a subject there belongs
    to the words reported, not to the narrative that a pronoun continues."""
    return _inside_quotes(article, pos) or any(a <= pos < b for st in article.statements if _sourced(st)
                                               for a, b in st.content_spans)


def _sourced(statement: Any) -> bool:
    """A statement the attribute stage gave a source: its words are someone's ("was posted on YouTube" with no
    source is the narrative's own sentence)."""
    speaker = getattr(statement, "speaker", None)
    return speaker is not None and bool(speaker.text) and speaker.text != "(unknown)"


def _subjects(article: Any, sent: Any, at: int, start: int = 0) -> list:
    """The subjects of `sent` (from `start` on) before `at`, outside quotes, statements' words and asides."""
    return [t for t in sent if t.dep_ in _SUBJECT and start <= t.idx < at and not _said(article, t.idx)
            and not _aside(sent.doc.text[sent.start_char:t.idx])]


def nearer_subject(article: Any, ant: "Antecedent", mention: str, at: int, lex: Any) -> Optional[str]:
    """The subject nearest before an "it" or "they" at `at`, named after the antecedent and not the antecedent
    again: what the pronoun continues ("The four-minute video was posted on YouTube ... it shows" is the video,
    "The incident is described in a report ... It identified" is not MI5, "Each retailer will have to ... if
    they feel" is not the CDC). Read in the pronoun's own sentence, else in the sentence before (from its last
    paragraph break: the parse may join two paragraphs). Not a person nor a plural for "it", not a singular
    common noun nor a person for "they", not a bare document ("the statement": its issuer), not one inside a
    quote or a statement's words. None without a parse."""
    doc = getattr(article, "doc", None)
    spec = lex.pronouns.get(mention.strip().lower()) or {}
    if spec.get("referent") not in ("body", "either") or ant.end < 0 \
            or mention.strip().lower() == "we":  # "we" is the speaker's own side, not a thing named before
        return None
    sent = _sentence_at(doc, at)
    if sent is None:
        return None
    found = _subjects(article, sent, at)
    if not found and sent.start > 0:  # the sentence before, from its last paragraph break on
        prev = doc[sent.start - 1].sent
        found = _subjects(article, prev, at, doc.text.rfind("\n", prev.start_char, prev.end_char) + 1)
        found = [t for t in found if t.head == prev.root] or found  # its main clause's subject first
    if not found:
        return None
    head = found[-1]
    span = doc[head.left_edge.i:head.right_edge.i + 1]
    if span.start_char < ant.end or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if _DOCUMENT_ANAPHOR.match(span.text.strip()):
        return None
    if not _fits(head, spec.get("number")):
        return None
    if (_capitalised(span.text) & _own_words(ant)) - ARTICLES or head.text.lower() in re.findall(r"[\w'-]+", ant.text.lower()):
        return None  # the antecedent named again ("The State Department had offered ... It identified")
    return span.text


def _fits(head: Any, number: Optional[str]) -> bool:
    """Whether a subject (its head token) can be what the pronoun of `number` means: "it" is no person and no
    plural; "they" is no person and no singular common noun, but a plural, an organisation's name, a conjunction or
    "each retailer"."""
    plural = head.tag_ in ("NNS", "NNPS")
    if number == "sg":
        return not plural and head.ent_type_ != "PERSON"
    if number == "pl":
        return plural or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON") \
            or any(c.dep_ == "conj" or c.lower_ in _EACH for c in head.children)
    return True


def topic_before(resolver: Any, article: Any, ant: "Antecedent", mention: str, at: int, lead: int) -> tuple[Optional[str], str]:
    """What a pronoun that found `ant` may continue instead, and where it was read: the nearest subject
    (``nearer_subject``, with the resolver's `nearer_subject`), else, for "it", an organisation that is the
    subject of the sentence before (``organisation_subject_before``). (None, "") when neither."""
    if getattr(resolver, "nearer_subject", False):
        subject = nearer_subject(article, ant, mention, at, resolver.lex)
        if subject is not None:
            return subject, "the nearest subject before"
    if (resolver.lex.pronouns.get(mention.lower()) or {}).get("referent") == "body":
        org = organisation_subject_before(article, ant, lead)
        if org is not None:
            return org, "the subject of the sentence before"
    return None, ""
