"""Put each resolution error on a benchmark into one failure class of issue 11, by a fixed rule.

An error is a speaking gold government the output lacks (``missed``), an output government that
does not speak in the gold (``invented``), or a gold snippet not matched under its government
(``snippet``). Each is classed from the speaker phrase of the system statement involved: for a
missed government or a snippet, the statement that covers the snippet best whatever its
government; for an invented one, the statements given to it. The same rule runs before and after
a change, so the counts compare; it reads the text only, never the gold's notes.

Classes, checked in this order:

- ``attribution``: no system statement covers the snippet (the attribute stage's miss, not resolve's);
- ``coreference``: the speaker as written is a pronoun or a nominal without a name or country
  ("she", "a spokeswoman", "the ministry");
- ``documents``: the speaker or cue is a document or data ("a statement", "data showed",
  "told the Associated Press");
- ``non_government``: a person defined by a non-government organisation, or a legislator, given
  to a government (invented errors only);
- ``rank``: an official named by rank ("an Iraqi army colonel", "a senior military official");
- ``nation_body``: a country reference plus a state body or office ("Britain's Treasury");
- ``other``: anything else (a name without a title, an outlet, a gold judgment call).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Optional

from ..evaluate.metrics._text import overlap_tokens

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}
DOC_WORDS = re.compile(r"\b(?:statement|statements|data|report|reports|release|letter|filing|figures|survey|"
                       r"communique|communiqué|memo|document|documents|transcript|readout|post|tweet|message|"
                       r"told\b|said in an? (?:interview|email|e-mail))\b", re.IGNORECASE)
RANK_WORDS = re.compile(r"\b(?:colonel|col\.|general|gen\.|lieutenant|lt\.|major|maj\.|captain|capt\.|admiral|"
                        r"adm\.|commander|sergeant|sgt\.|officer|chief of (?:the )?(?:defen[cs]e )?staff|"
                        r"military official|army official|senior \w+ official)(?!\w)", re.IGNORECASE)
NON_GOV_WORDS = re.compile(r"\b(?:think tank|think-tank|institute|institution|university|college|center|centre|"
                           r"foundation|company|corporation|corp\.|inc\.|group|network|party|campaign|association|"
                           r"council on|ngo|advocacy|watch|coalition|league|union|federation|senator|sen\.|"
                           r"congressman|congresswoman|lawmaker|legislator|rep\.|mp|parliament|candidate|"
                           r"ceo|president of the)(?!\w)", re.IGNORECASE)


def _covering(snippet: str, statements: list) -> Optional[Any]:
    toks = overlap_tokens(snippet)
    if not toks:
        return None
    best, best_share = None, 0.0
    want = Counter(toks)
    for st in statements:
        common = sum((want & Counter(overlap_tokens(st.text))).values()) / len(toks)
        if common > best_share:
            best, best_share = st, common
    return best if best_share >= 0.5 else None


def _has_proper_word(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'.-]*", text)
    return any(w[0].isupper() for w in words[1:]) or (bool(words) and words[0][0].isupper()
                                                      and words[0].lower() not in _DETERMINERS)


_DETERMINERS = {"a", "an", "the", "one", "another", "some", "two", "three", "several", "its", "his", "her", "their",
                "this", "that", "these", "those", "senior", "top"}


def speaker_class(mention: str, text: str, cue: str, error: str) -> str:
    """The failure class of one speaker (see the module docstring)."""
    m = (mention or text or "").strip()
    low = m.lower()
    if error == "invented" and NON_GOV_WORDS.search(text or m):
        return "non_government"
    if low in PRONOUNS or (m and not _has_proper_word(m) and len(low.split()) <= 4 and not DOC_WORDS.search(m)):
        return "coreference"
    if DOC_WORDS.search(m) or DOC_WORDS.search(cue or ""):
        return "documents"
    if RANK_WORDS.search(m) or RANK_WORDS.search(text or ""):
        return "rank"
    if _has_proper_word(m) and re.search(r"[a-z]", low) and len(low.split()) >= 2:
        return "nation_body"
    return "other"


def _statement_view(st) -> dict:
    sp = st.speaker
    return {"speaker_mention": sp.mention, "speaker": sp.text, "cue": st.cue, "given_to": sp.government,
            "kind": sp.kind, "resolution": sp.reason, "text": st.text[:200]}


def classify_errors(records: list[dict]) -> list[dict]:
    """One dict per error with its class, article id, government and the statement involved."""
    out = []
    for rec in records:
        a, score, ref = rec["article"], rec["score"], rec["reference"]
        statements = list(a.statements)
        gold = ref.get("governments", {})
        missed = set(score["missed"])
        for gov, g in gold.items():
            for snip in g.get("statements", []) or []:
                if not snip or not overlap_tokens(snip):
                    continue
                mine = list(a.governments[gov].statements) if gov in a.governments else []
                if _covering(snip, mine) is not None:
                    continue
                st = _covering(snip, statements)
                cls = "attribution" if st is None else speaker_class(st.speaker.mention, st.speaker.text, st.cue or "",
                                                                     "snippet")
                out.append({"id": a.id, "error": "snippet", "government": gov, "class": cls, "snippet": snip[:200],
                            **({} if st is None else _statement_view(st))})
        for gov in sorted(missed):
            snips = [s for s in gold[gov].get("statements", []) or [] if s and overlap_tokens(s)]
            covering = [c for c in (_covering(s, statements) for s in snips) if c is not None]
            if not covering:
                cls, view = "attribution", {}
            else:
                votes = Counter(speaker_class(c.speaker.mention, c.speaker.text, c.cue or "", "missed") for c in covering)
                cls = votes.most_common(1)[0][0]
                view = _statement_view(covering[0])
            out.append({"id": a.id, "error": "missed", "government": gov, "class": cls, **view})
        for gov in score["invented"]:
            sts = a.governments[gov].statements
            votes = Counter(speaker_class(st.speaker.mention, st.speaker.text, st.cue or "", "invented") for st in sts)
            cls = votes.most_common(1)[0][0] if votes else "other"
            out.append({"id": a.id, "error": "invented", "government": gov, "class": cls,
                        **(_statement_view(sts[0]) if sts else {}),
                        "speakers": sorted({st.speaker.mention or st.speaker.text for st in sts})[:6]})
    return out


def unmatched_statements(records: list[dict], threshold: float = 0.5) -> list[dict]:
    """The statements listed under a government that cover none of that government's gold snippets, as the
    attribution metric's statement precision counts them: its errors, one dict each, for reading. They are not
    classed: most are a statement the gold does not count (a topic, a refusal, an act), some a government the
    gold does not have (``gold_speaks`` false) or a snippet of another government (``another_government``)."""
    from ..evaluate.metrics._inputs import attribution_reference
    from ..evaluate.metrics.attribution.scores import covers, snippet_tokens, uncovered

    out = []
    for rec in records:
        a, ref = rec["article"], rec["reference"]
        gold = snippet_tokens(attribution_reference(ref.get("governments") or {}))  # as score_article reads it
        everyone = [t for snips in gold.values() for t in snips]
        mine = {g: [overlap_tokens(st.text) for st in res.statements] for g, res in a.governments.items()}
        for gov, i in uncovered(mine, gold, threshold):
            st = a.governments[gov].statements[i]
            out.append({"id": a.id, "error": "unmatched_statement", "government": gov, "gold_speaks": bool(gold.get(gov)),
                        "another_government": any(covers(s, mine[gov][i], threshold) for s in everyone),
                        "category": st.category, **_statement_view(st)})
    return out


def by_kind(errors: list[dict]) -> dict[str, dict[str, int]]:
    """{class: {missed, invented, snippet}} counts."""
    out: dict[str, dict[str, int]] = {}
    for e in errors:
        row = out.setdefault(e["class"], {"missed": 0, "invented": 0, "snippet": 0})
        row[e["error"]] += 1
    return dict(sorted(out.items()))
