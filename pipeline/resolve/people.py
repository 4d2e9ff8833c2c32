"""Every longer mention of a person in one article, by name word: how a bare name ("Mattis") is tied
to a title or role stated elsewhere ("defense secretary James Mattis")."""
from __future__ import annotations

import bisect
import re

from ..types import Article
from .bodies import BodyLexicon
from .gazetteer import Gazetteer
from .mentions import _name_words, _title_run

# words that open a clause, not an appositive role ("Name, though WHO has ..."); "Name, who was
# undersecretary of state" still describes the person
_CLAUSE_START = re.compile(r"(?:though|although|but|and|or|which|that|when|while|as|because|if|after|before|"
                           r"since|where|so|yet)\b|"
                           # a participle clause ("Kasich, offering his thoughts on military readiness"), not a
                           # title that ends in -ing ("acting director", "outgoing ambassador") nor a relay ("The
                           # Sunday Mirror, citing British intelligence sources": whose words they are)
                           r"(?!(?:acting|managing|outgoing|incoming|governing|ruling|presiding|visiting|serving|"
                           r"reigning|sitting|leading|ranking|founding|commanding|citing|quoting)\b)[a-z]+ing\b",
                           re.IGNORECASE)
# a name of two to four capitalised words right after a comma, closing an appositive
_NAME_AFTER_ROLE = re.compile(r",\s+((?:[A-Z][a-z]+\.?\s+){0,2}[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){1,3})(?=\s*[,.;]|\s+(?:said|says|told|added|"
                              r"announced|stated)\b)")
_LEADING_CUE = re.compile(r"^(?:said|says|told|added|according to|announced)\s+", re.IGNORECASE)


def people_descriptions(article: Article, lex: BodyLexicon, gaz: Gazetteer,
                        vocab: frozenset[str], title: bool = False) -> dict[str, list[str]]:
    """Name word -> longer mentions of that person in the article, best first: the full name of an
    office holder the gazetteer knows ("David Cameron"), the title run before a name ("Mexico's
    Foreign Secretary Claudia Ruiz Massieu"), "Name, role," appositives, and speaker phrases with a
    role ("Lim Soo-seok, spokesperson for ..."). `vocab` is ``title_vocab(lex)``. With `title`, the
    headline's appositives count too ("Dr. Scott Atlas, Trump's coronavirus adviser, resigns")."""
    out: dict[str, list[str]] = {}

    def add(word: str, text: str) -> None:
        lst = out.setdefault(word, [])
        if text not in lst:
            lst.append(text)

    clean = article.clean_text
    # first, office holders the gazetteer knows by their full name ("David Cameron"), for the bare
    # surname elsewhere ("Cameron's spokesman"); their tenure is checked where the mention is decided
    for m in gaz.find(clean, {"people"}):
        if len(m.text.split()) > 1:
            for word in _name_words(m.text)[-1:]:
                add(word, m.text)
    starts = sorted(a for a, _ in article.sentences) or [0]
    # "defense secretary James Mattis", "Pope Francis": a title run right before a name
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b", clean):
        run = _title_run(clean, m.start(), vocab, lo=starts[max(0, bisect.bisect_right(starts, m.start()) - 1)])
        if not run:
            continue
        full = f"{run} {m.group()}"
        if any(w.gov or w.non_gov for w in lex.find(run)) or gaz.find(full, {"people", "institutions"}):
            for word in _name_words(m.group()):
                add(word, full)
    _appositives(clean, starts, lex, gaz, add)
    if title and article.title:
        _appositives(article.title, [0], lex, gaz, add)
    # speaker phrases with a role ("Lim Soo-seok, spokesperson for ...")
    for st in article.statements:
        text = st.speaker.text
        first = text.split(",")[0]
        if len(first.split()) <= 6 and any(w.gov or w.non_gov for w in lex.find(text)):
            for word in _name_words(first):
                add(word, text)
    return out


def _appositives(text: str, starts: list[int], lex: BodyLexicon, gaz: Gazetteer, add) -> None:
    """The appositive descriptions in `text` (sentence starts `starts`), passed to `add(word, description)`."""
    # "Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs," anywhere in the text
    for m in re.finditer(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}),\s+((?:the\s+|a\s+|an\s+)?[A-Za-z][\w\s'’-]{2,80}?)[,.;]",
                         text):
        role_text = m.group(2)
        if _CLAUSE_START.match(role_text):
            continue  # "Mashable, though WHO has contacted ...": a clause, not an appositive
        if any(w.gov or w.non_gov for w in lex.find(role_text)):
            for word in _name_words(m.group(1)):
                add(word, f"{m.group(1)}, {role_text}")
    # "Nigeria's chief of defence staff, Alex Badeh, announced", "said the attorney general, Jesús
    # Murillo Karam.": a role, then the name as its appositive
    for m in _NAME_AFTER_ROLE.finditer(text):
        lo = starts[max(0, bisect.bisect_right(starts, m.start()) - 1)]
        role_text = re.split(r"[,;:\"\u201c\u201d(]", text[lo:m.start()])[-1].strip()
        role_text = _LEADING_CUE.sub("", role_text)
        if not role_text or len(role_text.split()) > 8 or _CLAUSE_START.match(role_text):
            continue
        if any(w.gov for w in lex.find(role_text)) or gaz.find(role_text, {"names", "demonyms", "institutions"}):
            for word in _name_words(m.group(1)):
                add(word, f"{role_text}, {m.group(1)}")


TITLE_GLUE = frozenset({"of", "the", "for", "and", "a", "an"})
# words that modify an office word in a title run ("defense secretary", "senior adviser")
TITLE_MODIFIERS = frozenset({"senior", "top", "deputy", "acting", "foreign", "defense", "defence", "interior", "state",
                              "national", "chief"})


def title_vocab(lex: BodyLexicon) -> frozenset[str]:
    """Words that may make up a title run before a name: every body and office word, plus glue."""
    toks = {t for w in lex.words for t in w.split()}
    return frozenset(toks | {"of", "the", "for", "and", "'s", "’s"} | TITLE_MODIFIERS)
