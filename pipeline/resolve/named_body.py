"""A body the speaker names without a country is the one the article named with its country before.

"The Saudi embassy in Washington didn't immediately respond ... the embassy's information director
said", "Iraq's interior ministry has said. / ... a ministry spokesman said": the speaker phrase holds
a state body ("embassy", "ministry") but no country, and the article has no clear country of its own,
so the resolver leaves it unknown. A reader takes the body the text named before. ``body_named_before``
does that narrowly: every earlier mention, outside quotations, of the same body word that names a
country must decide to one and the same government; a mention that names another country, or a
non-government owner ("the Gaza interior ministry", "a university's science department"), stops it.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..types import Article
from .bodies import BodyLexicon
from .decision import Decision
from .mentions import _inside_quotes


def body_words(phrase: str, lex: BodyLexicon) -> set[str]:
    """The head words of the state bodies a phrase holds that stand for the state alone: "the embassy's
    information director" -> {"embassy"}, "a spokesman for the foreign ministry" -> {"ministry"}. Not a
    body that needs its country named ("forces", "mission", "command", "intelligence": bodies.yaml's
    with_country), which as often is another kind of thing or another country's ("the forces defending the
    city", "a source with contacts with Iraqi intelligence", "the Metropolitan Police's Counter Terrorism
    Command"; the session 38 pool read)."""
    return {w.text.split()[-1] for w in lex.find(phrase) if w.kind == "body"}


def earlier_mentions(article: Article, head: str, before: int) -> list[str]:
    """The noun phrases, up to and including the word `head`, that end in `head` before offset
    `before`, outside quotations: "The Saudi embassy", "Iraq's interior ministry"."""
    doc = article.doc
    if doc is None or not hasattr(doc, "sents"):
        return []
    out = []
    for tok in doc:
        if tok.idx >= before:
            break
        if tok.lower_ != head or _inside_quotes(article, tok.idx):
            continue
        out.append(doc[tok.left_edge.i:tok.i + 1].text)
    return out


def body_named_before(article: Article, phrase: str, at: int, d: Decision, lex: BodyLexicon,
                      decide: Callable[[str], Decision]) -> Optional[Decision]:
    """The government of the body `phrase` names, from the article's earlier mentions of it with a
    country (module docstring), for a speaker decided unknown for want of a country; else None."""
    if d.kind != "unknown" or not d.no_country:
        return None
    for head in sorted(body_words(phrase, lex)):
        named = [(m, decide(m)) for m in earlier_mentions(article, head, at)]
        # a bare "the ministry" says nothing; one that names an owner decides for or against
        owned = [(m, x) for m, x in named if not (x.kind == "unknown" and x.no_country)]
        govs = {x.government for _, x in owned}
        if owned and len(govs) == 1 and None not in govs and all(len(x.governments) == 1 for _, x in owned):
            m, x = owned[-1]
            return Decision(x.government, "government", d.role, f"{head!r} named before as {m!r}: {x.reason}",
                            person=d.person)
    return None
