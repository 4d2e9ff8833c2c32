"""Reading speaker mentions: the words around a name, quotes, paragraphs, coordinated countries.

Plain functions over an article's text that the resolver (``resolver.py``) and its article context
(``context.py``) share; they hold no state.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional

from ..types import Article
from .bodies import Word
from .gazetteer import Match, parse_date

_COUNTRY_HEADED = {"names", "capitals"}
_HEAD_END = re.compile(r",|\(|\s[—–]\s|\s--\s|\s(?:of|for|at|with|from|in|to|on|who|which|that|whose)\s", re.IGNORECASE)
_NOT_OWNER = re.compile(r"\b(?:to|on|with|against|about|toward|towards|in|over|at|into|from|between|than|like|"
                        r"criticized|criticised|visiting|visit|near|across)(?:\s+(?:the|a|an))?$")
# "the government in Riyadh", "the authorities in Beijing": a state body seated there is that country's
_SEAT = re.compile(r"\b(?:government|regime|authorities|administration|leadership)\s+in$")
# "senior officials in Iraq", "an intelligence official in Seoul": officials placed in a country (or its
# capital) that ends the phrase are its own, when nothing but a rank or a service qualifies them ("foreign",
# "aid" or "Western officials in Kabul" are not Afghanistan's; "officials in Iraq's Kurdistan region" are a region's)
_OFFICIALS_SEAT = re.compile(r"^(?:(?:a|an|the|one|two|three|four|several|some|other|senior|top|high-ranking|"
                             r"high-level|unnamed|anonymous|security|intelligence|military|government)\s+)*"
                             r"officials?\s+in(?:\s+the)?$")
# "a spokesman in the North Korean embassy", "an official at the UN refugee agency", "an official with Kenya's
# Interior Ministry" (not "talks with"): the place a person works names its country, when a state body follows at once
_WORKPLACE = re.compile(r"\b(?:in|at|from|within|(?:officials?|spokes(?:man|men|woman|women|person|people)|sources?)\s+with)(?:\s+the)?$")
_BODY_GAP = re.compile(r"(?:\s+(?!(?:of|in|at|for|and|or|to|from|with|on)\b)[\w'’-]+){0,3}\s+")  # "Iraqi Defence Ministry"
_THINGS = ("document", "non_gov:organisations", "non_gov:media", "body", "body_cc")
_COORD = re.compile(r"^(?:\s*(?:,|and|&|or|both|as well as|the)\s*)+$", re.IGNORECASE)


def _title_run(text: str, name_start: int, vocab: frozenset[str], lo: int = 0) -> str:
    """The words right before a name that are capitalized or title words ("defense secretary",
    "Mexico's Foreign Secretary"), within the clause and not before `lo` (its sentence start:
    "... Kim Jong Un. Smith said" is no title run)."""
    before = text[max(lo, name_start - 120):name_start]
    toks = re.findall(r"[\w.'’-]+|[^\w\s]", before)
    run: list[str] = []
    for tok in reversed(toks):
        low = tok.lower()
        base = re.sub(r"['’]s$", "", tok)
        if re.fullmatch(r"[^\w]", tok) or re.fullmatch(r"[A-Za-z]{4,}\.", tok):  # punctuation, "States." ends a sentence
            break
        if low in vocab or (base[:1].isupper() and low not in _STOP_BEFORE) or low in ("'s", "’s"):
            run.append(tok)
            continue
        break
    while run and run[-1].lower() in ("of", "the", "and", "for"):
        run.pop()
    return " ".join(reversed(run))


_STOP_BEFORE = {"said", "says", "told", "added", "when", "while", "but", "and", "as", "in", "on", "at", "by", "with",
                "the", "a", "an", "mr.", "ms.", "mrs.", "dr."}


def _inside_word(text: str, m: Match) -> bool:
    """A country code or name glued into a longer token ("US-led" is fine; "IRQ2" is not), or the
    end of an Arabic family name ("Said Al-Saudi", "al-Masri": a person, not the country)."""
    if m.end < len(text) and text[m.end:m.end + 1].isalnum():
        return True
    return bool(_ARTICLE_PREFIX.search(text[max(0, m.start - 4):m.start]))


_ARTICLE_PREFIX = re.compile(r"(?:^|[^\w])(?:al|el|Al|El|AL|EL)[-\u2010]$")


_MODIFIER_WORDS = {"former", "ex-", "retired", "late", "onetime", "one-time", "served as", "who served"}


def _is_person(mention: str, words: list[Word], matches: list[Match]) -> bool:
    """A person (he/she can refer to them), read from the head of the phrase's first part: an
    office or a person's non-government word ("an analyst"), a gazetteer person, or a name
    ("Lee Sang-min, an analyst at ..."); not a body, document or organisation ("the ministry",
    "Britain's Treasury", "a report from Axios")."""
    if any(m.field == "people" for m in matches):
        return True
    residue = _blank(mention, matches)
    segs = _segments(residue)
    if not segs:
        return False
    start, head_end, _ = segs[0]
    in_head = [w for w in words if start <= w.start < head_end and w.text not in _MODIFIER_WORDS]
    if in_head:
        return in_head[-1].kind not in _THINGS
    head = residue[start:head_end]
    return any(t.lower() not in _NOT_NAMES for t in re.findall(r"\b[A-Z][a-z]+", head))


def _tenures(tenure: str, today: _dt.date) -> list[tuple[_dt.date, _dt.date]]:
    """'2009-01-20..2017-01-20; 2021-01-20..' -> [(start, end)], an open end as tomorrow."""
    out = []
    for part in (tenure or "").split(";"):
        a, _, b = part.strip().partition("..")
        start, end = parse_date(a), parse_date(b) if b else today + _dt.timedelta(days=1)
        if start and end and start < end:
            out.append((start, end))
    return out


def _inside_quotes(article: Article, pos: int) -> bool:
    """Whether `pos` lies inside quotation marks opened earlier in its paragraph."""
    start = max((a for a, b in article.paragraphs if a <= pos), default=max(0, article.clean_text.rfind("\n", 0, pos) + 1))
    before = article.clean_text[start:pos]
    # every quote mark toggles: news mixes straight and curly marks ('"profoundly Francophile”')
    return sum(before.count(q) for q in ('"', "\u201c", "\u201d")) % 2 == 1


def _paragraph_index(article: Article):
    starts = [p[0] for p in article.paragraphs] or [0]

    def para_of(offset: int) -> int:
        lo = 0
        for i, s in enumerate(starts):
            if s <= offset:
                lo = i
            else:
                break
        return lo
    return para_of


# "the pro-Trump protest", "pro-government militias", "anti-American protesters": a side taken, not a speaker
STANCE_PREFIX = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)


def _name_matches(text: str) -> list[re.Match]:
    """Capitalized words of a name part, not role words ("Foreign Ministry spokesperson Lim" -> Lim),
    nor a name a side is taken for ("the pro-Trump protest"), with their places in `text`."""
    return [m for m in re.finditer(r"\b[A-Z][a-z]+", text)
            if m.group(0).lower() not in _NOT_NAMES and not STANCE_PREFIX.search(text, 0, m.start())]


def _name_words(text: str) -> list[str]:
    """The words of ``_name_matches``."""
    return [m.group(0) for m in _name_matches(text)]


# a name the speaker phrase is about, not the speaker's: an owner ("The source with knowledge of Kim's
# health", "Carter's press secretary, Peter Cook") or what a source is close to ("a source close to Kim")
_OWNER_AFTER = re.compile(r"['\u2019](?:s\b|\s)")
_ABOUT_SOMEONE = re.compile(r"\b(?:close to|familiar with|knowledge of)\b", re.IGNORECASE)


def speaker_name_words(text: str) -> list[str]:
    """``_name_words`` that name the speaker: not an owner's name nor the object of "close to"."""
    return [m.group(0) for m in _name_matches(text)
            if not _OWNER_AFTER.match(text, m.end()) and not _ABOUT_SOMEONE.search(text, 0, m.start())]


_NOT_NAMES = {"the", "a", "an", "foreign", "ministry", "minister", "president", "spokesperson", "spokesman",
              "spokeswoman", "official", "officials", "deputy", "vice", "prime", "secretary", "state", "senior",
              "former", "chief", "general", "gen", "defense", "defence", "affairs", "national", "security", "of",
              "and", "he", "she", "they", "it", "we", "mr", "ms", "mrs", "dr", "in", "on", "but", "department",
              "office", "house", "white", "new", "his", "her", "their", "its", "this", "that", "pope", "king", "pro", "anti",
              # dates are no names ("On Thursday, Pentagon press secretary ..."); months that are also
              # surnames (May, March, June, August) stay names
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "april", "july", "september", "october", "november", "december"}


def _segments(text: str) -> list[tuple[int, int, int]]:
    """Comma-separated parts of a speaker phrase: (start, end of its head, end)."""
    out = []
    start = 0
    parts = [m.start() for m in re.finditer(r",|\(|\)|\s[—–]\s|\s--\s", text)] + [len(text)]
    for cut in parts:
        seg = text[start:cut]
        if seg.strip():
            m = _HEAD_END.search(seg)
            head_end = start + (m.start() if m and m.start() > 0 else len(seg))
            out.append((start, head_end, cut))
        start = cut + 1
    return out


_OWNER_ATTACHMENT = re.compile(r"\s*(?:of|for|at|with|from|to)\s", re.IGNORECASE)


def owner_attachment(text: str, head_end: int) -> bool:
    """Whether the attachment after a head names whom it works for ("a spokesman for the Trump
    campaign", "the president of a think tank", "an adviser to ..."), not its subject ("the
    government's spokesperson on the Boko Haram insurgency") or a place ("an official in Maiduguri")."""
    return bool(_OWNER_ATTACHMENT.match(text, head_end))


def _blank(text: str, matches: list) -> str:
    chars = list(text)
    for m in matches:
        for i in range(m.start, m.end):
            chars[i] = " "
    return "".join(chars)


def _ordered_unique(items) -> list:
    seen: list = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


def _body_follows(gap: str) -> bool:
    """A state body starts at most three words after the country, which may own it by a possessive
    ("at Kenya's Interior Ministry"); another word's possessive owns it instead ("in Iraqi Kurdistan's
    regional government": Kurdistan)."""
    return bool(_BODY_GAP.fullmatch(_OWN_POSSESSIVE.sub("", gap))) and not re.search(r"\w['’]s\b", _OFFICE_POSSESSIVE.sub(" ", gap))


_OWN_POSSESSIVE = re.compile(r"^['’]s\b")
# an office title's possessive keeps the country's ownership: "at Kenya's prime minister's office"
_OFFICE_POSSESSIVE = re.compile(r"\b(?:minister|president|general|secretary|chancellor|premier)['’]s\b", re.IGNORECASE)


def _owner_countries(mention: str, national: list[Match], body_starts: frozenset[int] = frozenset()) -> list[Match]:
    """The countries the speaker speaks for: the first one not after "to/on/in/with..." ("the US
    ambassador to Russia" is the US), with the countries coordinated with it ("Germany, France and
    Britain", "US and Israeli officials"). After "in/at/from" a country counts when a state body
    starts right after it, at most three words on (`body_starts`: "a spokesman in the North Korean
    embassy", "an official at the Iraqi Defence Ministry"), and after "officials in" when it ends the
    phrase (``_OFFICIALS_SEAT``)."""
    owners: list[Match] = []
    for m in national:
        before = mention[:m.start].rstrip().lower()
        if owners:
            gap = mention[owners[-1].end:m.start]
            if _COORD.match(gap) or not gap.strip():
                owners.append(m)
                continue
            break
        workplace = bool(_WORKPLACE.search(before)) and any(_body_follows(mention[m.end:b])
                                                            for b in body_starts if b >= m.end)
        seated = bool(_OFFICIALS_SEAT.match(before)) and not mention[m.end:].strip(" ,.")
        if not _NOT_OWNER.search(before) or _SEAT.search(before) or workplace or seated:
            owners.append(m)
    return owners


def _is_bare(mention: str, national: list) -> bool:
    """'Russia', 'Beijing', 'South Korea's government': the country itself speaks."""
    rest = mention
    for m in sorted(national, key=lambda m: -m.start):
        if m.field in _COUNTRY_HEADED:
            rest = rest[:m.start] + rest[m.end:]
    rest = re.sub(r"\b(?:the|'s|’s|both|and|or|as well as|other|leaders of)\b", " ", rest, flags=re.IGNORECASE)
    return not re.search(r"\w", rest) and any(m.field in _COUNTRY_HEADED for m in national)


def person_entities(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, text) of the parse's PERSON entities outside quotes and outside what statements
    say: the people the narrative itself names. Empty when the article has no parse."""
    doc = article.doc
    if doc is None or not hasattr(doc, "ents"):
        return []
    said = [(a, b) for st in article.statements for a, b in st.content_spans]
    # every word a proper noun: the small model tags a sentence-opening participle ("Conceding that ...")
    return [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"
            and all(t.pos_ == "PROPN" for t in e) and not _inside_quotes(article, e.start_char)
            and not any(a <= e.start_char < b for a, b in said)]


# "... a threat to Israel from Iran, whose leaders have called for ...": the relative pronoun's owner
_WHOSE = re.compile(r"^whose\s+(\S.*)$", re.IGNORECASE)
_BEFORE_WHOSE = re.compile(r"((?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*)\s*,\s*$")


def whose_owner(text: str, speaker: Any) -> Optional[str]:
    """'whose leaders' after "Iran, " reads as "Iran's leaders"; None unless a capitalized name
    stands right before the comma."""
    m = _WHOSE.match(speaker.text.strip())
    if m is None or speaker.start < 0:
        return None
    b = _BEFORE_WHOSE.search(text[max(0, speaker.start - 80):speaker.start])
    return f"{b.group(1)}'s {m.group(1)}" if b else None


# "Graham, who says the United States and allies should send ground forces": the relative clause is a
# statement of its own, not a description of the speaker ("Lim, who is spokesperson for ..." is)
_SPEECH_RELATIVE = re.compile(r"(?:,\s+|\s+)(?:who|which)\s+(?:\w+\s+){0,2}?(?:says|said|argues|argued|tells|told|claims|claimed|"
                              r"warns|warned|insists|insisted|adds|added|notes|noted|writes|wrote|tweets|tweeted|"
                              r"contends|contended|believes|believed|thinks|thought|predicts|predicted)\b.*$", re.DOTALL)


# "Schumer, who has also endorsed Clinton": a relative clause of something done to someone else, whose names
# are no affiliation of the speaker's (unlike "Lim, who is spokesperson for ...", "who heads the ministry")
_ACTION_RELATIVE = re.compile(
    r"(?:,\s+|\s+)(?:who|which)\s+(?:(?:has|have|had)\s+)?(?:(?:also|recently|previously|once|repeatedly)\s+)?"
    r"(?!(?:is|was|are|were|been|serves|served|heads|headed|leads|led|runs|ran|works|worked|chairs|chaired|became|"
    r"becomes|represents|represented|oversees|oversaw|directs|directed|commands|commanded|speaks|spoke|replaced|"
    r"replaces|succeeded|succeeds|joined|joins)\b)"
    r"[a-z]+(?:ed|s)\b.*$", re.DOTALL)


def without_speech_relative(mention: str) -> str:
    """The speaker phrase without a trailing relative clause that says something ("Graham, who says
    ..." -> "Graham", "an official in Seoul who said ..." -> "an official in Seoul") or does something
    to someone else ("Schumer, who has also endorsed Clinton", "one owner of a shop who declined to be
    named for fear of the authorities")."""
    return _ACTION_RELATIVE.sub("", _SPEECH_RELATIVE.sub("", mention)).strip()


# a tenure the phrase itself dates: "ambassador to the United States from 2007 to 2013", "(2009-2013)",
# "until 2014"; and an administration it names: "drug policy director in the Clinton administration"
_SERVED_UNTIL = re.compile(r"\b(?:from|between)\s+(?:19|20)\d\d\s+(?:to|and|until|through)\s+((?:19|20)\d\d)\b|"
                           r"\(\s*(?:19|20)\d\d\s*[-\u2013]\s*((?:19|20)\d\d)\s*\)|\buntil\s+((?:19|20)\d\d)\b")
_ADMINISTRATION = re.compile(r"\b(?:in|of|during|under)\s+the\s+([A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+)?)\s+"
                             r"(?:administration|government|presidency)\b|\bunder\s+(?:President\s+)?([A-Z][\w'\u2019-]+)\b")


def past_tenure(mention: str, on: Optional[_dt.date], gaz: Any) -> Optional[str]:
    """Why the phrase describes someone out of office on `on`, from its own words: a tenure that
    ended before that year, or an administration whose head the gazetteer dates out of office."""
    if on is None:
        return None
    m = _SERVED_UNTIL.search(mention)
    if m:
        end = int(next(g for g in m.groups() if g))
        if end < on.year:
            return f"served until {end}, before {on.year}"
    m = _ADMINISTRATION.search(mention)
    if m:
        name = m.group(1) or m.group(2)
        heads = [h for h in gaz.find(name, {"people"}, on=on)]
        if heads and not any(h.valid for h in heads):
            return f"the {name} administration, out of office on {on.isoformat()}"
    return None

