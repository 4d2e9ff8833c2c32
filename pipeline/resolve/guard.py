"""The non-government guard's rules about how a speaker phrase is built, beside the word lists of
bodies.yaml: a person head attached to a named non-government body or person ("the president of the
NAACP", "Sanders' spokesman"), a bloc that is no one country ("a Western intelligence
official"), a royal title that is someone's surname ("Mr. King"), a place before "-based", and person
heads that companies and unions have as much as states (they take no country from the article).
Checked on govbench dev and on the resolver audit (benchmarks/resolver_audit/).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from .bodies import Word
from .mentions import STANCE_PREFIX, _segments

LOCATIVE = re.compile(r"-based\b|\s+based\b", re.IGNORECASE)  # right after a place name
_WHO_AFTER = re.compile(r",\s+who\b")


def place_used_otherwise(mention: str, m: Any, original: str = "") -> bool:
    """A gazetteer match that is no speaker's country here: a place before "-based" ("a Washington-based
    developer"), or a capital that is a person's name ("Paris, who used to work on Capitol Hill", read in
    the phrase as written, `original`, before its relative clause was cut)."""
    text = original or mention
    return bool(LOCATIVE.match(mention, m.end)) or (m.field == "capitals" and text.startswith(mention[:m.end])
                                                    and bool(_WHO_AFTER.match(text, m.end)))


# person heads that companies, unions and campaigns have as much as states: with no country of their
# own they do not take the country an article is about ("Richard Sabato, the president of a trades
# council"), unless the phrase is the bare title ("the president")
GENERIC_HEADS = frozenset({"president", "vice president", "chairman", "chairwoman", "chair", "director",
                            "executive director", "manager", "coordinator", "founder", "co-founder", "member",
                            "partner", "staff", "staffer", "head", "chief", "leader", "representative"})
# roles that a city, a province or a US state has as well as a nation: in an article about places inside
# a country they take no country from it ("officials" in a story about Flint's water)
LOCAL_ROLES = frozenset({"official", "officials", "police", "police officials", "authorities", "spokesman",
                         "spokeswoman", "spokesperson", "department", "office", "government", "investigators",
                         "law enforcement", "law enforcement officials"})
_ATTACHMENT = re.compile(r"\s(?:of|for|at)\s", re.IGNORECASE)
# a name: "the NAACP", "Hillary Clinton", "the Democratic National Committee" (capitalized words, "of"/"and")
_PROPER_NAME = re.compile(r"(?:(?:the|a|an)\s+)?[A-Z][\w.'’&-]*(?:\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][\w.'’&-]*)*")
_ROYAL = frozenset({"king", "queen", "prince", "princess", "emperor", "sultan", "emir", "sheikh", "pope"})
_HONORIFIC = re.compile(r"(?:^|\s)(?:Mr|Ms|Mrs|Dr|Miss)\.?\s+$")


def in_a_name(residue: str, w: Word) -> bool:
    """A royal title that is a surname: "Charlie King", "Mr. King", "Peter T. King", "King" alone (a
    capitalized given name, an initial or an honorific right before it, or nothing; a country blanked
    out before it, "Saudi King Salman", keeps it)."""
    if w.text.lower() not in _ROYAL or not residue[w.start:w.start + 1].isupper():
        return False
    before = residue[:w.start]
    alone = before == "" and not residue[w.start + len(w.text):].strip()  # "King" said; not "the King", "King Salman"
    if _HONORIFIC.search(before) or alone:
        return True
    if re.search(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)+$", before):
        return True  # "Representative Peter T. King"
    prev = re.search(r"(\S+)\s+$", before)
    return bool(prev and re.fullmatch(r"[A-Z][a-z]+", prev.group(1)) and prev.group(1) not in ("The", "Crown"))


# professions a state body employs as well: "a Border Patrol tunneling expert", "a Pentagon analyst", "the
# governor of the Bank of Japan"
_STATE_STAFF = frozenset({"analyst", "expert", "researcher", "economist", "governor"})
_STAFF_GAP = re.compile(r"(?:\s+(?!(?:of|on|in|at|for|and|or|to|from|with|about)\b)[\w'’-]+){0,2}\s+")
_STAFF_AT = re.compile(r"\s+(?:of|at|for|with|in)\s+(?:the\s+)?")


# "official" as an adjective of a thing: "the official version of what transpired", "official figures"
_OFFICIAL_THING = re.compile(r"\s+(?:version|versions|data|figures|statistics|numbers|estimates?|records?|count|toll|"
                             r"tally|results|account|line|website|site|documents?|rate|name|language|media|papers?|"
                             r"newspapers?|mouthpiece)\b", re.IGNORECASE)  # "one of China's official papers"


_LEADING_PP = re.compile(r"(?:to|for|with|from|at|about|against|toward|towards)\s+[^,]{1,80},\s*(\S.*)$",
                         re.IGNORECASE | re.DOTALL)


def without_leading_phrase(mention: str) -> str:
    """'to the U.S. government, Diane Foley' -> 'Diane Foley': a prepositional phrase the attribution
    took from the end of the quote before the speaker ('"... an annoyance" to the U.S. government,
    Diane Foley told CNN')."""
    m = _LEADING_PP.match(mention)
    return m.group(1) if m else mention


_RANK_AS_ADJECTIVE = re.compile(r"\s+(?!(?:in|of|with|at|from|who|and|or|now|said|says)\b)[A-Za-z]")
# "general manager", "assistant general counsel", "a major donor": a lower-case word after it that is no
# rank noun ("general staff", "major general") makes the rank word an adjective
_RANK_NOUN_AFTER = re.compile(r"\s+(?!(?:in|of|with|at|from|who|and|or|now|said|says|staff|officers?|general)\b)[a-z]")
# "a man in military fatigues", "his military duties": the military as a kind of thing, not the body
_MILITARY_THING = re.compile(r"\s+(?:fatigues|uniforms?|gear|duty|duties|service|experience|background|career|history|"
                             r"record|training|style|precision|hardware|equipment|vehicles?|bases?|parade|exercises?|"
                             r"drills?|academy|school|spending|budget|might|power|options?|action|intervention|"
                             r"strikes?|aid|presence|buildup|build-up)\b")


def used_as_modifier(residue: str, w: Word) -> bool:
    """A lexicon word that modifies something else here, so no role: after "pro-"/"anti-" ("pro-government
    militias"), opening a compound modifier ("the government-funded RAND Corporation"), "official" of a
    thing ("the official version"), "veteran" as an adjective ("a veteran diplomat"), "military" of a
    thing ("military fatigues"), and a lower-case rank word before a lower-case noun ("general manager")
    or after a determiner ("the major Super PAC", "the general public")."""
    if STANCE_PREFIX.search(residue, 0, w.start) or residue[w.start + len(w.text):w.start + len(w.text) + 1] == "-":
        return True
    if w.text in ("veteran", "veterans"):  # "a veteran diplomat", "Veterans Affairs Minister": no former soldier
        return bool(_RANK_AS_ADJECTIVE.match(residue, w.start + len(w.text)))
    if w.text == "official":
        return bool(_OFFICIAL_THING.match(residue, w.start + len(w.text)))
    if w.text == "military":
        return bool(_MILITARY_THING.match(residue, w.start + len(w.text)))
    if w.text in ("major", "general") and residue[w.start:w.start + 1].islower():
        if _RANK_NOUN_AFTER.match(residue, w.start + len(w.text)):
            return True
        return bool(re.search(r"(?:\b(?:the|a|an|its|their|his|her|our)|['\u2019]s)\s+$", residue[:w.start])) and \
            bool(_RANK_AS_ADJECTIVE.match(residue, w.start + len(w.text)))
    return False


def state_staff(mention: str, w: Word, matches: list) -> bool:
    """A profession word that a government institution named right before it ("a Border Patrol
    tunneling expert", "a senior CIA analyst") or right after "of/at/for" ("an economist at the Federal
    Reserve", "the governor of the Bank of Japan") employs: the person works for that institution.
    Only an institution the gazetteer names, in office on the day; a country is no employer ("a China
    expert" studies China, "the governor of Texas" governs a state)."""
    if w.text not in _STATE_STAFF:
        return False
    for m in matches:
        if m.field != "institutions" or not m.valid:
            continue
        if m.end <= w.start and _STAFF_GAP.fullmatch(mention[m.end:w.start]):
            return True
        at = _STAFF_AT.match(mention, w.end)
        if at and at.end() == m.start:
            return True
    return False


def attached_elsewhere(mention: str, matches: list, words: list[Word], person_heads: frozenset[str]) -> Optional[tuple[str, str]]:
    """(word, reason) for "the president of the NAACP", "a spokeswoman for Mr. Smith": a person head
    whose "of/for/at" attachment names no government body, no office and no country speaks for
    whatever that attachment is, not for a government."""
    for start, head_end, end in _segments(mention):
        head = [w for w in words if start <= w.start < head_end and w.gov]
        if head:  # the part that holds the role (as _role reads it)
            break
    else:
        return None
    link = _ATTACHMENT.match(mention, head_end)
    if not link or head[-1].text not in person_heads:
        return None
    if any(w.start < link.start() < w.start + len(w.text) for w in words):
        return None  # "chief of staff", "secretary of state": the "of" is inside one title
    a, b = link.end(), end
    lead = a + len(re.match(r"\s*(?:the\s+)?", mention[a:b]).group(0))
    # a country that opens the attachment is its owner ("the president of the United States", and "the
    # president of Chad", whose gazetteer form "of Chad" starts at the "of"); one that ends a longer name is
    # part of an organisation's name ("the president of NARAL Pro-Choice America")
    if not mention[a:b].strip() or any(link.start() < m.start <= lead for m in matches) or \
            any(lead < m.start < b and m.field not in ("names", "demonyms") for m in matches):
        return None
    if any(a <= w.start < b and (w.gov or w.kind == "document") for w in words):
        return None
    if not _PROPER_NAME.fullmatch(mention[a:b].strip()):
        return None  # "a spokesman for the coalition": a common noun says too little; leave it to the rest
    return head[-1].text, f"{head[-1].text!r} of {mention[a:b].strip()[:60]!r}, which is no government body"


def generic_head(role: str, mention: str) -> bool:
    """A generic person head ("the president of a trades council"), not the bare title ("the president")
    nor a capitalized title right before a name at the start of the phrase ("President Goodluck Jonathan":
    a company's president is styled with its owner, "Acme President John Smith", which owner_before reads)."""
    if role not in GENERIC_HEADS:
        return False
    if re.fullmatch(r"(?:the\s+)?" + re.escape(role), mention.strip(), re.IGNORECASE):
        return False
    titled = re.match(r"(?:(?:Vice|Deputy|Acting)\s+)?" + re.escape(role.title()) + r"\s+[A-Z][a-z]", mention.strip())
    return not titled


# a capitalized name (with its possessive) right before a person head: "Sanders' spokesman", "DFA spokesman"
_OWNER = re.compile(r"((?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*)(?:['’]s?)?\s+$")
_NOT_OWNERS = frozenset({"the", "a", "an", "senior", "top", "chief", "deputy", "press", "acting", "former", "one",
                         "another", "two", "three", "several", "some", "spokesman", "spokeswoman", "spokesperson",
                         # a portfolio, not an owner: "Defense chief of staff Alex Badeh", "Foreign spokesman"
                         "defense", "defence", "foreign", "interior", "security", "intelligence", "military",
                         # a level of government, not an owner: "Federal officials said"
                         "federal", "national", "central"})


def _person_head(role: Word, person_heads: frozenset[str]) -> bool:
    """The role is a person head, a plural one too ("Facebook officials")."""
    return role.text in person_heads or (role.text.endswith("s") and role.text[:-1] in person_heads)


def owner_before(residue: str, role: Word, words: list[Word], person_heads: frozenset[str]) -> Optional[str]:
    """The name that owns a person head by standing right before it ("Sanders' spokesman Michael
    Briggs" -> "Sanders"): the head speaks for that owner. Not a bare acronym ("NSC", "DFA"), which is
    left to the other evidence, not a body or office word of the lexicon ("Foreign Ministry
    spokesman"), not a title or article ("Senior official"); gazetteer names are blanked out of
    `residue` before this is asked."""
    if not _person_head(role, person_heads):
        return None
    m = _OWNER.search(residue[:role.start])
    if not m:
        return None
    name = m.group(1)
    toks = name.split()
    while toks and toks[0].lower() in _NOT_OWNERS:
        toks = toks[1:]
    if not toks or any(w.start < m.end() and w.start + len(w.text) > m.start(1) for w in words):
        return None  # a word of the lexicon is part of it: "Foreign Ministry", "State Department"
    if len(toks) == 1 and re.fullmatch(r"[A-Z]{2,6}", toks[0]):
        return None  # an acronym the gazetteer lacks is as often an agency ("NSC") as a group ("DFA")
    return " ".join(toks)


def outlet_before(mention: str, matches: list, role: Word, person_heads: frozenset[str]) -> Optional[str]:
    """The news outlet (a gazetteer ``outlets`` match) right before a person head, with at most a
    possessive between: "a Fox News spokesperson", "The Washington Post's spokeswoman"."""
    if not _person_head(role, person_heads):
        return None
    return next((m.text for m in matches if m.field == "outlets" and m.end <= role.start
                 and re.fullmatch(r"\s*(?:['’]s?)?\s*", mention[m.end:role.start])), None)


# adjectives of a group of countries: a speaker so described speaks for no one government
BLOCS = frozenset({"western", "european", "arab", "gulf", "asian", "african", "latin american", "nordic",
                   "baltic", "allied"})
_BLOC = re.compile(r"\b(" + "|".join(sorted(BLOCS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def bloc_in_head(residue: str) -> Optional[str]:
    """"a senior Western intelligence official", "Arab diplomats": the bloc word in the head of the
    phrase (the words before its first comma or preposition), if any."""
    for start, head_end, _ in _segments(residue):
        if residue[start:head_end].strip():
            m = _BLOC.search(residue, start, head_end)
            return m.group(1) if m else None
    return None
