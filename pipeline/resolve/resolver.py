"""Decide which government, if any, each speaker speaks for.

Order of evidence, strongest first:
1. the *head* of the speaker phrase: the role words before its first comma or
   preposition ("a Kremlin critic" is a critic, "campaign officials" and "former foreign
   minister" are not officials of a government, "Lim Soo-seok, spokesperson for the
   Ministry of Foreign Affairs" is a spokesperson). A non-government word there
   (analyst, former, candidate, campaign, lawmaker, party...) makes a non-government
   speaker; a generic head ("spokesman", "official") whose complement names a
   non-government body ("a spokesman for the Trump campaign") does too;
2. a named institution or office holder of one government ("the Kremlin", "Putin"), the
   office holder only within their tenure on the article's date (actors.yaml people
   with from/to); a person named outside every tenure is a non-government speaker;
3. a country, demonym or capital plus a government role, or a country or capital
   standing alone as a metonym ("Russian Foreign Ministry", "Beijing");
4. a government role with no country ("Foreign Ministry spokesperson", "the
   government"): the article's home country, read from the config, the dateline
   ("SEOUL -") or the outlet;
5. a bare name ("Lim") that an earlier or later mention in the article tied to a role.

Countries mentioned in what was said never matter: only the speaker phrase is read.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..types import Article, Speaker
from .gazetteer import Gazetteer, parse_date

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'\- ]{1,40}?)\s*(?:,\s*[A-Z][\w. ]{0,40})?\s*(?:\([^)]{0,40}\))?\s*[—–-]{1,2}\s")
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_COUNTRY_HEADED = {"names", "capitals"}
# where the head of a speaker phrase ends: "spokesman | for the ministry", "Lim | , spokesperson"
_HEAD_END = re.compile(r",|\(|\s[—–]\s|\s--\s|\s(?:of|for|at|with|from|in|to|on|who|which|that|whose)\s", re.IGNORECASE)
# heads that take their affiliation from their complement ("a spokesman for X")
GENERIC_HEADS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials", "aide",
                 "aides", "adviser", "advisers", "advisor", "advisors", "representative", "source", "sources",
                 "leader", "leaders", "chairman", "member", "members", "staff", "staffer", "head", "director"}
LABEL = {"institutions": "institution", "people": "person", "names": "name", "demonyms": "demonym",
         "capitals": "capital", "outlets": "outlet"}
DATE_KEYS = ("date", "publication_date", "published", "pubdate", "datetime", "time")


@dataclass
class Decision:
    government: Optional[str]
    kind: str  # government | non_government | unknown
    role: Optional[str]
    reason: str


class GovernmentResolver:
    def __init__(self, gazetteer: Gazetteer, home_country: Optional[str] = None, date: Optional[str] = None,
                 default_home: Optional[str] = None):
        self.gaz = gazetteer
        self.fixed_home = home_country
        self.default_home = default_home
        self.fixed_date = parse_date(date) if date else None

    # ------------------------------------------------------------ context
    def home_country(self, article: Article) -> tuple[Optional[str], str]:
        """The country an article speaks from: config, dateline, then outlet."""
        if self.fixed_home:
            return self.fixed_home, "config"
        # the dateline opens the body: the first line, or the one after a kept title line
        lines = [ln for ln in article.clean_text.split("\n", 3)[:3] if ln.strip()][:2]
        if len(lines) == 2 and article.title and lines[0].strip() != article.title.strip():
            lines = lines[:1]
        for line in lines:
            m = _DATELINE.match(line[:120])
            if m:
                place = m.group(1).strip()
                gov = self.gaz.place_government(place.title() if place.isupper() else place)
                if gov:
                    return gov, f"dateline {place!r}"
        outlet_text = " ".join([r.text for r in article.removed] + [str(article.metadata.get(k, ""))
                                                                    for k in ("source", "outlet", "url", "publisher")])
        for dm in _DOMAIN.finditer(outlet_text):
            gov = self.gaz.domain_government(dm.group(1))
            if gov:
                return gov, f"outlet domain {dm.group(1)!r}"
        outlets = [m for m in self.gaz.find(outlet_text, {"outlets"})]
        if outlets:
            return outlets[0].government, f"outlet {outlets[0].text!r}"
        if self.default_home:
            return self.default_home, "config default"
        return None, "unknown"

    def article_date(self, article: Article) -> tuple[_dt.date, str]:
        """The date office holders are checked against: config, metadata, file name, else today."""
        if self.fixed_date:
            return self.fixed_date, "config"
        for k in DATE_KEYS:
            d = parse_date(str(article.metadata.get(k) or ""))
            if d:
                return d, f"metadata {k}"
        for where in (article.id, article.source_path):
            d = parse_date(str(where or ""))
            if d:
                return d, "file name"
        return _dt.date.today(), "today (article date unknown)"

    # ------------------------------------------------------------ speakers
    def decide(self, mention: str, home: Optional[str], home_reason: str = "",
               on: Optional[_dt.date] = None) -> Decision:
        matches = self.gaz.find(mention, on=on)
        strong = [m for m in matches if m.field in ("institutions", "people") and m.valid]
        out_of_office = [m for m in matches if m.field == "people" and not m.valid]
        # role words are read with every gazetteer name blanked out ("Workers' Party of Korea")
        residue = _blank(mention, matches)
        head = self._head_role(residue)
        if head is not None and head[1] == "non_gov":
            return Decision(None, "non_government", head[0], f"non-government role {head[0]!r}")
        if strong:
            govs = _ordered_unique(m.government for m in strong)
            return Decision(govs[0], "government", (head[0] if head else None) or LABEL[strong[0].field],
                            f"{LABEL[strong[0].field]} {strong[0].text!r}")
        role = head[0] if head else None
        if out_of_office and not role:
            m = out_of_office[0]
            when = on.isoformat() if on else "today"
            return Decision(None, "non_government", "not in office",
                            f"person {m.text!r} of {m.government} not in office on {when} (tenure {m.tenure})")
        national = [m for m in matches if m.field in ("names", "demonyms", "capitals")]
        if national:
            first = _head_country(mention, national)
            bare = _is_bare(mention, national)
            if role or bare:
                why = f"{LABEL[first.field]} {first.text!r}"
                return Decision(first.government, "government", role or "state", why)
            return Decision(None, "non_government", None, f"national but no government role ({first.text!r})")
        if role:
            if home:
                return Decision(home, "government", role, f"role {role!r} with home country ({home_reason})")
            return Decision(None, "unknown", role, f"role {role!r} but the article's country is unknown")
        return Decision(None, "unknown", None, "no government evidence")

    def _head_role(self, residue: str) -> Optional[tuple[str, str]]:
        """(word, 'gov' | 'non_gov') deciding the speaker's role, or None."""
        words = self.gaz.role_words(residue)
        if not words:
            return None
        segments = _segments(residue)
        for seg_start, head_end, seg_end in segments:
            in_head = [w for w in words if seg_start <= w[0] < head_end]
            if not in_head:
                continue
            non_gov = [w for w in in_head if w[3] == "non_gov"]
            if non_gov:  # "campaign officials", "former minister", "Kremlin critic"
                return non_gov[-1][2], "non_gov"
            last = in_head[-1]
            if last[2] in GENERIC_HEADS:
                rest = [w for w in words if head_end <= w[0] < seg_end]
                rest_non_gov = [w for w in rest if w[3] == "non_gov"]
                if rest_non_gov:  # "a spokesman for the Trump campaign"
                    return rest_non_gov[0][2], "non_gov"
            return last[2], "gov"
        # no role in any head: the first role word anywhere
        first = words[0]
        return first[2], first[3]

    def resolve_article(self, article: Article) -> None:
        home, why = self.home_country(article)
        day, day_why = self.article_date(article)
        article.metadata["home_country"] = home
        article.metadata["home_country_reason"] = why
        article.metadata["resolve_date"] = day.isoformat()
        article.metadata["resolve_date_reason"] = day_why
        people = self._people_roles(article)
        for st in article.statements:
            sp: Speaker = st.speaker
            if not sp.text or sp.text == "(unknown)":
                sp.government, sp.kind, sp.role, sp.reason = None, "unknown", None, "no source"
                continue
            d = self.decide(sp.text, home, why, day)
            if d.kind == "unknown":
                alt = next((people[w] for w in reversed(_name_words(sp.text)) if w in people), None)
                if alt is not None and alt != sp.text:
                    d2 = self.decide(alt, home, why, day)
                    if d2.kind != "unknown":
                        d = Decision(d2.government, d2.kind, d2.role, f"{d2.reason}, via the mention {alt!r}")
            sp.government, sp.kind, sp.role, sp.reason = d.government, d.kind, d.role, d.reason

    def _people_roles(self, article: Article) -> dict[str, str]:
        """Name word -> a longer mention of that person found in the article, so a bare "Lim"
        finds "Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs"."""
        out: dict[str, str] = {}
        for st in article.statements:
            text = st.speaker.text
            if self.gaz.government_role(text) or self.gaz.non_government_role(text):
                for word in _name_words(text.split(",")[0]):
                    out.setdefault(word, text)
        # "Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs" anywhere in the text
        for m in re.finditer(r"\b([A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){0,3}),\s+((?:the\s+|a\s+)?[a-z][\w\s-]{2,80}?)[,.]",
                             article.clean_text):
            role_text = m.group(2)
            if self.gaz.government_role(role_text) or self.gaz.non_government_role(role_text):
                for word in _name_words(m.group(1)):
                    out.setdefault(word, f"{m.group(1)}, {role_text}")
        return out


def _name_words(text: str) -> list[str]:
    """Capitalized words of a name part, not role words ("Foreign Ministry spokesperson Lim" -> Lim)."""
    words = re.findall(r"\b[A-Z][a-z]+", text)
    return [w for w in words if w.lower() not in _NOT_NAMES]


_NOT_NAMES = {"the", "a", "an", "foreign", "ministry", "minister", "president", "spokesperson", "spokesman",
              "spokeswoman", "official", "officials", "deputy", "vice", "prime", "secretary", "state", "senior",
              "former", "chief", "general", "gen", "defense", "affairs", "national", "security", "of", "and"}


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


def _head_country(mention: str, national: list) -> object:
    """The country the speaker belongs to, not one named in a 'to X' or 'on X' phrase."""
    for m in national:
        before = mention[:m.start].rstrip().lower()
        if not re.search(r"\b(?:to|on|with|against|about|toward|towards|in)$", before):
            return m
    return national[0]


def _is_bare(mention: str, national: list) -> bool:
    """'Russia', 'Beijing', 'South Korea's government': the country itself speaks."""
    rest = mention
    for m in sorted(national, key=lambda m: -m.start):
        if m.field in _COUNTRY_HEADED:
            rest = rest[:m.start] + rest[m.end:]
    rest = re.sub(r"\b(?:the|'s|’s|both|and)\b", " ", rest, flags=re.IGNORECASE)
    return not re.search(r"\w", rest) and any(m.field in _COUNTRY_HEADED for m in national)


def _surname(text: str) -> Optional[str]:
    words = re.findall(r"[A-Z][a-z]+", text)
    return words[-1] if words else None
