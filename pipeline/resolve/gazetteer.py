"""The actor gazetteer (configs/actors.yaml), compiled into matchers.

Every field of a government is a list of strings. ``people`` may also hold mappings, for
office holders whose tenure matters::

    people:
      - Vladimir Putin                       # always speaks for this government
      - {name: Barack Obama, aliases: [Obama, President Obama], from: 2009-01-20, to: 2017-01-20}
      - {name: Donald Trump, aliases: [Trump], from: 2017-01-20, to: 2021-01-20}
      - {name: Donald Trump, aliases: [Trump], from: 2025-01-20}

A dated person speaks for the government only in articles dated within [from, to); an
article outside every tenure of that person gets a non-government speaker ("not in office
on 2016-05-03"). ``from`` or ``to`` may be left out (open-ended). When the article's date is
unknown, the reference date is today.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..io.yaml_file import read_yaml

FIELDS = ("names", "demonyms", "capitals", "institutions", "people", "cities", "domains", "outlets")
PERSON_KEYS = ("name", "aliases", "from", "to", "role", "note")
TOP_KEYS = ("governments", "government_roles", "non_government_roles")
_RUN = re.compile(r"[^\W_]+")
FIELD_RANK = {"names": 0, "capitals": 1, "institutions": 2, "people": 3, "demonyms": 4, "outlets": 5}


class GazetteerError(ValueError):
    pass


@dataclass(frozen=True)
class Match:
    government: str
    field: str  # which gazetteer field matched
    start: int
    end: int
    text: str
    valid: bool = True  # False: a person matched outside their tenure
    tenure: str = ""  # "2009-01-20..2017-01-20" for dated people
    names: tuple[str, ...] = ()  # people: every name and alias of the people this alias stands for


@dataclass(frozen=True)
class _Entry:
    alias: str
    government: str
    field: str
    start: Optional[_dt.date] = None
    end: Optional[_dt.date] = None
    names: tuple[str, ...] = ()

    def valid_on(self, day: _dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def tenure(self) -> str:
        if self.start is None and self.end is None:
            return ""
        return f"{self.start or ''}..{self.end or ''}"


def _with_name_variants(institutions: list[Any], names: list[str]) -> list[Any]:
    """The institutions, and each one that opens with one of the government's names under its other
    names too: "UN Human Rights Council" is also "United Nations Human Rights Council" and "U.N. ...".
    The exact text of the list comes first, so its matches read as they always did."""
    out = list(institutions)
    seen = {i.lower() for i in institutions if isinstance(i, str)}
    for item in institutions:
        if not isinstance(item, str):
            continue
        for name in names:
            if not item.startswith(name + " "):
                continue
            for other in names:
                variant = other + item[len(name):]
                if variant.lower() not in seen:
                    seen.add(variant.lower())
                    out.append(variant)
    return out


@dataclass
class Gazetteer:
    governments: dict[str, dict[str, list[Any]]]
    government_roles: list[str]
    non_government_roles: list[str]
    path: str = ""
    _patterns: list[tuple[re.Pattern, list[_Entry]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        by_alias: dict[tuple[str, str], list[_Entry]] = {}
        for gov, spec in self.governments.items():
            for fld in ("names", "demonyms", "capitals", "institutions", "people", "outlets"):
                items = spec.get(fld, []) or []
                if fld == "institutions":
                    items = _with_name_variants(items, [n for n in spec.get("names", []) or [] if isinstance(n, str)])
                for item in items:
                    for entry in _entries(item, gov, fld):
                        by_alias.setdefault((entry.alias, fld), []).append(entry)
        # longest first so "South Korean" beats "Korea" and "U.S. Forces Korea" beats "U.S."; where one
        # alias is in two fields ("US" a name and a demonym) the name wins, so "The US said" is the country
        keys = sorted(by_alias, key=lambda k: (-len(k[0]), k[0], FIELD_RANK.get(k[1], 9)))
        # people match with their capitals: "a ban on" is not Ban Ki-moon
        self._patterns = [(_alias_regex(alias, person=(fld == "people")), by_alias[(alias, fld)]) for alias, fld in keys]
        # patterns by the first word of their alias: a text without that word cannot match them
        self._by_first: dict[str, list[int]] = {}
        for i, (alias, _) in enumerate(keys):
            self._by_first.setdefault((_RUN.findall(alias.lower()) or [""])[0], []).append(i)
        # (government, initials of a listed institution's capitalised words) -> that name, for spelled_out
        self._spelled: dict[tuple[str, str], str] = {}
        for gov, spec in self.governments.items():
            for item in spec.get("institutions", []) or []:
                if isinstance(item, str) and " " in item:
                    self._spelled.setdefault((gov, "".join(w[0] for w in item.split() if w[:1].isupper())), item)
        self._gov_roles = _word_regex(self.government_roles)
        self._non_gov_roles = _word_regex(self.non_government_roles)

    def find(self, text: str, fields: Optional[set[str]] = None, on: Optional[_dt.date] = None) -> list[Match]:
        """Non-overlapping matches, longest alias first. People are checked against `on`
        (default today): a person out of office matches with valid=False."""
        day = on or _dt.date.today()
        taken = [False] * len(text)
        out: list[Match] = []
        runs = set(_RUN.findall(text.lower()))
        candidates = sorted(i for r in runs for i in self._by_first.get(r, ()))  # longest alias first, as built
        for i in candidates:
            rx, entries = self._patterns[i]
            fld = entries[0].field
            if fields is not None and fld not in fields:
                continue
            for m in rx.finditer(text):
                s, e = m.span()
                if any(taken[s:e]):
                    continue
                valid = [en for en in entries if en.valid_on(day)]
                chosen = valid[0] if valid else entries[0]
                for i in range(s, e):
                    taken[i] = True
                out.append(Match(chosen.government, fld, s, e, m.group(), bool(valid),
                                 "; ".join(sorted({en.tenure() for en in entries if en.tenure()})),
                                 tuple(dict.fromkeys(n for en in entries for n in en.names))))
        out.sort(key=lambda m: m.start)
        return out

    def government_role(self, text: str) -> Optional[str]:
        m = self._gov_roles.search(text)
        return m.group().lower() if m else None

    def non_government_role(self, text: str) -> Optional[str]:
        m = self._non_gov_roles.search(text)
        return m.group().lower() if m else None

    def role_words(self, text: str) -> list[tuple[int, int, str, str]]:
        """Every government and non-government role word: (start, end, word, 'gov' | 'non_gov')."""
        out = [(m.start(), m.end(), m.group().lower(), "gov") for m in self._gov_roles.finditer(text)]
        out += [(m.start(), m.end(), m.group().lower(), "non_gov") for m in self._non_gov_roles.finditer(text)]
        out.sort()
        # a longer word wins where two overlap ("foreign office" over "office")
        kept: list[tuple[int, int, str, str]] = []
        for w in out:
            if kept and w[0] < kept[-1][1]:
                if w[1] - w[0] > kept[-1][1] - kept[-1][0]:
                    kept[-1] = w
                continue
            kept.append(w)
        return kept

    def spelled_out(self, acronym: str, government: str) -> Optional[str]:
        """The institution of `government` an acronym stands for, by the initials of its name's capitalised
        words ("FBI" -> "Federal Bureau of Investigation", "DHS" -> "Department of Homeland Security"):
        what "the bureau" or "the department" can refer back to. None where no listed name spells it."""
        return self._spelled.get((government, acronym))

    def place_government(self, place: str) -> Optional[str]:
        """Which government a dateline city or capital belongs to."""
        low = place.strip().lower()
        for gov, spec in self.governments.items():
            for fld in ("capitals", "cities"):
                if any(low == a.lower() for a in spec.get(fld, []) or [] if isinstance(a, str)):
                    return gov
        return None

    def domain_government(self, domain: str) -> Optional[str]:
        tld = domain.lower().rstrip(".").rsplit(".", 1)[-1]
        for gov, spec in self.governments.items():
            if tld in [d.lower() for d in spec.get("domains", []) or []]:
                return gov
        return None


def _entries(item: Any, gov: str, fld: str) -> list[_Entry]:
    if isinstance(item, str):
        return [_Entry(item, gov, fld)]
    start, end = _date(item.get("from")), _date(item.get("to"))
    names = [item["name"]] + list(item.get("aliases") or [])
    return [_Entry(n, gov, fld, start, end, tuple(names) if fld == "people" else ()) for n in names]


def _date(value: Any) -> Optional[_dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return parse_date(str(value))


def parse_date(text: str) -> Optional[_dt.date]:
    """YYYY-MM-DD (also YYYY/MM/DD, a leading part of an ISO timestamp) or YYYYMMDD."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)[-/.]?(0[1-9]|1[0-2])[-/.]?(0[1-9]|[12]\d|3[01])(?!\d)", text or "")
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# a middle initial the gazetteer's full name leaves out: "Attorney General Loretta E. Lynch", "Susan E. Rice"
_MIDDLE_INITIAL = r"(?:\s+[A-Z]\.)?\s+"


def _alias_regex(alias: str, person: bool = False) -> re.Pattern:
    """An alias as a whole word; a person's name (`person`) only with its capitals, and with a middle initial the
    gazetteer leaves out."""
    body = re.escape(alias)
    first, _, rest = alias.partition(" ")
    if person and rest and re.fullmatch(r"[A-Z][a-z]+", first) and re.match(r"[A-Z][a-z]", rest):
        body = re.escape(first) + _MIDDLE_INITIAL + re.escape(rest)  # a given name, then the family name
    if not person and alias.isalpha() and alias.isupper() and len(alias) >= 4:
        # an acronym said as a word is also written with one capital or in camel case: "Nato", "Centcom", "CentCom"
        body = alias[0] + "(?i:" + alias[1:] + ")"
    # shorter acronyms and aliases with a number ("No 10": not "number 10" in a sports story) match as written
    flags = 0 if (person or alias.isupper() or re.fullmatch(r"[A-Z.]+", alias)
                  or any(c.isdigit() for c in alias)) else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){body}(?![\w])(?!-\w)" if alias.endswith(".") else rf"(?<![\w]){body}(?![\w])", flags)


def _word_regex(words: list[str]) -> re.Pattern:
    if not words:
        return re.compile(r"(?!x)x")
    alts = "|".join(re.escape(w) + ("" if not re.match(r".*\w$", w) else r"\b")
                    for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})", re.IGNORECASE)


def _check_person(p: Path, where: str, item: Any) -> None:
    if isinstance(item, str):
        return
    if not isinstance(item, dict):
        raise GazetteerError(f"{p}: {where} must be a name or a mapping with keys {', '.join(PERSON_KEYS)}")
    bad = sorted(set(item) - set(PERSON_KEYS))
    if bad:
        raise GazetteerError(f"{p}: {where}: unknown key(s) {', '.join(bad)}; valid keys: {', '.join(PERSON_KEYS)}")
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise GazetteerError(f"{p}: {where}.name must be a non-empty string")
    aliases = item.get("aliases") or []
    if not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
        raise GazetteerError(f"{p}: {where}.aliases must be a list of strings")
    for k in ("from", "to"):
        v = item.get(k)
        if v is not None and _date(v) is None:
            raise GazetteerError(f"{p}: {where}.{k} must be a date YYYY-MM-DD (got {v!r})")
    a, b = _date(item.get("from")), _date(item.get("to"))
    if a and b and b <= a:
        raise GazetteerError(f"{p}: {where}: 'to' ({b}) must come after 'from' ({a})")


@functools.lru_cache(maxsize=8)
def load_gazetteer(path: str) -> Gazetteer:
    p = Path(path)
    data = read_yaml(p, GazetteerError, f"actor gazetteer not found: {p}")
    if not isinstance(data, dict):
        raise GazetteerError(f"{p}: the top level must be a mapping with keys {', '.join(TOP_KEYS)}")
    govs = data.get("governments")
    if not isinstance(govs, dict) or not govs:
        raise GazetteerError(f"{p}: 'governments' must be a mapping of canonical names")
    for name, spec in govs.items():
        if not isinstance(spec, dict):
            raise GazetteerError(f"{p}: governments.{name} must be a mapping with keys {', '.join(FIELDS)}")
        bad = sorted(set(spec) - set(FIELDS))
        if bad:
            raise GazetteerError(f"{p}: governments.{name}: unknown key(s) {', '.join(bad)}; valid keys: {', '.join(FIELDS)}")
        for k, v in spec.items():
            if v is None:
                continue
            if not isinstance(v, list):
                raise GazetteerError(f"{p}: governments.{name}.{k} must be a list")
            if k == "people":
                for i, item in enumerate(v):
                    _check_person(p, f"governments.{name}.people[{i}]", item)
            elif not all(isinstance(x, str) for x in v):
                raise GazetteerError(f"{p}: governments.{name}.{k} must be a list of strings")
    for key in ("government_roles", "non_government_roles"):
        v = data.get(key, [])
        if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
            raise GazetteerError(f"{p}: {key} must be a list of strings")
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise GazetteerError(f"{p}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(TOP_KEYS)}")
    return Gazetteer(governments=govs, government_roles=data.get("government_roles", []) or [],
                     non_government_roles=data.get("non_government_roles", []) or [], path=str(p))
