"""How a summary's first mention should name a speaker, from what the article says elsewhere: a person
called by a bare name gets the title and full name the article gives them ("Mr. Putin" ->
"President Vladimir V. Putin"); a state body or office whose words name no country gets the
country's adjective ("the Foreign Ministry" -> "the South Korean Foreign Ministry"). Resolve writes
the result to ``Speaker.described``; the summarizer uses it (``pipeline/summarize/mentions.py``)."""
from __future__ import annotations

import re
from typing import Optional

from .bodies import GOV_KINDS, BodyLexicon
from .gazetteer import Gazetteer
from .people import TITLE_GLUE, TITLE_MODIFIERS


def office_vocab(lex: BodyLexicon) -> frozenset[str]:
    """The words of government office and body words, plus glue and modifiers: what a title run before a
    name in a summary is made of (``title_vocab`` also holds non-government words: "who", "on")."""
    toks = {t for w, kind in lex.words.items() if kind in GOV_KINDS for t in w.split()}
    return frozenset(toks | TITLE_GLUE | TITLE_MODIFIERS)


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+")
_BARE_NAME = re.compile(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}")


def _split_title(description: str, vocab: frozenset[str], lex: BodyLexicon) -> tuple[str, list[str]]:
    """(title, name words) of a description: "Russian President Vladimir Putin" -> ("Russian President",
    [Vladimir, Putin]). The title is the run of title words and capitalised words right before the
    name, without leading glue ("memo to State Department Inspector General Steve Linick" -> "State
    Department Inspector General"); it is "" unless it ends on an office or body word ("As for Ban",
    "religious police who Khalaf" have none)."""
    words = description.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper() and words[k - 1].lower() not in vocab:
        k -= 1
    name = words[k:]
    i = k
    while i > 0 and (words[i - 1].lower() in vocab or words[i - 1][:1].isupper()):
        i -= 1
    title = " ".join(words[i:k])
    starts = {w.start for w in lex.find(title) if w.gov}
    at = 0
    for word in words[i:k]:  # lead with a capital, an office or body word, or its modifier ("defense")
        low = word.lower()
        if word[:1].isupper() and low not in TITLE_GLUE or at in starts or low in TITLE_MODIFIERS:
            break
        at += len(word) + 1
    title = title[at:]
    ends_on_office = any(w.gov and w.end == len(title) for w in lex.find(title)) if title else False
    return (title if ends_on_office else ""), name


def described_name(speaker: str, people: dict[str, list[str]], vocab: frozenset[str], lex: BodyLexicon,
                   gaz: Gazetteer) -> str:
    """How a summary's first mention should name a speaker the article calls by a bare name ("Mr.
    Putin", "Obama"): one longer mention of that name in the article, the first of these that exists
    (longest within each):

    1. a title and a full name ("President Vladimir V. Putin");
    2. a title ("President Obama");
    3. a full name the gazetteer knows as an office holder's ("David Cameron"), never another full
       name ("Michelle Obama" is not the "Obama" who spoke for a government).

    "" when the speaker is no bare name, when the article gives nothing longer, or when its longer
    mentions name two people: two given names ("Barack", "Michelle") or two offices ("President",
    "first lady")."""
    bare = _HONORIFIC.sub("", speaker.strip())
    if not _BARE_NAME.fullmatch(bare) or any(w.gov or w.non_gov for w in lex.find(bare)):
        return ""
    names = bare.split()
    found = []  # (title, name words, mention) of each longer mention that ends on this name
    for text in people.get(names[-1], []):
        if "," in text or len(text.split()) > 10:
            continue  # an appositive ("Lim Soo-seok, spokesperson for ...") is no name to lead with
        title, part = _split_title(text, vocab, lex)
        if part[-len(names):] == names and (title or len(part) > len(names)):
            found.append((title, part, " ".join(([title] if title else []) + part)))
    given = {tuple(p[:-len(names)]) for _, p, _ in found if len(p) > len(names)}
    if not all(_compatible(a, b) for a in given for b in given) or \
            len({t.split()[-1].lower() for t, _, _ in found if t}) > 1:
        return ""
    both = [m for t, p, m in found if t and len(p) > len(names)]
    titled = [m for t, _, m in found if t]
    known = [m for t, p, m in found if not t and any(g.text == m for g in gaz.find(m, {"people"}))]
    for group in (both, titled, known):
        if group:
            return max(group, key=lambda m: len(m.split()))
    return ""


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two runs of given names can be one person's: ("Vladimir",) and ("Vladimir", "V.")."""
    short, long_ = sorted((a, b), key=len)
    return long_[:len(short)] == short or long_[len(long_) - len(short):] == short


_DETERMINER = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_NOT_A_PHRASE = re.compile(r"[,;:()\"\u201c\u201d]|\b(?:who|which|that|whose)\b", re.IGNORECASE)


def country_adjective(government: str, gaz: Gazetteer) -> str:
    """The adjective a summary puts before a body of `government`: a short name that is also one of
    its demonyms ("U.S."), else its first demonym ("South Korean"); "" for a government without one
    (an intergovernmental organisation)."""
    spec = gaz.governments.get(government) or {}
    demonyms = [d for d in spec.get("demonyms") or [] if isinstance(d, str)]
    names = {n for n in spec.get("names") or [] if isinstance(n, str)}
    short = [d for d in demonyms if d in names and "." in d]
    return (short or demonyms or [""])[0]


def described_body(mention: str, government: Optional[str], gaz: Gazetteer, lex: BodyLexicon) -> str:
    """A state body or office speaking for `government` whose words name no country, with the
    country's adjective put in ("The Foreign Ministry" -> "The South Korean Foreign Ministry",
    "A spokeswoman" -> "A British spokeswoman", "Military officials" -> "U.S. military officials").
    "" when the mention names a country, capital or institution already, is no short noun phrase
    with a body or office word (an appositive, a clause, a pronoun), or the government has no
    adjective."""
    text = " ".join(mention.split())
    adjective = country_adjective(government or "", gaz)
    if not adjective or not text or len(text.split()) > 6 or _NOT_A_PHRASE.search(text):
        return ""
    if gaz.find(text, {"names", "demonyms", "capitals", "institutions", "people"}):
        return ""
    if not any(w.gov for w in lex.find(text)) or text.lower() in lex.pronouns:
        return ""
    m = _DETERMINER.match(text)
    if m:
        det, rest = m.group(1), text[m.end():]
        if det.lower() in ("a", "an"):
            article = "an" if adjective[0] in "AEIO" else "a"  # "an Iraqi official", "a U.S. official"
            det = article.capitalize() if det[0].isupper() else article
        return f"{det} {adjective} {rest}"
    words = text.split()
    if len(words) == 1 or not words[1][:1].isupper():
        # "Officials" opened a sentence; "Foreign Ministry spokesperson Lim" keeps its capitals
        words[0] = words[0].lower()
    return f"{adjective} {' '.join(words)}"


def describe(speaker: str, mention: str, decision, people: dict[str, list[str]], vocab: frozenset[str],
             lex: BodyLexicon, gaz: Gazetteer) -> tuple[str, str]:
    """(described, described_by) for one resolved speaker (``Speaker.described``): a government person's
    fuller name ("name"), or a government body's country ("country"); ("", "") otherwise."""
    if decision.kind != "government":
        return "", ""
    if decision.person:
        found = described_name(speaker, people, vocab, lex, gaz)
        return found, "name" if found else ""
    if len(decision.governments) == 1:
        found = described_body(mention, decision.government, gaz, lex)
        return found, "country" if found else ""
    return "", ""
