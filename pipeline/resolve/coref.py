"""Speaker coreference inside one article, over the speakers the attribute stage found.

"a spokeswoman", "the ministry", "the official", "he", "she", "they" name no country: they refer
to an earlier speaker. The antecedent is the nearest earlier speaker that fits:

- a pronoun: he/she a person (not a body alone) whose words do not show the other gender
  ("spokeswoman", "Ms."), it a body or country, they/we anyone; number from the word ("officials"
  is plural, "a spokesman" singular);
- a nominal with a body word ("the ministry"): an earlier speaker with the same body word;
- "a spokeswoman"/"a spokesperson": the body or person of the nearest earlier government speaker;
- another office ("the official", "the president"): an earlier speaker with the same office word.

It never reaches back more than ``max_paragraphs`` paragraphs (a change of topic), and never past a
nearer speaker that fits but is another party (a change of quotation owner: the nearer one wins,
even when it is no government). "he"/"she" never reach past a nearer person the parse names
(``nearer_person``), speaker or not: "TIME's Massimo Calabresi predicted as much ... The recidivism
rate, he wrote" is Calabresi, not the president named two paragraphs up. The chain is written into
the speaker's ``resolution``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .bodies import BodyLexicon
from .decision import NEGATED
from .mentions import _inside_quotes

ARTICLES = {"a", "an", "the", "one", "another", "two", "three", "several", "some"}
MODIFIERS = {"senior", "top", "deputy", "chief", "press", "foreign", "ministry", "government", "administration",
             "official", "high-ranking", "ranking", "defense", "defence", "military", "same", "female", "male",
             "spokesperson", "embassy", "other", "second", "first", "unnamed", "anonymous", "department",
             "agency", "state", "its", "his", "her", "their"}
SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen"}
# '"...," the statement said.' after "The Pentagon said in a statement that ..." or "A statement attributed
# to the Islamic State group claimed ...": the speaker whose own phrase, or the words right after it, name
# that document. Statement-like documents only ("the report" is as often one someone else wrote).
_DOCUMENT_ANAPHOR = re.compile(r"^(?:the|this|that)\s+(?:joint\s+|written\s+)?(statement|communiqu[eé]|press release|"
                               r"readout|letter|memo)$", re.IGNORECASE)
ISSUER_WINDOW = 60  # characters after the speaker phrase: "said Saturday in an e-mailed statement"
_ISSUED = (r"^\W*(?:[\w-]+\s+){{0,2}}?(?:(?:said|says|added|wrote|announced|declared|stated|confirmed|denied)"
           r"(?:\s+[\w-]+){{0,2}}?\s+in|issued|released|put out|sent)\s+(?:a|an|the|its|his|her|their)\s+"
           r"(?:[\w-]+\s+){{0,2}}?{doc}\b")
# "The White House, in a statement from its spokeswoman, confirmed ..."
_IN_DOC = r"\s*,?\s*in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{doc}\b"
# "In an official statement on Monday, the Iraqi defence ministry confirmed ...": the clause opens with it
_IN_DOC_BEFORE = r"(?:^|[.!?\n]\s*|[,;]\s*)in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?{doc}\b[^.!?\n,]{{0,30}},\s*$"


def issued(ant: "Antecedent", document: str, text: str) -> bool:
    """Whether `ant` is the document ("A statement attributed to the group") or issued it right where it
    speaks ("The Pentagon said in a statement", "the ministry issued a statement", "The White House, in a
    statement, confirmed", "In a statement, the ministry said")."""
    if re.search(rf"\b{re.escape(document)}\b", ant.text, re.IGNORECASE):
        return True
    if not text or ant.end < 0:
        return False
    doc = re.escape(document)
    after = text[ant.end:ant.end + ISSUER_WINDOW]
    if re.match(_ISSUED.format(doc=doc), after, re.IGNORECASE) or re.match(_IN_DOC.format(doc=doc), after, re.IGNORECASE):
        return True
    start = ant.end - len(ant.mention)
    if start < 0 or text[start:ant.end] != ant.mention:
        return False
    return bool(re.search(_IN_DOC_BEFORE.format(doc=doc), text[max(0, start - ISSUER_WINDOW):start], re.IGNORECASE))


@dataclass
class Antecedent:
    text: str  # the resolved speaker text
    mention: str  # as written
    decision: Any  # decision.Decision
    paragraph: int
    end: int = -1  # where the mention ends in clean_text (-1: not known)
    spelled_out: str = ""  # the full name of an institution the mention writes as an acronym ("FBI")


def _head(mention: str) -> str:
    return re.findall(r"[\w'-]+", mention.lower())[-1]


def is_anaphor(mention: str, lex: BodyLexicon, gaz: Any) -> bool:
    """A pronoun, or a nominal made only of an article, modifiers and a body or office word, with
    no name and no country ("a spokeswoman", "the ministry", "the senior official")."""
    low = mention.strip().lower()
    if low in lex.pronouns or _DOCUMENT_ANAPHOR.match(low):
        return True
    toks = re.findall(r"[\w'-]+", low)
    if not toks or len(toks) > 5:
        return False
    if any(t[:1].isupper() for t in re.findall(r"[\w'-]+", mention.strip())[1:]):
        return False
    words = lex.find(low)
    if not words or not all(w.gov for w in words) or words[-1].end != len(low.rstrip(" .")):
        return False
    covered = set()
    for w in words:
        covered |= set(re.findall(r"[\w'-]+", w.text))
    rest = [t for t in toks if t not in covered and t not in ARTICLES and t not in MODIFIERS]
    if rest:
        return False
    return not gaz.find(mention)


def _plural(word: str) -> bool:
    return word.endswith(("ies", "men", "people")) or (word.endswith("s") and not word.endswith("ss"))


def _number(mention: str, lex: BodyLexicon, role: Optional[str] = None) -> Optional[str]:
    """'pl' or 'sg': from the pronoun, else the speaker's role word ("Leaders of ... Germany,
    France" is plural), else the phrase's last word."""
    low = mention.strip().lower()
    if low in lex.pronouns:
        return lex.pronouns[low].get("number")
    head = (role or "").split()[-1] if role else _head(low)
    stem = head[:-1] if head.endswith("y") else head
    if role and re.search(r"\b" + re.escape(stem) + r"(?:s|es|ies)\b", low):
        return "pl"  # the lexicon's singular role word written plural ("the families, supporters ...")
    return "pl" if _plural(head) else "sg"


def _nothing_known(ant: Antecedent) -> bool:
    """"(unknown)", or a speaker we know nothing of: no antecedent for anything."""
    return ant.decision.kind == "unknown" and not ant.decision.role


def fits(mention: str, ant: Antecedent, lex: BodyLexicon) -> bool:
    """Can `mention` (a pronoun or nominal anaphor) refer to `ant`?"""
    low = mention.strip().lower()
    d = ant.decision
    if _nothing_known(ant):
        return False
    if low in lex.pronouns:
        spec = lex.pronouns[low]
        if spec["referent"] == "person" and not d.person:
            return False
        if spec["referent"] == "body" and d.person:
            return False
        # an "it" the attribute stage resolved to "the families, ..." is plural: a singular pronoun
        # mention gives way to the words it was resolved to ("they" keeps its own number)
        sg_pronoun = lex.pronouns.get((ant.mention or "").strip().lower(), {}).get("number") == "sg"
        number = _number(ant.text if sg_pronoun else (ant.mention or ant.text), lex, d.role if d.role in lex.words else None)
        if spec["number"] == "sg" and number == "pl" and d.person:
            return False
        if spec["number"] == "pl" and d.person and number == "sg" and low == "they":
            return False
        g = spec.get("gender")
        if g:
            shown = lex.gender_of(ant.text)
            if shown and shown != g:
                return False
        return True
    head = _head(low)
    words = lex.find(ant.text.lower())
    # "Nigeria's official news agency", "an official statement": an adjective, not the office
    heads = {w.text for w, nxt in zip(words, words[1:] + [None]) if not (
        w.gov and nxt is not None and nxt.start - w.end <= 1 and (nxt.non_gov or nxt.kind == "document"))}
    if ant.spelled_out:  # "the bureau" after "the FBI": the head of its full name
        heads.add(_name_head(ant.spelled_out))
    office = d.role.split()[-1].lower() if d.role else ""
    if (lex.kind(office) or "").startswith("office"):
        heads.add(office)  # "Westmacott", a "British diplomat" in another mention: "The diplomat"
    singular = {re.sub(r"(?:ies)$", "y", h) for h in heads} | {h.rstrip("s") for h in heads} | heads
    kind = lex.kind(head) or ""
    if d.kind != "government" and _own_body_elsewhere(low, head, ant, lex):
        return False  # "administration officials" are not the "two auto industry officials" before them
    if head in SPOKES:
        # a spokeswoman speaks for the body or person last speaking for a government
        return d.kind == "government" or bool(heads & SPOKES)
    if kind.startswith("body"):
        base = re.sub(r"ies$", "y", head).rstrip("s")
        return head in heads or base in singular
    base = re.sub(r"ies$", "y", head)
    base = base[:-1] if base.endswith("s") and not base.endswith("ss") else base
    return head in heads or base in singular or any(h.startswith(base) for h in heads)


def _own_body_elsewhere(low: str, head: str, ant: Antecedent, lex: BodyLexicon) -> bool:
    """A nominal anaphor that names a state body before its head ("administration officials", "the embassy
    spokesman") whose antecedent phrase has no such body word: the body says whose officials they are."""
    ant_words = {w.text for w in lex.find(ant.text.lower())} | {w.text for w in lex.find((ant.mention or "").lower())}
    return any(w.kind.startswith("body") and w.text != head and w.text not in ant_words for w in lex.find(low))


_NAME = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019.-]+){0,3}")


def _named_stranger(mention: str, ant: Antecedent, lex: BodyLexicon, persons: Iterable[tuple[int, int, str]]) -> bool:
    """"he" after '"...," Oliver barked': a speaker written as a person's name (the parse's PERSON
    entity ends where the mention does), of whom nothing is known, with no gender against the pronoun."""
    spec = lex.pronouns.get(mention.strip().lower()) or {}
    written = (ant.mention or "").strip()
    if spec.get("referent") != "person" or not _nothing_known(ant) or not _NAME.fullmatch(written) \
            or written.split()[0].lower() in ARTICLES or lex.find(written.lower()) \
            or not any(a < ant.end <= b for a, b, _ in persons):
        return False
    shown = lex.gender_of(ant.text)
    return not (shown and spec.get("gender") and shown != spec["gender"])


def find_antecedent(mention: str, earlier: list[Antecedent], paragraph: int, lex: BodyLexicon,
                    max_paragraphs: int = 4, text: str = "",
                    named_unknown: Optional[Iterable[tuple[int, int, str]]] = None) -> Optional[Antecedent]:
    """The nearest earlier speaker `mention` can refer to, within `max_paragraphs` paragraphs; for a
    document ("the statement") the nearest that issued one (``issued``: needs the article `text`).
    Given `named_unknown` (the parse's PERSON entities), "he"/"she" stops at a named person of whom
    nothing is known (``_named_stranger``)."""
    document = _DOCUMENT_ANAPHOR.match(mention.strip())
    for ant in reversed(earlier):
        if paragraph - ant.paragraph > max_paragraphs:
            return None
        if (ant.mention.strip().lower() == mention.strip().lower() and ant.decision.kind == "unknown") \
                or ant.decision.reason == NEGATED:  # "Nobody asked ... He called": no one to refer to
            continue
        if named_unknown is not None and not document and _named_stranger(mention, ant, lex, named_unknown):
            return ant
        if document:
            if issued(ant, document.group(1), text) and not _nothing_known(ant):
                return ant
        elif fits(mention, ant, lex):
            return ant
    return None


def _capitalised(text: str) -> set[str]:
    """The capitalised words of a phrase, lower-cased: what two mentions of one person or body share."""
    return {w.lower() for w in re.findall(r"[A-Z][\w'-]+", text)}


def _own_words(ant: "Antecedent") -> set[str]:
    return _capitalised(f"{ant.text} {ant.mention}")


GENDERED_TITLES = r"Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Madam"  # honorifics that show a gender (BodyLexicon.gender_of)
_HONORIFIC = re.compile(rf"\b({GENDERED_TITLES})\.?\s+$")


def nearer_person(pronoun: str, ant: Antecedent, persons: Iterable[tuple[int, int, str]], at: int,
                  lex: BodyLexicon, clean: str) -> Optional[str]:
    """A person (start, end, text: the parse's PERSON entities, those inside quotes or statements left
    out) named after the antecedent and before a he/she pronoun at `at`: another person who may be
    the one meant. Not the antecedent again (a shared name word), not one of the other gender by an
    honorific ("Mrs. Clinton" is not "he")."""
    spec = lex.pronouns.get(pronoun.strip().lower()) or {}
    if spec.get("referent") != "person" or spec.get("number") != "sg" or ant.end < 0:
        return None
    own = _own_words(ant)
    for start, end, text in sorted(persons, reverse=True):
        if not ant.end <= start < end <= at:
            continue
        if own & _capitalised(text):
            continue
        title = _HONORIFIC.search(clean[max(0, start - 8):start])
        shown = lex.gender_of(title.group(1)) if title else None
        if shown and spec.get("gender") and shown != spec["gender"]:
            continue
        return text
    return _kin_or_gendered_noun(clean[ant.end:at], spec.get("gender"), lex)


_QUOTED = re.compile(r"(?:''|\u201c|\")[^\n]*?(?:''|\u201d|\")", re.DOTALL)
_NOT_NOUNS = frozenset({"he", "she", "his", "her", "him", "hers", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "sir", "madam", "lady",
              "king", "queen", "prince", "princess", "emperor", "empress"})


def _kin_or_gendered_noun(between: str, gender: Optional[str], lex: BodyLexicon) -> Optional[str]:
    """A person the text names by a noun of the pronoun's gender after the antecedent ("my mother",
    "his wife", "a woman"): another person the pronoun may mean ("My mother ... she still says" is not
    the president named before)."""
    if gender not in ("f", "m"):
        return None
    rx = lex.person_noun_pattern(gender, _NOT_NOUNS)  # "a spokesman" is a speaker's own head: not in it
    if rx is None:
        return None
    between = _QUOTED.sub(" ", between)  # "there has never been a man or a woman" inside a quote names nobody
    found = list(rx.finditer(between))
    return found[-1].group(0) if found else None


# a person named as a speech act's owner ("Obama's speech ... He told") goes on speaking
_SPEECH_ACT = re.compile(r"['\u2019]s?\s+(?:\w+\s+)?(?:speech|remarks|statement|address|comments|interview|"
                         r"announcement|message|letter|op-ed|tweets?|posts?|testimony|news conference|press conference)\b",
                         re.IGNORECASE)


# the people of one office holder: "Top advisers said" after "President Obama" are his ("his aides" too); a
# plural with a modifier ("administration officials", "senior officials") may be the office holder's people
_STAFF = frozenset({"aides", "advisers", "advisors", "staff", "staffers", "assistants", "deputies", "spokesmen",
                    "spokeswomen", "spokespeople", "spokespersons", "lieutenants"})


def text_antecedent(resolver: Any, article: Any, mention: str, at: int, para: int, context: tuple) -> Optional[Antecedent]:
    """No earlier speaker fits: the nearest earlier office holder or institution the text names
    in this paragraph or the one before ("Obama departs the UK ... he warned"); with the resolver's
    `body_text`, also for "the bureau"/"the agency", whose own words name no country ("the FBI was
    warned ... after the bureau determined"), an institution whose name holds no other body word.
    `context` is (home, why, day, fallback), as ``GovernmentResolver.decide`` takes them."""
    starts = [p[0] for p in article.paragraphs]
    lo = starts[max(0, para - 2)] if starts else max(0, at - 1500)
    window = article.clean_text[lo:at]
    low = mention.strip().lower()
    head = re.findall(r"[\w'-]+", low)[-1]
    spec = resolver.lex.pronouns.get(low)
    kind = resolver.lex.kind(head) or ""
    if spec is not None:
        fields = {"people"} if spec["referent"] == "person" else {"institutions"} if spec["referent"] == "body" \
            else {"people", "institutions"}
    elif head in SPOKES:
        fields = {"people", "institutions"}
    elif kind == "body_cc" and head != "police" and getattr(resolver, "body_text", False) \
            and re.match(r"(?:the|this)\s", low):
        fields = {"institutions"}  # "the FBI was warned ... after the bureau determined": the institution named
    elif kind.startswith("body") or kind == "document":  # "the statement": only its issuer (coref.issued)
        return None
    elif re.match(r"(?:a|an|one|another)\s", low):
        return None  # "an aide said": someone new, not the office holder named before (nor his aide, said who)
    elif _plural(head) and head not in _STAFF and all(t in ARTICLES for t in re.findall(r"[\w'-]+", low)[:-1]):
        return None  # "Officials originally argued": several people, not the office holder named before
    else:
        fields = {"people"}
    # a possessive names a person as a modifier ("President Obama's Affordable Care Act"), not as the one
    # who goes on speaking, unless what is theirs is a speech act ("Obama's speech ... He told")
    found = [m for m in resolver.gaz.find(window, fields, on=context[2]) if m.valid and not _inside_quotes(article, lo + m.start)
             and not (m.field == "people" and (getattr(resolver, "elect_names", frozenset())
                                               | getattr(resolver, "former_names", frozenset())) & set(m.names))  # "-elect", "former"
             and not (m.field == "people" and re.match(r"['\u2019]s?\b", window[m.end:m.end + 2])
                      and not _SPEECH_ACT.match(window, m.end))]  # nor one someone quotes ("... Obama ...," he added)
    if fields == {"institutions"} and spec is None:  # not "the agency" for "the State Department"
        found = [m for m in found if _same_or_no_body(_name_head(m.text), head, resolver.lex)]
    if not found:
        return None
    m = found[-1]
    if m.field == "people" and spec is not None and spec["number"] == "pl":
        return None  # "they" is not the one office holder named before ("his aides" are his staff)
    if spec is not None and spec["referent"] == "body" and getattr(resolver, "organisation_between", False):
        org = organisation_between(resolver, article, m.text, lo + m.end, at, context)
        if org is not None:  # "... was known to MI5, according to the BBC. It reports that ...": the BBC
            return None
    d = resolver.decide(m.text, *context)
    if d.kind != "government":
        return None
    return Antecedent(m.text, m.text, d, para, end=lo + m.end)


def _name_head(name: str) -> str:
    """The head word of an institution's name: "Federal Bureau of Investigation" -> "bureau",
    "Immigration and Customs Enforcement" -> "enforcement"."""
    return re.findall(r"[\w'-]+", name.lower().split(" of ")[0])[-1]


def _same_or_no_body(name_head: str, head: str, lex: BodyLexicon) -> bool:
    """An institution "the <head>" may be: its name's head is that word, or no body word at all ("FBI")."""
    return name_head == head or not (lex.kind(name_head) or "").startswith("body")


def organisation_between(resolver: Any, article: Any, named: str, start: int, at: int, context: tuple) -> Optional[str]:
    """The first organisation (a parse ORG entity outside quotes, no government itself and not `named`
    again) named between a text antecedent, which ends at `start`, and an "it" at `at`: the nearer
    thing "it" can be ("the video ... was posted on YouTube ... it shows", "WikiLeaks's approach ...: It
    often posts"). None without a parse."""
    doc = getattr(article, "doc", None)
    if doc is None or not hasattr(doc, "ents"):
        return None
    own = _capitalised(named)
    for e in doc.ents:
        if start <= e.start_char < at and _another_organisation(article, e, own) \
                and resolver.decide(e.text, *context).kind != "government":
            return e.text
    return None


def _another_organisation(article: Any, ent: Any, own: set[str]) -> bool:
    """A parse ORG entity outside quotes that shares no capitalised word with the antecedent's (`own`)."""
    return ent.label_ == "ORG" and not _inside_quotes(article, ent.start_char) and not own & _capitalised(ent.text)
