"""Every country's names, codes and demonyms from pycountry, merged into the actor gazetteer.

configs/actors.yaml stays the place for a government's canonical name, capitals, institutions and
office holders; pycountry (ISO 3166, maintained upstream) brings the other ~200 countries and the
name forms the gazetteer lacks ("Viet Nam", "Syrian Arab Republic", "IRQ"; two-letter codes are
left out: "VA", "PS" and "AF" are more often something else). A country the
gazetteer does not list is named as govbench and SPEC name it: pycountry's ``common_name``, else
its ``name`` ("Iraq", "Holy See (Vatican City State)").

pycountry carries no demonyms. Regular English demonyms are made from the short name ("Iraq" ->
"Iraqi", "Syria" -> "Syrian", "Mexico" -> "Mexican"); irregular ones ("French", "Dutch", "Afghan")
come from bodies.yaml ``demonyms``. A made form that another country also claims is dropped, and
the names in bodies.yaml ``ambiguous_names`` ("Chad", "Jordan", "Jersey") are never read. Dependent
territories (bodies.yaml ``non_government.subnational``: "Hong Kong", "Puerto Rico") are left out.
"""
from __future__ import annotations

import copy
import re
from typing import Any, Optional

from .bodies import BodyLexicon
from .gazetteer import Gazetteer


def _short_forms(country: Any) -> list[str]:
    """Name forms of one pycountry country: 'Korea, Republic of' -> 'Republic of Korea';
    'Holy See (Vatican City State)' -> 'Holy See', 'Vatican City State'."""
    raw = [getattr(country, k, None) for k in ("common_name", "name", "official_name")]
    out: list[str] = []
    for name in [r for r in raw if r]:
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        forms = [name]
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
        if m:
            forms = [m.group(1), m.group(2)]
        m = re.fullmatch(r"([^,]+),\s*(.+)", name)
        if m:  # "Korea, Republic of" -> "Republic of Korea", "Korea"; "Virgin Islands, British" -> both orders
            head, tail = m.group(1), re.sub(r"^the\s+", "", m.group(2), flags=re.IGNORECASE)
            forms = [f"{tail} {head}", head] if re.search(r"\bof(?: the)?$", tail) else [head, f"{tail} {head}"]
        for f in forms:
            f = f.strip()
            if f and f not in out:
                out.append(f)
    return out


def derived_demonyms(name: str) -> list[str]:
    """Regular English demonyms of a one- or two-word country name (for names bodies.yaml does not
    list): Syria -> Syrian, Cuba -> Cuban, Mexico -> Mexican, Iraq -> Iraqi, Peru -> Peruvian."""
    if len(name.split()) > 2 or not re.fullmatch(r"[A-Z][A-Za-z ]+", name):
        return []
    if name.endswith("ia"):
        return [name + "n"]
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("o"):
        return [name[:-1] + "an"]
    if name.endswith(("q", "t", "r")):
        return [name + "i"]
    if name.endswith("u"):
        return [name + "vian"]
    if re.search(r"[^aeiou]y$", name):
        return [name[:-1] + "ian"]
    if name.endswith("stan"):
        return [name + "i"]
    if name.endswith("i"):
        return [name + "an"]
    return []


def _official_with_own_names(country: Any, spec: dict) -> list[str]:
    """pycountry's official name with its short name swapped for the gazetteer's own names of the
    country: "Republic of Türkiye" -> "Republic of Turkey"."""
    official = getattr(country, "official_name", None) or ""
    m = re.fullmatch(rf"(.+ of (?:the )?){re.escape(country.name)}", official)
    if not m:
        return []
    own = [n for n in spec.get("names") or [] if isinstance(n, str) and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", n)]
    return [m.group(1) + n for n in own if n != country.name]


def _gazetteer_government(forms: list[str], by_name: dict[str, str]) -> Optional[str]:
    for f in forms:
        gov = by_name.get(f.lower())
        if gov:
            return gov
    return None


def _country_governments(by_name: dict[str, str], lex: BodyLexicon) -> list[tuple[Any, list[str], str]]:
    """(pycountry country, its name forms, its government's name) for every country that is not a
    dependent territory ("Hong Kong": its government is sub-national)."""
    import pycountry

    out = []
    for c in pycountry.countries:
        forms = _short_forms(c)
        if any(lex.words.get(f.lower()) == "non_gov:subnational" for f in forms):
            continue
        gov = _gazetteer_government(forms, by_name) or getattr(c, "common_name", None) or c.name
        out.append((c, forms, gov))
    return out


def _names_by_government(gaz: Gazetteer) -> dict[str, str]:
    return {a.lower(): gov for gov, spec in gaz.governments.items() for a in (spec.get("names") or [])
            if isinstance(a, str)}


def alpha2_governments(gaz: Gazetteer, lex: BodyLexicon) -> dict[str, str]:
    """ISO 3166 alpha-2 code -> the government's name in `gaz` ("KR" -> "South Korea"), dependent
    territories left out."""
    return {c.alpha_2: gov for c, _, gov in _country_governments(_names_by_government(gaz), lex)}


def with_countries(gaz: Gazetteer, lex: BodyLexicon, more_capitals: Optional[dict[str, str]] = None) -> Gazetteer:
    """A copy of `gaz` that also knows every pycountry country (names, alpha-3 codes,
    demonyms; capitals from bodies.yaml, else from `more_capitals`, alpha-2 code -> capital, such as
    ``places.capitals``). The gazetteer's own entries and names win."""
    more = more_capitals or {}
    govs = copy.deepcopy(gaz.governments)
    taken: dict[str, str] = {}  # lowercased alias -> government, across the gazetteer
    for gov, spec in govs.items():
        for fld in ("names", "demonyms", "capitals", "institutions"):
            for a in spec.get(fld) or []:
                if isinstance(a, str):
                    taken.setdefault(a.lower(), gov)
    by_name = _names_by_government(gaz)
    ambiguous = {a.lower() for a in lex.ambiguous_names}
    proposals: list[tuple[str, str, str]] = []  # (government, field, alias)
    for c, forms, gov in _country_governments(by_name, lex):
        names = [f for f in forms if f.lower() not in ambiguous] + _official_with_own_names(c, govs.get(gov) or {})
        codes = [c.alpha_3] if c.alpha_3 not in lex.code_stopwords else []  # two-letter codes: too many words (VA, PS)
        demonyms = lex.demonyms.get(c.alpha_2) or [d for f in forms[:1] for d in derived_demonyms(f)]
        for a in names + codes:
            proposals.append((gov, "names", a))
        for a in demonyms:
            proposals.append((gov, "demonyms", a))
        for a in lex.capitals.get(c.alpha_2) or ([more[c.alpha_2]] if c.alpha_2 in more else []):
            proposals.append((gov, "capitals", a))
    claims: dict[str, set[str]] = {}
    for gov, _, a in proposals:
        claims.setdefault(a.lower(), set()).add(gov)
    for gov, fld, a in proposals:
        low = a.lower()
        if low in taken or len(claims[low]) > 1:  # the gazetteer's reading, or two countries: skip
            continue
        spec = govs.setdefault(gov, {})
        spec.setdefault(fld, [])
        if spec[fld] is None:
            spec[fld] = []
        if a not in spec[fld]:
            spec[fld].append(a)
    return Gazetteer(governments=govs, government_roles=gaz.government_roles,
                     non_government_roles=gaz.non_government_roles, path=gaz.path)
