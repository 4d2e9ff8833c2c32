"""Decide which government, if any, each speaker speaks for.

Order of evidence, strongest first:
1. a named institution or office holder of one government ("the Kremlin", "Putin");
2. a non-government role ("analyst", "former minister", "campaign"): no government;
3. a country, demonym or capital plus a government role, or a country or
   capital standing alone as a metonym ("Russian Foreign Ministry", "Beijing");
4. a government role with no country ("Foreign Ministry spokesperson"): the
   article's home country, read from the dateline or the outlet;
5. a bare name ("Lim") that an earlier or later mention in the article tied to a role.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..types import Article, Speaker
from .gazetteer import Gazetteer

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'\- ]{1,40}?)\s*(?:,\s*[A-Z][\w. ]{0,40})?\s*(?:\([^)]{0,40}\))?\s*[—–-]{1,2}\s")
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_COUNTRY_HEADED = {"names", "capitals"}


@dataclass
class Decision:
    government: Optional[str]
    kind: str  # government | non_government | unknown
    role: Optional[str]
    reason: str


class GovernmentResolver:
    def __init__(self, gazetteer: Gazetteer, home_country: Optional[str] = None):
        self.gaz = gazetteer
        self.fixed_home = home_country

    # ------------------------------------------------------------ context
    def home_country(self, article: Article) -> tuple[Optional[str], str]:
        """The country an article speaks from: config, dateline, then outlet."""
        if self.fixed_home:
            return self.fixed_home, "config"
        m = _DATELINE.match(article.clean_text[:120])
        if m:
            gov = self.gaz.place_government(m.group(1).title() if m.group(1).isupper() else m.group(1))
            if gov:
                return gov, f"dateline {m.group(1).strip()!r}"
        outlet_text = " ".join([r.text for r in article.removed] + [str(article.metadata.get(k, ""))
                                                                    for k in ("source", "outlet", "url", "publisher")])
        for dm in _DOMAIN.finditer(outlet_text):
            gov = self.gaz.domain_government(dm.group(1))
            if gov:
                return gov, f"outlet domain {dm.group(1)!r}"
        outlets = [m for m in self.gaz.find(outlet_text, {"outlets"})]
        if outlets:
            return outlets[0].government, f"outlet {outlets[0].text!r}"
        return None, "unknown"

    # ------------------------------------------------------------ speakers
    def decide(self, mention: str, home: Optional[str], home_reason: str = "") -> Decision:
        matches = self.gaz.find(mention)
        strong = [m for m in matches if m.field in ("institutions", "people")]
        residue = _blank(mention, strong)
        non_gov = self.gaz.non_government_role(residue)
        if non_gov and not (strong and non_gov not in ("former", "ex-", "retired")):
            return Decision(None, "non_government", non_gov, f"non-government role {non_gov!r}")
        if strong:
            govs = _ordered_unique(m.government for m in strong)
            return Decision(govs[0], "government", self.gaz.government_role(mention) or strong[0].field[:-1],
                            f"{strong[0].field[:-1]} {strong[0].text!r}")
        role = self.gaz.government_role(mention)
        national = [m for m in matches if m.field in ("names", "demonyms", "capitals")]
        if national:
            first = _head_country(mention, national)
            bare = _is_bare(mention, national)
            if role or bare:
                why = f"{first.field[:-1] if first.field != 'capitals' else 'capital'} {first.text!r}"
                return Decision(first.government, "government", role or "state", why)
            return Decision(None, "non_government", None, f"national but no government role ({first.text!r})")
        if role:
            if home:
                return Decision(home, "government", role, f"role {role!r} with home country ({home_reason})")
            return Decision(None, "unknown", role, f"role {role!r} but the article's country is unknown")
        return Decision(None, "unknown", None, "no government evidence")

    def resolve_article(self, article: Article) -> None:
        home, why = self.home_country(article)
        article.metadata["home_country"] = home
        article.metadata["home_country_reason"] = why
        people = self._people_roles(article)
        for st in article.statements:
            sp: Speaker = st.speaker
            d = self.decide(sp.text, home, why)
            if d.kind == "unknown":
                alt = people.get(_surname(sp.text))
                if alt is not None:
                    d2 = self.decide(alt, home, why)
                    if d2.kind != "unknown":
                        d = Decision(d2.government, d2.kind, d2.role, f"{d2.reason}, via the mention {alt!r}")
            sp.government, sp.kind, sp.role, sp.reason = d.government, d.kind, d.role, d.reason

    def _people_roles(self, article: Article) -> dict[str, str]:
        """Surname -> a longer mention of that person found in the article ("spokesperson Lim Soo-seok")."""
        out: dict[str, str] = {}
        counts: Counter = Counter()
        for st in article.statements:
            name = _surname(st.speaker.text)
            if name and (self.gaz.government_role(st.speaker.text) or self.gaz.non_government_role(st.speaker.text)):
                out.setdefault(name, st.speaker.text)
                counts[name] += 1
        # "Lim Soo-seok, spokesperson for the Ministry of Foreign Affairs" anywhere in the text
        for m in re.finditer(r"\b([A-Z][a-z]+)(?:[ -][A-Z][a-z]+){0,2},\s+((?:the\s+)?[a-z][\w\s-]{2,80}?)[,.]", article.clean_text):
            role_text = m.group(2)
            if self.gaz.government_role(role_text) or self.gaz.non_government_role(role_text):
                out.setdefault(m.group(1), role_text)
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
