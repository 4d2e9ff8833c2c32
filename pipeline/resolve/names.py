"""Names that belong to someone else: a country name that ends a person's name ("Mark Cuban",
"Rep. Steve Israel"), an office holder's surname after another given name ("Hunter Biden"), a
demonym that opens an organisation's name ("American Bridge"), the full name a bare surname
stands for in the article ("Israel" after "Rep. Steve Israel"), an office holder not yet in office
("President-elect Donald Trump") and one out of it ("Former Vice President Joe Biden"). The resolver reads
these before it counts a gazetteer match as a government."""
from __future__ import annotations

import re
from typing import Optional

from .context import _same_sentence
from .gazetteer import Match


_GIVEN_NAME_BEFORE = re.compile(r"(?:^|[\s(\"\u201c])([A-Z][a-z]{1,15})\s+$")
_NOT_GIVEN_NAMES = frozenset({"both", "even", "only", "also", "all", "some", "many", "most", "neither", "either", "each",
                              "then", "now", "when", "while", "as", "if", "but", "and", "or", "so", "yet", "why", "how",
                              "what", "where", "which", "who", "that", "this", "these", "those", "the", "a", "an", "in",
                              "on", "at", "by", "for", "from", "with", "without", "under", "over", "after", "before",
                              "since", "until", "during", "said", "says", "told", "officials", "fellow", "other",
                              "another", "every", "no", "not", "our", "their", "his", "her", "its", "my", "your",
                              "like", "unlike", "ex", "then-", "mr", "ms", "mrs", "dr", "sir", "dame", "lord", "lady"})


def _given_name_before(text: str, at: int) -> Optional[str]:
    """The capitalised word right before `at` that may be a given name (no function word), or None."""
    b = _GIVEN_NAME_BEFORE.search(text[:at])
    return b.group(1) if b is not None and b.group(1).lower() not in _NOT_GIVEN_NAMES else None


def after_given_name(text: str, m: Match, title_words: frozenset[str]) -> bool:
    """A country name or demonym that ends a person's name ("Mark Cuban", "Rep. Steve Israel"): a
    capitalised word that is no title, role or function word stands right before it, and no
    capitalised word follows."""
    given = _given_name_before(text, m.start)
    if given is None or given.lower() in title_words:
        return False
    return not re.match(r"\s+[A-Z]", text[m.end:])


def another_given_name(text: str, m: Match, not_a_given_name) -> bool:
    """An office holder's surname after another given name: "Garry Trudeau", "Hunter Biden" are not
    Justin Trudeau or Joe Biden. The word before must be capitalised, no title or office ("Prime
    Minister Trudeau"), no country name or demonym ("Canadian Trudeau": `not_a_given_name` says
    which) and no word of the office holder's own names."""
    if m.field != "people" or " " in m.text.strip() or not m.names:
        return False
    given = _given_name_before(text, m.start)
    if given is None or not_a_given_name(given):
        return False
    return given.lower() not in {w.lower().strip(".,") for n in m.names for w in n.split()}


def surname_of_someone_else(text: str, m: Match, title_words: frozenset[str], not_a_given_name) -> bool:
    """A country name ending a person's name ("Mark Cuban", "Rep. Steve Israel"), or an office
    holder's surname after another given name ("Hunter Biden"): no government there."""
    if m.field in ("names", "demonyms"):
        return after_given_name(text, m, title_words)
    return another_given_name(text, m, not_a_given_name)


_ORG_HEADS = r"(?:president|chairman|chairwoman|chair|director|founder|ceo|head|leader|spokesman|spokeswoman|spokesperson)"
_NAME_RUN_AFTER = re.compile(r"^\s+((?:[A-Z][\w'\u2019&-]*\s+){1,3})" + _ORG_HEADS + r"\b", re.IGNORECASE)


def opens_an_organisation(text: str, m: Match, is_state_word) -> bool:
    """A demonym that opens an organisation's name before its officer: "American Bridge President
    Jessica Mackler" (a political group), where no word of the name is a state body or office
    ("South Korean Unification Ministry spokesman" stays the ministry's)."""
    r = _NAME_RUN_AFTER.match(text[m.end:])
    if r is None or not r.group(1)[:1].isupper():
        return False
    return not any(is_state_word(w.strip(".,").lower()) for w in r.group(1).split())


def person_named_by(text: str, persons: list[tuple[int, int, str]]) -> Optional[str]:
    """The person the article names in full whose surname is the whole speaker phrase: "Israel" is
    Steve Israel where the parse found "Steve Israel" as a person."""
    word = text.strip()
    if not re.fullmatch(r"[A-Z][a-z]+", word):
        return None
    for _, _, name in persons:
        toks = name.split()
        if len(toks) >= 2 and toks[-1] == word:
            return name
    return None


# "President-elect Donald Trump", "Prime Minister-elect ...": not in office yet
_ELECT_BEFORE = re.compile(r"\w-elect\s+(?:[A-Z][\w.'\u2019-]*\s+)?$", re.IGNORECASE)


def elect_before(text: str, start: int) -> bool:
    """A "-elect" title right before the name at `start` (a first name may stand between)."""
    return bool(_ELECT_BEFORE.search(text[max(0, start - 40):start]))


def elect_names(text: str, find_people) -> frozenset[str]:
    """Every name and alias of the office holders the text calls "-elect" ("President-elect Donald
    Trump ... Trump said": both before the tenure the gazetteer dates). `find_people` (text -> gazetteer
    matches) runs only on a text that has an "-elect" at all."""
    if not re.search(r"\w-elect\b", text, re.IGNORECASE):
        return frozenset()
    return frozenset(n for m in find_people(text) if m.field == "people" and elect_before(text, m.start) for n in m.names)


# "Former Vice President Joe Biden", "ex-President Obama", "the late King Abdullah": out of office; a title
# run (capitalised or office words) may stand between the marker and the name
_FORMER_BEFORE = re.compile(r"(?:\b(?:former|onetime|one-time|the\s+late)\s+|\bex-\s*)((?:[\w.'\u2019-]+\s+){0,5})$",
                            re.IGNORECASE)
# a current title right before a name ("President Biden", "Secretary of State John Kerry"), or opening an alias
# that carries it ("President Barack Obama")
_TITLE_BEFORE = re.compile(r"(?:^|[^\w-])(?:president|prime minister|premier|chancellor|secretary|minister|king|queen|"
                           r"emperor|director|ambassador|attorney general|spokes(?:man|woman|person))\s+"
                           r"(?:[A-Z][\w.'\u2019-]*\s+){0,2}$", re.IGNORECASE)
_TITLE_START = re.compile(r"(?:(?:vice\s+)?president|prime minister|premier|chancellor|secretary|minister|king|queen)\s",
                          re.IGNORECASE)


def _sentence_before(text: str, start: int) -> str:
    return _same_sentence(text[max(0, start - 80):start])


def former_before(text: str, start: int, vocab: frozenset[str]) -> bool:
    """"former" (ex-, onetime, the late) opening a title run that ends right before the name at `start`
    ("Former Vice President Joe Biden"); not "former reality TV star Donald Trump" (no title run)."""
    m = _FORMER_BEFORE.search(_sentence_before(text, start))
    return bool(m) and all(w.lower() not in ("and", "or") and (w[:1].isupper() or w.lower() in vocab)
                           for w in m.group(1).split())  # "former Gov. Jeb Bush and President Obama": two people


def former_names(text: str, find_people, vocab: frozenset[str]) -> frozenset[str]:
    """Every name and alias of the office holders the text calls "former" before a title and never gives a
    current title ("Former Vice President Joe Biden ... Mr. Biden announced": not in office in any mention,
    whatever the gazetteer dates; "President Biden, a former senator" keeps his office). `find_people`
    (text -> gazetteer matches) runs only on a text that has such a marker at all."""
    if not re.search(r"\b(?:former|onetime|one-time|late)\s|\bex-", text, re.IGNORECASE):
        return frozenset()
    former, titled = set(), set()
    for m in (m for m in find_people(text) if m.field == "people"):
        if former_before(text, m.start, vocab):
            former.update(m.names)
        elif _TITLE_BEFORE.search(_sentence_before(text, m.start)) or _TITLE_START.match(m.text):
            titled.update(m.names)
    return frozenset(former - titled)
